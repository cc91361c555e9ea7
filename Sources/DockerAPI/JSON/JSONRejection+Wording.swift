/// How a rejection names what it found: bytes as `'x'` or `byte 0xFF`, member names quoted
/// in ASCII with JSON escapes (so `"Bind\u017f"` shows what was sent), cut at 64 characters.
extension JSONRejection {
    static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte)
            ? "'\(Character(Unicode.Scalar(byte)))'"
            : "byte 0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))"
    }

    static func duplicateReason(first: String, second: String) -> String {
        let shown = "duplicate key \(quoted(second))"
        return first.utf8.elementsEqual(second.utf8) ? shown : "\(shown) (same field as \(quoted(first)) for dockerd)"
    }

    /// A name quoted for a message: ASCII only, escapes for everything else, at most 64 characters.
    static func quoted(_ name: String) -> String {
        var shown = ""
        for (position, scalar) in name.unicodeScalars.enumerated() {
            if position == 64 {
                shown += "..."
                break
            }
            switch scalar.value {
            case 0x22: shown += "\\\""
            case 0x5C: shown += "\\\\"
            case 0x20...0x7E: shown.unicodeScalars.append(scalar)
            case 0..<0x10000: shown += "\\u" + hex4(scalar.value)
            default:
                let offset = scalar.value - 0x10000
                shown += "\\u" + hex4(0xD800 + (offset >> 10)) + "\\u" + hex4(0xDC00 + (offset & 0x3FF))
            }
        }
        return "\"\(shown)\""
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
