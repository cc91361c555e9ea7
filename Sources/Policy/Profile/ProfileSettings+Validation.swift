/// A setting a policy file cannot use, named by its key, for the start-up error.
public struct ProfileSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The setting (`allowedCapabilities`).
    public let key: String
    public let problem: String

    public var description: String { "\(key): \(problem)" }
}

extension ProfileSettings {
    /// The settings with capability names normalised, or the first unusable value: an
    /// unknown capability or `ALL`; a host path prefix that is not absolute and clean or is
    /// `/`; a protected path that is not absolute and clean; an empty or `root` trusted name;
    /// an empty runtime, sysctl, log driver or volume driver; an image pattern that is empty, or
    /// has no `*` and is not a normalised reference (`busybox` would never match anything).
    public func validated() throws(ProfileSettingsError) -> ProfileSettings {
        var result = self
        result.allowedCapabilities = []
        for raw in allowedCapabilities {
            switch CapabilityName.normalise(raw) {
            case .all:
                throw ProfileSettingsError(key: "allowedCapabilities", problem: "ALL cannot be allowed")
            case .name(let name) where CapabilityName.known.containsBytes(name):
                result.allowedCapabilities.append(name)
            case .name:
                throw ProfileSettingsError(key: "allowedCapabilities", problem: "unknown capability \(quoted(raw))")
            }
        }
        for prefix in allowedHostPathPrefixes where !GoPath.isAbsoluteAndClean(prefix) || prefix.bytesEqual("/") {
            throw ProfileSettingsError(
                key: "allowedHostPathPrefixes",
                problem: "\(quoted(prefix)) must be an absolute, clean path other than /")
        }
        for path in additionalProtectedHostPaths where !GoPath.isAbsoluteAndClean(path) {
            throw ProfileSettingsError(
                key: "additionalProtectedHostPaths", problem: "\(quoted(path)) must be an absolute, clean path")
        }
        for (key, names) in [("trustedUserNames", trustedUserNames), ("trustedGroupNames", trustedGroupNames)] {
            for name in names where name.isEmpty || name.bytesEqual("root") || name.utf8.contains(UInt8(ascii: ":")) {
                throw ProfileSettingsError(key: key, problem: "\(quoted(name)) cannot be trusted")
            }
        }
        let lists = [
            ("allowedRuntimes", allowedRuntimes), ("allowedSysctls", allowedSysctls),
            ("allowedLogDrivers", allowedLogDrivers), ("allowedVolumeDrivers", allowedVolumeDrivers),
        ]
        for (key, values) in lists where values.contains(where: \.isEmpty) {
            throw ProfileSettingsError(key: key, problem: "an empty name is not a value")
        }
        let patterns = [("allowedImages", allowedImages), ("writableImageNames", writableImageNames)]
        for (key, values) in patterns where values?.contains(where: \.isEmpty) == true {
            throw ProfileSettingsError(key: key, problem: "an empty pattern is not a value")
        }
        for (key, values) in patterns {
            for pattern in values ?? [] where !pattern.containsByte("*") {
                if let problem = Self.problem(imagePattern: pattern) {
                    throw ProfileSettingsError(key: key, problem: problem)
                }
            }
        }
        let ceilings = [("maxMemory", maximumMemory), ("maxCPUs", maximumNanoCPUs), ("maxPids", maximumPids)]
        for (key, value) in ceilings where (value ?? 1) <= 0 {
            throw ProfileSettingsError(key: key, problem: "must be positive")
        }
        for range in allowedHostPorts where !(1 <= range.lower && range.lower <= range.upper && range.upper <= 65535) {
            throw ProfileSettingsError(
                key: "allowedHostPorts", problem: "\(range) is not a range of ports between 1 and 65535")
        }
        for address in allowedHostIPs ?? [] where !IPAddressText.isSpecific(address) {
            throw ProfileSettingsError(
                key: "allowedHostIPs", problem: "\(quoted(address)) is not a specific IPv4 or IPv6 address")
        }
        return result
    }

    /// Why a pattern without `*` can never match a normalised image reference, or nil.
    static func problem(imagePattern pattern: String) -> String? {
        switch ImageReference(parsingAny: pattern) {
        case .named(let named) where named.normalised.bytesEqual(pattern):
            return nil
        case .named(let named):
            return "\(quoted(pattern)) never matches: patterns match normalised references such as"
                + " \(named.normalised) (use * for any tag)"
        case .id, .invalid:
            return "\(quoted(pattern)) is not an image name such as docker.io/library/busybox:1.36"
        }
    }
}
