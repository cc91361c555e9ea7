/// The cursor behind `StrictJSONParser`: a recursive-descent reader over the body's bytes.
/// Strings, names and UTF-8 are in `JSONReader+Strings.swift`.
struct JSONReader {
    let bytes: UnsafeRawBufferPointer
    let maximumDepth: Int
    var index = 0
    /// Reused for strings that contain escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeRawBufferPointer, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    var startsWithByteOrderMark: Bool {
        index + 2 < bytes.count && bytes[index] == 0xEF && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF
    }

    /// JSON whitespace is exactly space, tab, LF and CR (Go's `isSpace`).
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The value starting at the next non-whitespace byte; `depth` counts the enclosing
    /// objects and arrays.
    mutating func readValue(depth: Int) throws(JSONRejection) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw syntax("unexpected end of body, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object(try readObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try readArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): return try readLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try readLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try readLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default: throw syntax("\(JSONRejection.describe(bytes[index])) where a value should start")
        }
    }

    private mutating func readObject(depth: Int) throws(JSONRejection) -> JSONObject {
        try enter(depth: depth)
        var members: [JSONMember] = []
        var names = JSONNameSet()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return JSONObject(checkedMembers: members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw syntax(found("where a member name in double quotes should start"))
            }
            let nameOffset = index
            let name = try readString()
            if let earlier = names.insert(name, after: members.lazy.map(\.key)) {
                let first = members[earlier].key
                throw JSONRejection(
                    kind: .duplicateKey(first: first, second: name), offset: nameOffset,
                    reason: JSONRejection.duplicateReason(first: first, second: name))
            }
            try expect(":", after: "a member name")
            members.append(JSONMember(key: name, value: try readValue(depth: depth)))
            skipWhitespace()
            guard index < bytes.count else { throw syntax("unexpected end of body inside an object") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw syntax("trailing comma in an object")
                }
            case UInt8(ascii: "}"):
                index += 1
                return JSONObject(checkedMembers: members)
            default:
                throw syntax(found("after an object member, expected ',' or '}'"))
            }
        }
    }

    private mutating func readArray(depth: Int) throws(JSONRejection) -> [JSONValue] {
        try enter(depth: depth)
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            elements.append(try readValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw syntax("unexpected end of body inside an array") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { throw syntax("trailing comma in an array") }
            case UInt8(ascii: "]"):
                index += 1
                return elements
            default:
                throw syntax(found("after an array element, expected ',' or ']'"))
            }
        }
    }

    /// Steps over the opening bracket, refusing it when it nests too deep.
    private mutating func enter(depth: Int) throws(JSONRejection) {
        guard depth <= maximumDepth else {
            throw JSONRejection(
                kind: .tooDeep(limit: maximumDepth), offset: index,
                reason: "objects and arrays nested more than \(maximumDepth) deep")
        }
        index += 1
    }

    private mutating func expect(_ character: Unicode.Scalar, after what: String) throws(JSONRejection) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else {
            throw syntax(found("after \(what), expected '\(character)'"))
        }
        index += 1
    }

    private mutating func readLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONRejection) -> JSONValue {
        let start = index
        for expected in UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard index < bytes.count, bytes[index] == expected else {
                index = start
                throw syntax("invalid literal, expected \(word)")
            }
            index += 1
        }
        return value
    }

    private mutating func readNumber() throws(JSONRejection) -> JSONNumber {
        let start = index
        switch JSONNumberSyntax.length(in: bytes, from: start) {
        case .success(let end):
            index = end
            return JSONNumber(checkedText: String(decoding: bytes[start..<end], as: UTF8.self))
        case .failure(.leadingZero(let at)):
            index = at
            throw syntax("number with a leading zero")
        case .failure(.digitExpected(let at)):
            index = at
            throw syntax(found("in a number, expected a digit"))
        }
    }

    func syntax(_ reason: String) -> JSONRejection {
        JSONRejection(kind: .syntax, offset: index, reason: reason)
    }

    /// "'x' <context>", or "end of body <context>".
    func found(_ context: String) -> String {
        index < bytes.count ? "\(JSONRejection.describe(bytes[index])) \(context)" : "end of body \(context)"
    }
}
