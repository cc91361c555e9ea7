/// The member names of one object read so far, to find a new name in the fold set of an
/// earlier one (`GoKey.fold`). Small objects, the usual case, are searched linearly without
/// building folded strings; from `linearLimit` members on, a hash of folded names takes over.
///
/// Folded names are compared with Swift's `String` equality, which for non-ASCII text is
/// canonical equivalence: slightly broader than byte equality (`É` and `E` + U+0301 collide),
/// which only refuses more look-alikes.
struct JSONNameSet {
    static let linearLimit = 16

    /// Bit i set: name i is not pure ASCII (linear mode only).
    private var nonASCII: UInt64 = 0
    private var folded: [String: Int] = [:]
    private var hashed = false

    /// The index of an earlier name that folds like `name`, or nil after recording `name` as
    /// the `names.count`-th. `names` are the names recorded so far, in order.
    mutating func insert(_ name: String, after names: some RandomAccessCollection<String>) -> Int? {
        if !hashed, names.count >= Self.linearLimit {
            hashed = true
            folded.reserveCapacity(names.count * 2)
            for (position, earlier) in names.enumerated() { folded[GoKey.fold(earlier)] = position }
        }
        if hashed {
            return folded.updateValue(names.count, forKey: GoKey.fold(name))
        }
        let isASCII = name.utf8.allSatisfy { $0 < 0x80 }
        var foldedName: String?
        for (position, earlier) in names.enumerated() {
            if isASCII, nonASCII & (1 << position) == 0 {
                if Self.asciiFoldEqual(name, earlier) { return position }
                continue
            }
            foldedName = foldedName ?? GoKey.fold(name)
            if GoKey.fold(earlier) == foldedName { return position }
        }
        if !isASCII { nonASCII |= 1 << names.count }
        return nil
    }

    private static func asciiFoldEqual(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for position in x.indices where x[position] != y[position] {
                    let lower = x[position] | 0x20
                    guard lower == y[position] | 0x20, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) else {
                        return false
                    }
                }
                return true
            }
        }
    }
}
