/// Go's `path.Clean`, which dockerd applies to bind sources (`<dir>/../../etc` and `//etc/`
/// both become `/etc`), and prefix tests on cleaned paths — all on bytes.
enum GoPath {
    /// `path.Clean`: the shortest path equivalent by purely lexical processing.
    static func clean(_ path: String) -> String {
        let bytes = Array(path.utf8)
        if bytes.isEmpty { return "." }
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        let rooted = bytes[0] == slash
        let count = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var read = 0
        var dotdot = 0
        if rooted {
            out.append(slash)
            read = 1
            dotdot = 1
        }
        while read < count {
            if bytes[read] == slash {
                read += 1
            } else if bytes[read] == dot && (read + 1 == count || bytes[read + 1] == slash) {
                read += 1
            } else if bytes[read] == dot && bytes[read + 1] == dot && (read + 2 == count || bytes[read + 2] == slash) {
                read += 2
                if out.count > dotdot {
                    // Back up over the last element and the slash before it.
                    var removed = out.removeLast()
                    while out.count > dotdot && removed != slash { removed = out.removeLast() }
                } else if !rooted {
                    if !out.isEmpty { out.append(slash) }
                    out.append(contentsOf: [dot, dot])
                    dotdot = out.count
                }
            } else {
                if rooted && out.count != 1 || !rooted && !out.isEmpty { out.append(slash) }
                while read < count && bytes[read] != slash {
                    out.append(bytes[read])
                    read += 1
                }
            }
        }
        if out.isEmpty { return "." }
        return String(decoding: out, as: UTF8.self)
    }

    static func isAbsolute(_ path: String) -> Bool {
        path.utf8.first == UInt8(ascii: "/")
    }

    static func isAbsoluteAndClean(_ path: String) -> Bool {
        isAbsolute(path) && clean(path).bytesEqual(path)
    }

    /// Whether the clean absolute `path` is `ancestor` or lies beneath it.
    static func isWithin(_ path: String, _ ancestor: String) -> Bool {
        if ancestor.bytesEqual("/") { return isAbsolute(path) }
        guard path.bytesHavePrefix(ancestor) else { return false }
        let rest = path.utf8.dropFirst(ancestor.utf8.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }
}
