/// A JSON object whose member names are pairwise distinct under Go's key folding (`GoKey`),
/// in the order they were sent.
///
/// Because no two names fold together, the member Go would store into a struct field is unique,
/// and "last one wins" or "objects merge" can never apply: `value(forField:)` is the whole truth.
public struct JSONObject: Sendable, Hashable {
    public let members: [JSONMember]

    /// An object from members, or nil when two names collide under `GoKey.fold`
    /// (dockerd would merge or override them; the gate refuses such bodies).
    public init?(members: [JSONMember]) {
        var names = JSONNameSet()
        for (position, member) in members.enumerated()
        where names.insert(member.key, after: members[..<position].lazy.map(\.key)) != nil {
            return nil
        }
        self.members = members
    }

    /// For the parser, which has already checked the names.
    init(checkedMembers: [JSONMember]) {
        self.members = checkedMembers
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The member Go's `encoding/json` would decode into the struct field whose JSON name is
    /// `field` (for example `"HostConfig"`, `"CpuShares"`): an exact name, or one equal under
    /// Go's case folding (`"hostconfig"`, `"Bind\u{017F}"` for `Binds`). The lookup result
    /// carries the name as sent, so a caller can insist on exact case.
    public func value(forField field: String) -> JSONLookup {
        for member in members where GoKey.matches(member.key, field: field) {
            return .present(member)
        }
        return .absent
    }

    /// The member Go would store under `key` in a `map[string]T` (Labels, Sysctls, DriverOpts…):
    /// map keys are taken byte for byte, with no folding.
    public func value(forMapKey key: String) -> JSONLookup {
        for member in members where member.key.utf8.elementsEqual(key.utf8) {
            return .present(member)
        }
        return .absent
    }
}
