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

    public init(profiles: [Profile], activeProfile: Profile, limits: GateLimits) {
        self.profiles = profiles
        self.activeProfile = activeProfile
        self.limits = limits
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
