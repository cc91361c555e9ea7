/// The patterns of `allowedImages` and `writableImageNames`: a normalised image reference in
/// which `*` matches any run of characters, `/` and `:` included (`docker.io/library/*`,
/// `registry.example.com/web/*:*`). Everything else is compared byte for byte.
enum NamePattern {
    /// Whether `pattern` matches the whole of `text`.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern.utf8)
        let text = Array(text.utf8)
        var p = 0
        var t = 0
        // Where the last `*` was, and the text position it is currently matched up to.
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = (p, t)
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let last = star {
                star = (last.pattern, last.text + 1)
                p = last.pattern + 1
                t = last.text + 1
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    /// Whether some pattern matches `text`.
    static func anyMatches(_ patterns: [String], _ text: String) -> Bool {
        patterns.contains { matches($0, text) }
    }
}
