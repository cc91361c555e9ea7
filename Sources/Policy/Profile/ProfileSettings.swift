/// The values a profile's checks compare against. Plain data, validated once when a policy is
/// loaded (`validated()`); the defaults are the baseline's.
public struct ProfileSettings: Sendable, Hashable {
    /// Capabilities `CapAdd` may name, normalised (`CAP_NET_BIND_SERVICE`). Default: none.
    public var allowedCapabilities: [String]
    /// Host directories bind mounts may come from (absolute, clean). Default: none.
    public var allowedHostPathPrefixes: [String]
    /// Host paths that stay forbidden even under an allowed prefix, in addition to
    /// `HostPathRules.protectedPaths` (for example the daemon socket's real location).
    public var additionalProtectedHostPaths: [String]
    /// User names `User` may give. A name is resolved in the image's `/etc/passwd`, which the
    /// image's author controls, so only trusted names are allowed. Default: none.
    public var trustedUserNames: [String]
    /// Group names `GroupAdd` and the group part of `User` may give. Default: none.
    public var trustedGroupNames: [String]
    /// `Runtime` values allowed besides `""` (the daemon's default). Default: `runc`.
    public var allowedRuntimes: [String]
    /// `Sysctls` keys allowed: the namespaced ones Kubernetes' Pod Security Standards
    /// (baseline) allow (docker-api-surface.md §5.1).
    public var allowedSysctls: [String]
    /// `LogConfig.Type` values allowed besides `""` (the daemon's default): drivers that only
    /// write on the host. Default: `json-file`, `local`, `journald`, `none`.
    public var allowedLogDrivers: [String]
    /// Volume drivers allowed besides `""` and `local` (`VolumeDriver`, `DriverConfig.Name`).
    /// Default: none.
    public var allowedVolumeDrivers: [String]

    public static let defaultSysctls = [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
    ]

    public static let defaultLogDrivers = ["json-file", "local", "journald", "none"]

    public init(
        allowedCapabilities: [String] = [], allowedHostPathPrefixes: [String] = [],
        additionalProtectedHostPaths: [String] = [], trustedUserNames: [String] = [],
        trustedGroupNames: [String] = [], allowedRuntimes: [String] = ["runc"],
        allowedSysctls: [String] = ProfileSettings.defaultSysctls,
        allowedLogDrivers: [String] = ProfileSettings.defaultLogDrivers, allowedVolumeDrivers: [String] = []
    ) {
        self.allowedCapabilities = allowedCapabilities
        self.allowedHostPathPrefixes = allowedHostPathPrefixes
        self.additionalProtectedHostPaths = additionalProtectedHostPaths
        self.trustedUserNames = trustedUserNames
        self.trustedGroupNames = trustedGroupNames
        self.allowedRuntimes = allowedRuntimes
        self.allowedSysctls = allowedSysctls
        self.allowedLogDrivers = allowedLogDrivers
        self.allowedVolumeDrivers = allowedVolumeDrivers
    }
}
