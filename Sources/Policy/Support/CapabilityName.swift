/// Capability names as dockerd normalises them (`caps.NormalizeLegacyCapabilities`):
/// `strings.ToUpper`, then `ALL` as is, else a `CAP_` prefix when missing.
///
/// Go's `ToUpper` is Unicode-aware, and two non-ASCII letters upper-case into ASCII (see
/// `goUppercased`), so `ſys_admin` is `CAP_SYS_ADMIN` to dockerd. Every other non-ASCII
/// character stays non-ASCII and so never names a capability.
enum CapabilityName {
    enum Normalised: Equatable {
        case all
        case name(String)
    }

    static func normalise(_ raw: String) -> Normalised {
        let upper = raw.goUppercased
        if upper.bytesEqual("ALL") { return .all }
        return .name(upper.bytesHavePrefix("CAP_") ? upper : "CAP_" + upper)
    }

    /// Every capability Linux defines (0–40), as dockerd knows them.
    static let known: [String] = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
        "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO",
        "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
        "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
        "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
        "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ]
}
