/// The fields of an audit line, in the one order they are written: the file format.
///
/// Names are stable: a field is never renamed or reordered; a new field would come with a new
/// format version (`v`). docs/audit.md describes each.
enum AuditField: String, CaseIterable, Sendable {
    case version = "v"
    case time
    case id
    case event
    case client
    case subject
    case team
    case role
    case serial
    case fingerprint
    case san
    case method
    case path
    case apiVersion = "api_version"
    case endpoint
    case objects
    case decision
    case rule
    case reason
    case detail
    case profile
    case status
    case bytesIn = "bytes_in"
    case bytesOut = "bytes_out"
    case durationMicroseconds = "duration_us"
    case hijackDurationMicroseconds = "hijack_duration_us"
    case hijackBytesIn = "hijack_bytes_in"
    case hijackBytesOut = "hijack_bytes_out"
    case bodySHA256 = "body_sha256"
    case policySHA256 = "policy_sha256"
    case note
    /// The chain link: SHA-256 of the previous line. Always last, added by the writer.
    case prev

    /// The format version this code writes and reads.
    static let formatVersion = 1

    /// Present in every line; the others are omitted when they have no value.
    var isRequired: Bool {
        switch self {
        case .version, .time, .id, .event, .prev: true
        case .client, .subject, .team, .role, .serial, .fingerprint, .san, .method, .path, .apiVersion, .endpoint,
            .objects, .decision, .rule, .reason, .detail, .profile, .status, .bytesIn, .bytesOut,
            .durationMicroseconds, .hijackDurationMicroseconds, .hijackBytesIn, .hijackBytesOut, .bodySHA256,
            .policySHA256, .note:
            false
        }
    }

    /// The position of each name in the order, for the reader.
    static let byName: [String: (field: AuditField, position: Int)] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($0.element.rawValue, ($0.element, $0.offset)) })
}

/// A field's value as it appears in a line: a JSON string, an integer, or an object of strings
/// (keys in byte order).
enum AuditValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case map([(key: String, value: String)])

    static func == (lhs: AuditValue, rhs: AuditValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.map(let a), .map(let b)): a.elementsEqual(b) { $0.key == $1.key && $0.value == $1.value }
        case (.string, _), (.integer, _), (.map, _): false
        }
    }

    /// The JSON type's name, for messages.
    var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .map: "an object"
        }
    }
}
