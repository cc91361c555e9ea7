/// Hashes a string by its UTF-8 bytes, the way Go compares strings.
struct GoBytes: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: GoBytes, rhs: GoBytes) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
