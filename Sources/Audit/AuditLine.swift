/// The bytes of one audit line, and the way back.
///
/// A line is a JSON object with no whitespace, fields in `AuditField` order, absent optional
/// fields omitted, strings escaped minimally (`\"`, `\\`, `\b \f \n \r \t`, `\u00XX` for other
/// control characters and DEL; everything else as UTF-8). The writer encodes a record once
/// into a `body` (everything up to the chain link) and each sink seals it with its own `prev`.
enum AuditLine {
    /// `{"v":1,…,"note":"…"` without the chain link and the closing brace.
    static func body(of record: AuditRecord) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(768)
        bytes.append(UInt8(ascii: "{"))
        for field in AuditField.allCases {
            guard let value = record.value(of: field) else { continue }
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            appendString(field.rawValue, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            append(value, to: &bytes)
        }
        return bytes
    }

    /// The whole line (no newline): `body` + `,"prev":"<hex>"}`.
    static func seal(_ body: [UInt8], prev: AuditSHA256) -> [UInt8] {
        var bytes = body
        bytes.reserveCapacity(body.count + 76)
        bytes.append(contentsOf: #","prev":""#.utf8)
        bytes.append(contentsOf: prev.hex.utf8)
        bytes.append(contentsOf: #""}"#.utf8)
        return bytes
    }

    /// The record and chain link a line holds, if it is exactly a line dockgate writes.
    static func decode(_ line: [UInt8]) throws(AuditLineProblem) -> (record: AuditRecord, prev: AuditSHA256) {
        var reader = AuditJSONReader(bytes: line)
        let members = try reader.readRecordObject()
        var fields: [AuditField: AuditValue] = [:]
        var last: (field: AuditField, position: Int)?
        for member in members {
            guard let (field, position) = AuditField.byName[member.name] else {
                throw .unknownField(member.name)
            }
            guard fields[field] == nil else { throw .duplicateField(field) }
            if let last, position < last.position { throw .outOfOrder(field, after: last.field) }
            fields[field] = member.value
            last = (field, position)
        }
        if let missing = AuditField.allCases.first(where: { $0.isRequired && fields[$0] == nil }) {
            throw .missingField(missing)
        }
        guard case .string(let prevText) = fields[.prev], let prev = AuditSHA256(hex: prevText), prev.hex == prevText
        else { throw .badValue(.prev, "must be 64 lowercase hex digits") }
        fields[.prev] = nil
        let record = try AuditRecord(fields: fields)
        let canonical = seal(body(of: record), prev: prev)
        if canonical != line {
            let column = zip(canonical, line).prefix { $0 == $1 }.count + 1
            throw .notCanonical(column: column)
        }
        return (record, prev)
    }

    private static func append(_ value: AuditValue, to bytes: inout [UInt8]) {
        switch value {
        case .string(let text): appendString(text, to: &bytes)
        case .integer(let number): bytes.append(contentsOf: String(number).utf8)
        case .map(let pairs):
            bytes.append(UInt8(ascii: "{"))
            for (index, pair) in pairs.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendString(pair.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                appendString(pair.value, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0c: bytes.append(contentsOf: #"\f"#.utf8)
            case 0x0a: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0d: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x00..<0x20, 0x7f:
                let digits = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0f)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
