/// How runc (`libcontainer/user.GetExecUser`, which dockerd calls for `User` and exec `User`)
/// reads `user[:group]`, reduced to what the policy needs to know.
///
/// The spec is split on every `:`; the first part is the user, the second the group, the
/// rest is ignored (`0:0:x` is uid 0, gid 0). A user part that Go's `Atoi` reads as a number
/// is a uid, whatever `/etc/passwd` says; any other part is a name looked up in the image's
/// `/etc/passwd`, so only a trusted name is known not to be uid 0. An empty user part with a
/// group (`:1000`) keeps the default uid, 0. The group part works the same way against
/// `/etc/group`; an empty one means the user's own group.
struct UserSpec {
    /// How one part of the spec resolves.
    enum Identity: Equatable {
        /// A number in runc's accepted range (0 … 2³¹−1).
        case id(Int64)
        /// A number runc refuses (negative, too large).
        case outOfRange(String)
        /// `root`.
        case root
        /// A name the profile trusts.
        case trustedName(String)
        /// Any other name: resolved inside the image.
        case untrustedName(String)
        /// The part is empty.
        case empty

        var isRoot: Bool {
            switch self {
            case .id(let id): id == 0
            case .root, .empty: true
            case .outOfRange, .trustedName, .untrustedName: false
            }
        }
    }

    let user: Identity
    /// `nil` when the spec has no group part or an empty one (the user's own group applies).
    let group: Identity?

    /// `spec` with the names the profile trusts.
    init(_ spec: String, settings: ProfileSettings) {
        self.init(spec, trustedUsers: settings.trustedUserNames, trustedGroups: settings.trustedGroupNames)
    }

    init(_ spec: String, trustedUsers: [String], trustedGroups: [String]) {
        let parts = spec.splitBytes(":")
        user = Self.identity(parts[0], trusted: trustedUsers)
        group = parts.count > 1 && !parts[1].isEmpty ? Self.identity(parts[1], trusted: trustedGroups) : nil
    }

    /// One part read as runc reads it: a number if `Atoi` takes it, else `root` or a name.
    static func identity(_ part: some StringProtocol, trusted: [String]) -> Identity {
        if part.isEmpty { return .empty }
        if let number = GoAtoi.parse(part) {
            return (0...Int64(Int32.max)).contains(number) ? .id(number) : .outOfRange(String(part))
        }
        if part.bytesEqual("root") { return .root }
        return trusted.containsBytes(part) ? .trustedName(String(part)) : .untrustedName(String(part))
    }
}
