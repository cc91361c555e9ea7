/// Go's `net/url` unescaping, on bytes: `%XX` with two hex digits (either case) becomes one
/// byte, a `%` not followed by two hex digits is an error (`url.EscapeError`; Go's server
/// answers 400 for it in the path and drops the pair in the query). In a query component
/// `+` becomes a space; in a path it stays `+`.
enum PercentDecoding {
    enum Mode {
        case path
        case queryComponent
    }

    /// The decoded bytes, or `nil` for an invalid escape.
    static func decode(_ bytes: some Collection<UInt8>, mode: Mode) -> [UInt8]? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "%"):
                let first = bytes.index(after: index)
                guard first != bytes.endIndex, let high = hexValue(bytes[first]) else { return nil }
                let second = bytes.index(after: first)
                guard second != bytes.endIndex, let low = hexValue(bytes[second]) else { return nil }
                decoded.append(high << 4 | low)
                index = bytes.index(after: second)
            case UInt8(ascii: "+") where mode == .queryComponent:
                decoded.append(UInt8(ascii: " "))
                index = bytes.index(after: index)
            default:
                decoded.append(byte)
                index = bytes.index(after: index)
            }
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    /// Byte-for-byte equality. Swift's `==` treats canonically equivalent strings as equal
    /// (`"\u{212A}"` == `"K"`), Go's does not; everything the daemon compares must be
    /// compared the way Go compares it.
    func sameBytes(as other: some StringProtocol) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}
