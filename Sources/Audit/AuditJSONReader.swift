/// Reads the one JSON shape an audit line has: an object whose values are strings, integers,
/// or objects of strings. Members come back in line order, so the caller can check the order.
///
/// Standard JSON is accepted here (whitespace, any escape); `AuditLine.decode` then insists on
/// the exact bytes dockgate writes, and reports the difference separately.
struct AuditJSONReader {
    struct Member {
        let name: String
        let value: AuditValue
    }

    private let bytes: [UInt8]
    private var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func readRecordObject() throws(AuditLineProblem) -> [Member] {
        guard !bytes.isEmpty else { throw .syntax(column: 1, "empty line") }
        var members: [Member] = []
        try readObject { (reader: inout AuditJSONReader, name: String) throws(AuditLineProblem) in
            members.append(Member(name: name, value: try reader.readValue()))
        }
        skipWhitespace()
        guard index == bytes.count else { throw problem("data after the record's closing brace") }
        return members
    }

    private mutating func readValue() throws(AuditLineProblem) -> AuditValue {
        guard let next = peek() else { throw problem("line ends before a value") }
        switch next {
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try readInteger())
        case UInt8(ascii: "{"):
            var pairs: [(key: String, value: String)] = []
            try readObject { (reader: inout AuditJSONReader, key: String) throws(AuditLineProblem) in
                guard case .string(let value) = try reader.readValue() else {
                    throw reader.problem("object ids must be strings")
                }
                if let previous = pairs.last, !previous.key.utf8.lexicographicallyPrecedes(key.utf8) {
                    throw reader.problem(
                        "object keys must be unique and in byte order (\"\(key)\" after \"\(previous.key)\")")
                }
                pairs.append((key, value))
            }
            return .map(pairs)
        default:
            throw problem("expected a string, an integer or an object")
        }
    }

    /// `{` then `"name": <member>` separated by commas, then `}`; `member` reads each value.
    private mutating func readObject(
        _ member: (inout AuditJSONReader, String) throws(AuditLineProblem) -> Void
    ) throws(AuditLineProblem) {
        skipWhitespace()
        try expect(UInt8(ascii: "{"), "expected '{'")
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw problem("expected a field name") }
            let name = try readString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':' after \"\(name)\"")
            skipWhitespace()
            try member(&self, name)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ",")?: index += 1
            case UInt8(ascii: "}")?:
                index += 1
                return
            default: throw problem(index == bytes.count ? "line ends inside the record" : "expected ',' or '}'")
            }
        }
    }

    private mutating func readString() throws(AuditLineProblem) -> String {
        let start = index
        try expect(UInt8(ascii: "\""), "expected '\"'")
        var utf8: [UInt8] = []
        while true {
            guard let byte = peek() else { throw problem("line ends inside a string") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                let text = String(decoding: utf8, as: UTF8.self)
                guard text.utf8.elementsEqual(utf8) else {
                    throw .syntax(column: start + 1, "string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                try readEscape(into: &utf8)
            case 0x00..<0x20:
                index -= 1
                throw problem("raw control character in a string")
            default:
                utf8.append(byte)
            }
        }
    }

    private mutating func readEscape(into utf8: inout [UInt8]) throws(AuditLineProblem) {
        guard let byte = peek() else { throw problem("line ends inside an escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0c)
        case UInt8(ascii: "n"): utf8.append(0x0a)
        case UInt8(ascii: "r"): utf8.append(0x0d)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xd800..<0xdc00).contains(scalar) {
                guard peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                else { throw problem("unpaired surrogate escape") }
                index += 2
                let low = try readHex4()
                guard (0xdc00..<0xe000).contains(low) else { throw problem("unpaired surrogate escape") }
                scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw problem("unpaired surrogate escape") }
            utf8.append(contentsOf: String(Character(unicode)).utf8)
        default:
            index -= 1
            throw problem("unknown escape")
        }
    }

    private mutating func readHex4() throws(AuditLineProblem) -> UInt32 {
        let digits = bytes[index..<min(index + 4, bytes.count)]
        guard digits.count == 4, digits.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
            let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16)
        else { throw problem("expected 4 hex digits") }
        index += 4
        return value
    }

    private mutating func readInteger() throws(AuditLineProblem) -> Int {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        if let byte = peek(), [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(byte) {
            throw problem("numbers in a record are integers")
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits == "0" || !digits.hasPrefix("0"), let number = Int(text) else {
            index = start
            throw problem("malformed or out-of-range integer")
        }
        return number
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func expect(_ byte: UInt8, _ message: String) throws(AuditLineProblem) {
        guard peek() == byte else { throw problem(message) }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), [0x20, 0x09, 0x0a, 0x0d].contains(byte) { index += 1 }
    }

    private func problem(_ message: String) -> AuditLineProblem { .syntax(column: index + 1, message) }
}
