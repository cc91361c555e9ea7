/// A JSON document as dockerd's Go `encoding/json` decoder reads it, produced by
/// `StrictJSONParser` only when that reading is unambiguous.
///
/// Every distinction the daemon makes survives: members keep their order and their names as
/// decoded (escapes resolved), numbers keep their exact source text, and an absent member, a
/// `null` and an empty array stay three different things (`MaskedPaths: []` unmasks /proc,
/// `null` keeps the defaults).
///
/// Equality is Go's: strings and names compare by their UTF-8 bytes, not by Swift's canonical
/// equivalence (under which `"\u{212A}"` equals `"K"` although the daemon sees two strings).
public enum JSONValue: Sendable {
    case object(JSONObject)
    case array([JSONValue])
    case string(String)
    case number(JSONNumber)
    case bool(Bool)
    case null
}

extension JSONValue {
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var numberValue: JSONNumber? {
        if case .number(let number) = self { return number }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The JSON type's name as Go's error messages spell it (`cannot unmarshal string into …`).
    public var kindName: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .null: "null"
        }
    }
}

extension JSONValue: Hashable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a.utf8.elementsEqual(b.utf8)
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.object, _), (.array, _), (.string, _), (.number, _), (.bool, _), (.null, _): false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .object(let object):
            hasher.combine(0)
            hasher.combine(object)
        case .array(let elements):
            hasher.combine(1)
            hasher.combine(elements)
        case .string(let text):
            hasher.combine(2)
            hasher.combine(GoBytes(text))
        case .number(let number):
            hasher.combine(3)
            hasher.combine(number)
        case .bool(let flag):
            hasher.combine(4)
            hasher.combine(flag)
        case .null:
            hasher.combine(5)
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The canonical encoding (see `canonicalBytes()`), for logs and test failures.
    public var description: String { String(decoding: canonicalBytes(), as: UTF8.self) }
}
