import DockerAPI
import Testing

/// Shared by the JSON*Tests files: parse text or bytes, capture a rejection, walk field paths.
enum JSONTest {
    static func parse(_ text: String, limits: JSONLimits = JSONLimits()) throws(JSONRejection) -> JSONValue {
        try StrictJSONParser.parse(Array(text.utf8), limits: limits)
    }

    /// The rejection of `bytes`, or nil when they parse.
    static func rejection(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) -> JSONRejection? {
        do {
            _ = try StrictJSONParser.parse(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    static func rejection(_ text: String, limits: JSONLimits = JSONLimits()) -> JSONRejection? {
        rejection(Array(text.utf8), limits: limits)
    }

    /// Follows struct fields the way Go descends (`["HostConfig", "Privileged"]`); a step
    /// through something that is not an object is a test failure.
    static func lookup(_ value: JSONValue, _ path: [String]) -> JSONLookup {
        var current = value
        var result = JSONLookup.absent
        for field in path {
            guard let object = current.objectValue else {
                Issue.record("\(field): \(current) is not an object")
                return .absent
            }
            result = object.value(forField: field)
            guard let next = result.value else { return .absent }
            current = next
        }
        return result
    }

    static func lookup(_ text: String, _ path: [String]) throws(JSONRejection) -> JSONLookup {
        lookup(try parse(text), path)
    }
}

extension JSONRejection.Kind {
    /// The kind without its payload, for tables that only care which rule fired.
    var name: String {
        switch self {
        case .tooLarge: "tooLarge"
        case .empty: "empty"
        case .syntax: "syntax"
        case .byteOrderMark: "byteOrderMark"
        case .invalidUTF8: "invalidUTF8"
        case .loneSurrogate: "loneSurrogate"
        case .nulCharacter: "nulCharacter"
        case .trailingData: "trailingData"
        case .tooDeep: "tooDeep"
        case .duplicateKey: "duplicateKey"
        }
    }
}
