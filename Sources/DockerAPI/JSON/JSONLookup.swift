/// The outcome of looking a field up in a `JSONObject`: absent, or present with the member as
/// sent (its value may be `.null`, which Go treats differently from absence on pointers,
/// slices and maps, and ignores on plain bools, numbers and strings).
public enum JSONLookup: Sendable, Hashable {
    case absent
    case present(JSONMember)

    public var value: JSONValue? {
        switch self {
        case .absent: nil
        case .present(let member): member.value
        }
    }

    /// The member name as the client spelled it.
    public var key: String? {
        switch self {
        case .absent: nil
        case .present(let member): member.key
        }
    }

    public var isAbsent: Bool { self == .absent }

    /// Present with the value `null`.
    public var isNull: Bool { value?.isNull ?? false }
}
