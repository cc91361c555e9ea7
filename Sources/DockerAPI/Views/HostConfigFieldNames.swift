/// The JSON names of every `container.HostConfig` field, its embedded `Resources` included,
/// in any daemon release that accepts HostConfig fields at the top level of a create body
/// (20.10 through 26.x, docker-api-surface.md §2.2): the union of 20.10.24 and 26.1.4.
///
/// None of them equals, even under Go's case folding, a name of `container.Config` or of the
/// wrapper's own fields (`HostConfig`, `NetworkingConfig`, `Cpuset`), so a top-level member
/// that Go matches to one of these names reaches the embedded HostConfig and nothing else.
public enum HostConfigFieldNames {
    public static let all: [String] = [
        "Annotations", "AutoRemove", "Binds", "BlkioDeviceReadBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteBps",
        "BlkioDeviceWriteIOps", "BlkioWeight", "BlkioWeightDevice", "CapAdd", "CapDrop", "Cgroup", "CgroupParent",
        "CgroupnsMode", "ConsoleSize", "ContainerIDFile", "CpuCount", "CpuPercent", "CpuPeriod", "CpuQuota",
        "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpuShares", "CpusetCpus", "CpusetMems", "DeviceCgroupRules",
        "DeviceRequests", "Devices", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "IOMaximumBandwidth",
        "IOMaximumIOps", "Init", "IpcMode", "Isolation", "KernelMemory", "KernelMemoryTCP", "Links", "LogConfig",
        "MaskedPaths", "Memory", "MemoryReservation", "MemorySwap", "MemorySwappiness", "Mounts", "NanoCpus",
        "NetworkMode", "OomKillDisable", "OomScoreAdj", "PidMode", "PidsLimit", "PortBindings", "Privileged",
        "PublishAllPorts", "ReadonlyPaths", "ReadonlyRootfs", "RestartPolicy", "Runtime", "SecurityOpt", "ShmSize",
        "StorageOpt", "Sysctls", "Tmpfs", "UTSMode", "Ulimits", "UsernsMode", "VolumeDriver", "VolumesFrom",
    ]

    /// The names of `container.Config` and of the create wrapper itself (20.10 to 26.x); no
    /// two names of a create body, these and `all`, fold together.
    public static let otherCreateFields: [String] = [
        "Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "ExposedPorts", "Tty",
        "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck", "ArgsEscaped", "Image", "Volumes", "WorkingDir",
        "Entrypoint", "NetworkDisabled", "MacAddress", "OnBuild", "Labels", "StopSignal", "StopTimeout", "Shell",
        "HostConfig", "NetworkingConfig", "Cpuset",
    ]

    /// Whether Go would store the top-level member `key` into a HostConfig field.
    public static func isHostConfigField(_ key: String) -> Bool {
        all.contains { GoKey.matches(key, field: $0) }
    }
}
