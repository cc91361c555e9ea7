/// Header-field rules as Go's server applies them (`httpguts.ValidHeaderFieldName`,
/// `ValidHeaderFieldValue`, `textproto` trimming, case-insensitive names).
enum HeaderSyntax {
    /// A 400 for a name that is not an RFC 9110 token or a value with a control character
    /// other than horizontal tab (Go refuses both before any handler runs).
    static func refusal(name: String, value: String) -> Refusal? {
        guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
            return Refusal(.invalidHeader, "the header name \(Refusal.quoted(name)) is not valid")
        }
        if value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            return Refusal(.invalidHeader, "the \(name) header contains a control character")
        }
        return nil
    }

    /// ASCII case-insensitive name comparison.
    static func named(_ name: String, _ expected: String) -> Bool {
        name.utf8.count == expected.utf8.count
            && zip(name.utf8, expected.utf8).allSatisfy { lowered($0) == lowered($1) }
    }

    /// The value without leading and trailing spaces and tabs.
    static func trimmed(_ value: String) -> String {
        var bytes = value.utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
