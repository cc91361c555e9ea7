import DockerAPI

/// Check `no-unconfined-security`: seccomp, AppArmor, SELinux, no-new-privileges and the
/// /proc and /sys masks stay as dockerd sets them.
///
/// Restricted fields (`POST /containers/create`, `HostConfig.*` or the top-level aliases):
/// - `SecurityOpt`, each entry read as dockerd's `parseSecurityOpt` reads it (see
///   `SecurityOption`; keys are case-sensitive, `=` or else `:` separates):
///   - `seccomp`: allowed `""` and `builtin` (the default profile); denied `unconfined` and
///     any custom profile (inline JSON can allow every syscall);
///   - `apparmor`: denied `unconfined`; other profile names (loaded by the host admin) allowed;
///   - `label`: denied `disable` (also the bare word `disable`), `user:`, `role:`,
///     `filetype:` and `type:` outside the PSS baseline types (`container_t`,
///     `container_init_t`, `container_kvm_t`, `container_engine_t`); `level:` allowed;
///   - `no-new-privileges`: denied when false (it overrides a daemon-wide setting);
///   - `writable-cgroups` (29.0): denied when true (also the bare word);
///   - anything else (`systempaths=unconfined` is a CLI alias that never reaches dockerd,
///     `SECCOMP=…`, no separator): denied, as dockerd refuses it.
/// - `MaskedPaths`, `ReadonlyPaths`: denied unless absent or `null` — `[]` unmasks /proc and
///   makes /proc/sys writable.
enum CheckNoUnconfinedSecurity {
    static let id = "no-unconfined-security"

    static let allowedSELinuxTypes = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"]

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            for (index, raw) in (try host.securityOpt.get() ?? []).enumerated() {
                if let reason = problem(SecurityOption(raw)) {
                    return .forbidden(reason: reason, detail: detail("\(host.path)SecurityOpt[\(index)]", raw))
                }
            }
            for (field, name) in [(host.maskedPaths, "MaskedPaths"), (host.readonlyPaths, "ReadonlyPaths")] {
                switch field {
                case .absent, .null:
                    continue
                case .invalid(let error):
                    throw error
                case .value(let paths):
                    return .forbidden(
                        reason: "changing \(name) is not allowed: it would remove the /proc and /sys protections",
                        detail: "\(host.path)\(name)=[" + paths.map(quoted).joined(separator: ",") + "]")
                }
            }
            return .allowed
        }
    }

    /// Why an entry is denied, or nil.
    static func problem(_ option: SecurityOption) -> String? {
        switch option {
        case .seccomp(let profile):
            if profile.isEmpty || profile.bytesEqual("builtin") { return nil }
            return profile.bytesEqual("unconfined")
                ? "running without seccomp is not allowed" : "custom seccomp profiles are not allowed"
        case .apparmor(let profile):
            return profile.bytesEqual("unconfined") ? "running without AppArmor is not allowed" : nil
        case .labelDisable:
            return "disabling SELinux labels is not allowed"
        case .label(let value):
            if value.bytesHavePrefix("level:") { return nil }
            if value.bytesHavePrefix("type:"), allowedSELinuxTypes.containsBytes(Substring(value.utf8.dropFirst(5))) {
                return nil
            }
            return "this SELinux label option is not allowed"
        case .noNewPrivileges(let value):
            switch SecurityOption.goBool(value) {
            case true?: return nil
            case false?: return "turning no-new-privileges off is not allowed"
            case nil: return "dockerd does not accept this security option"
            }
        case .writableCgroups(let value):
            switch SecurityOption.goBool(value) {
            case false?: return nil
            case true?: return "writable cgroups are not allowed"
            case nil: return "dockerd does not accept this security option"
            }
        case .invalid(let key?) where key.bytesEqual("systempaths"):
            return "systempaths=unconfined is not allowed"
        case .invalid:
            return "dockerd does not accept this security option"
        }
    }
}

extension Check {
    public static let noUnconfinedSecurity = Check(id: CheckNoUnconfinedSecurity.id, CheckNoUnconfinedSecurity.evaluate)
}
