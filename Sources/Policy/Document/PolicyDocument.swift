import DockerAPI

/// A policy file (`apiVersion: dockgate/v1`): named profiles, each extending a built-in one
/// with the operator's allow-lists and ceilings, the profile requests are checked against,
/// and the gate's request limits. Loaded strictly (`PolicyDocument.load`): anything the
/// loader does not understand stops start-up with the file, line and key.
public struct PolicyDocument: Sendable {
    public static let apiVersion = "dockgate/v1"

    /// The profiles the file defines, in file order.
    public let profiles: [Profile]
    /// The profile every request is checked against (`profile:`; default `baseline`).
    public let activeProfile: Profile
    public let limits: GateLimits
    /// The file's custom roles.
    public let roles: [Role]
    /// `nil` without a `teams` section: every certificate the CA signs gets `activeProfile`
    /// on every endpoint, with no ownership. With teams, a certificate matching none is refused.
    public let teams: [Team]?

    public init(
        profiles: [Profile], activeProfile: Profile, limits: GateLimits, roles: [Role] = [], teams: [Team]? = nil
    ) {
        self.profiles = profiles
        self.activeProfile = activeProfile
        self.limits = limits
        self.roles = roles
        self.teams = teams
    }

    /// The team a certificate belongs to: the first in file order that matches it.
    public func resolve(_ identity: CertificateIdentity) -> TeamResolution {
        guard let teams else { return .singleTenant }
        let matching = teams.filter { $0.matches(identity) }
        guard let first = matching.first else { return .unmatched }
        return .team(first, alsoMatched: matching.dropFirst().map(\.name))
    }

    /// The same policy with `profile` active: for single-tenant use and for every team that
    /// names no profile of its own (`serve --profile`).
    public func choosing(_ profile: Profile) -> PolicyDocument {
        PolicyDocument(
            profiles: profiles, activeProfile: profile, limits: limits, roles: roles,
            teams: teams?.map { $0.inheriting(profile) })
    }

    /// A role of this file, else a built-in one.
    public func role(named name: String) -> Role? {
        roles.first { $0.name.bytesEqual(name) } ?? Role.builtin(named: name)
    }

    /// No file: the baseline profile and the default limits.
    public static let builtin = PolicyDocument(profiles: [], activeProfile: .baseline, limits: GateLimits())

    /// A profile of this file, else a built-in one; compared by bytes.
    public func profile(named name: String) -> Profile? {
        profiles.first { $0.name.bytesEqual(name) } ?? Profile.builtin(named: name)
    }
}

/// Request limits the gate applies before any profile (`gate:` in the file).
public struct GateLimits: Sendable, Hashable {
    /// Requests for an older Engine API version are refused.
    public var minimumAPIVersion: APIVersion
    /// The largest JSON body read and checked; larger ones are refused with 413.
    public var maximumInspectedBody: Int

    public init(minimumAPIVersion: APIVersion = "1.24", maximumInspectedBody: Int = 1 << 20) {
        self.minimumAPIVersion = minimumAPIVersion
        self.maximumInspectedBody = maximumInspectedBody
    }
}
