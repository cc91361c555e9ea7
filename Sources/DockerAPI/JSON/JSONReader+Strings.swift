/// Strings and member names: Go's escapes (`\" \\ \/ \b \f \n \r \t \uXXXX`), no raw control
/// characters, and — stricter than Go, which substitutes U+FFFD — only well-formed UTF-8 and
/// properly paired surrogate escapes. `\u0000` is refused as well.
extension JSONReader {
    /// The string whose opening quote is at `index`; leaves `index` after the closing quote.
    mutating func readString() throws(JSONRejection) -> String {
        let start = index + 1
        var cursor = start
        // Fast path: no escapes, so the decoded string is the bytes themselves.
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return String(decoding: bytes[start..<cursor], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            cursor = (0x20..<0x80).contains(byte) ? cursor + 1 : try stepOverCharacter(at: cursor)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[start..<cursor])
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                cursor = try readEscape(at: cursor)
            } else {
                let next = try stepOverCharacter(at: cursor)
                scratch.append(contentsOf: bytes[cursor..<next])
                cursor = next
            }
        }
        index = cursor
        throw syntax("unexpected end of body inside a string")
    }

    /// The offset after the unescaped character at `at`, refusing control characters and
    /// ill-formed UTF-8 (Unicode table 3-7: no overlongs, no encoded surrogates, nothing above
    /// U+10FFFF, no stray or missing continuation bytes).
    private mutating func stepOverCharacter(at: Int) throws(JSONRejection) -> Int {
        let lead = bytes[at]
        if lead < 0x20 {
            index = at
            throw syntax("control character \(JSONRejection.describe(lead)) inside a string; escape it")
        }
        if lead < 0x80 { return at + 1 }
        let (length, secondRange): (Int, ClosedRange<UInt8>)
        switch lead {
        case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, secondRange) = (3, 0x80...0xBF)
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        default: throw invalidUTF8(at: at)
        }
        guard at + length <= bytes.count, secondRange.contains(bytes[at + 1]) else { throw invalidUTF8(at: at) }
        for continuation in (at + 2)..<(at + length) where !(0x80...0xBF).contains(bytes[continuation]) {
            throw invalidUTF8(at: at)
        }
        return at + length
    }

    private mutating func invalidUTF8(at: Int) -> JSONRejection {
        index = at
        return JSONRejection(
            kind: .invalidUTF8, offset: at,
            reason:
                "invalid UTF-8 (\(JSONRejection.describe(bytes[at]))) inside a string, which Go would replace with U+FFFD"
        )
    }

    /// Decodes the escape whose backslash is at `at` into `scratch`; returns the offset after it.
    private mutating func readEscape(at: Int) throws(JSONRejection) -> Int {
        guard at + 1 < bytes.count else {
            index = at + 1
            throw syntax("unexpected end of body inside a string")
        }
        let simple: UInt8
        switch bytes[at + 1] {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): return try readUnicodeEscape(at: at)
        default:
            index = at + 1
            throw syntax(found("after a backslash in a string is not an escape Go accepts"))
        }
        scratch.append(simple)
        return at + 2
    }

    /// `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair, at `at`.
    private mutating func readUnicodeEscape(at: Int) throws(JSONRejection) -> Int {
        let unit = try hexQuad(at: at + 2)
        var scalarValue = unit
        var end = at + 6
        switch unit {
        case 0xD800...0xDBFF:
            let pairsWithLow =
                end + 1 < bytes.count && bytes[end] == UInt8(ascii: "\\") && bytes[end + 1] == UInt8(ascii: "u")
            guard pairsWithLow, let low = try? hexQuad(at: end + 2), (0xDC00...0xDFFF).contains(low) else {
                throw loneSurrogate(at: at, unit: unit)
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            end += 6
        case 0xDC00...0xDFFF:
            throw loneSurrogate(at: at, unit: unit)
        case 0:
            index = at
            throw JSONRejection(
                kind: .nulCharacter, offset: at,
                reason: "\\u0000 (NUL) inside a string, which paths and names cannot hold")
        default:
            break
        }
        // Not a surrogate and at most U+10FFFF, so always a scalar.
        UTF8.encode(Unicode.Scalar(scalarValue)!) { scratch.append($0) }
        return end
    }

    private mutating func hexQuad(at: Int) throws(JSONRejection) -> UInt32 {
        var value: UInt32 = 0
        for position in at..<(at + 4) {
            guard position < bytes.count, let digit = Self.hexDigit(bytes[position]) else {
                index = min(position, bytes.count)
                throw syntax(found("in a \\u escape, expected a hexadecimal digit"))
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func loneSurrogate(at: Int, unit: UInt32) -> JSONRejection {
        index = at
        return JSONRejection(
            kind: .loneSurrogate, offset: at,
            reason:
                "unpaired surrogate \\u\(JSONRejection.hex4(unit)) inside a string, which Go would replace with U+FFFD")
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
