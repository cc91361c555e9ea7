/// The values a profile's checks compare against. Plain data, validated once when a policy is
/// loaded (`validated()`); the defaults are the baseline's.
public struct ProfileSettings: Sendable, Hashable {
    /// Capabilities `CapAdd` may name, normalised (`CAP_NET_BIND_SERVICE`). Default: none.
    public var allowedCapabilities: [String]
    /// Host directories bind mounts may come from (absolute, clean). Default: none.
    public var allowedHostPathPrefixes: [String]
    /// Whether bind mounts of allowed host paths must be read-only (`:ro`, `readonly`).
    /// Default: false.
    public var hostPathsReadOnly: Bool
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

    // The restricted profile's requirements (its checks read these; baseline's ignore them).

    /// Image references containers may run, as patterns over the normalised reference
    /// (`docker.io/library/busybox:1.36`, `registry.example.com/web/*`; `*` matches any run of
    /// characters). A pinned reference normalises to `name@sha256:…`, without its tag, as
    /// dockerd ignores the tag then. `nil`: any image.
    public var allowedImages: [String]?
    /// Whether a container's image must be pinned by digest (`name@sha256:…`).
    public var requireImageDigest: Bool
    /// Image names (patterns, normalised like `allowedImages`) that `docker load`, `tag`,
    /// `commit`, `build -t` and `import` may write. `nil`: any name.
    public var writableImageNames: [String]?
    /// Largest memory limit a container may ask for, in bytes. `nil`: no ceiling (the
    /// restricted profile still requires a limit).
    public var maximumMemory: Int64?
    /// Largest CPU limit, in nano-CPUs (`--cpus 0.5` is 500 000 000). `nil`: no ceiling.
    public var maximumNanoCPUs: Int64?
    /// Largest process-count limit (`--pids-limit`). `nil`: no ceiling.
    public var maximumPids: Int64?
    /// Host ports a published port may use.
    public var allowedHostPorts: [PortRange]
    /// Host addresses published ports may bind (never empty, `0.0.0.0` or `::` under the
    /// restricted profile). `nil`: any specific address.
    public var allowedHostIPs: [String]?

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
        allowedLogDrivers: [String] = ProfileSettings.defaultLogDrivers, allowedVolumeDrivers: [String] = [],
        allowedImages: [String]? = nil, requireImageDigest: Bool = false, writableImageNames: [String]? = nil,
        maximumMemory: Int64? = nil, maximumNanoCPUs: Int64? = nil, maximumPids: Int64? = nil,
        allowedHostPorts: [PortRange] = [PortRange(1024, 65535)], allowedHostIPs: [String]? = nil,
        hostPathsReadOnly: Bool = false
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
        self.allowedImages = allowedImages
        self.requireImageDigest = requireImageDigest
        self.writableImageNames = writableImageNames
        self.maximumMemory = maximumMemory
        self.maximumNanoCPUs = maximumNanoCPUs
        self.maximumPids = maximumPids
        self.allowedHostPorts = allowedHostPorts
        self.allowedHostIPs = allowedHostIPs
        self.hostPathsReadOnly = hostPathsReadOnly
    }
}

/// An inclusive range of TCP/UDP port numbers.
public struct PortRange: Sendable, Hashable, CustomStringConvertible {
    public let lower: Int
    public let upper: Int

    public init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    public func contains(_ port: Int) -> Bool { lower <= port && port <= upper }

    public var description: String { lower == upper ? "\(lower)" : "\(lower)-\(upper)" }
}
