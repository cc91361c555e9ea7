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
///
/// Restricted fields (`POST /services/create`, `POST /services/{id}/update`):
/// `TaskTemplate.ContainerSpec.Privileges`, held to the `SecurityOpt` rules above through the
/// entries the swarm executor makes of it:
/// - `Seccomp.Mode` (API 1.44): `unconfined` is `seccomp=unconfined`, `custom` a custom
///   profile, both denied; allowed `""` and `default`; any other value is denied (dockerd
///   would read it as `default`, dockgate does not guess);
/// - `AppArmor.Mode` (API 1.44): `disabled` is `apparmor=unconfined`, denied; allowed `""` and
///   `default`, any other value denied;
/// - `SELinuxContext`: `Disable` is `label=disable`, `User`, `Role`, `Type`, `Level` are
///   `label=user:…` and so on, judged as those entries;
/// - `NoNewPrivileges` false adds no entry (the daemon's default applies), so it is allowed.
/// Services have no `MaskedPaths`, `ReadonlyPaths` or free-form `SecurityOpt`.
enum CheckNoUnconfinedSecurity {
    static let id = "no-unconfined-security"

    static let allowedSELinuxTypes = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"]

    static func evaluate(_ context: CheckContext) -> CheckResult {
        .reading { () throws(ViewError) in
            if let host = context.request.hostConfig { return try hostConfig(host) }
            if let privileges = try context.request.containerSpec()?.privileges.get() {
                return try service(privileges)
            }
            return .allowed
        }
    }

    static func hostConfig(_ host: HostConfigView) throws(ViewError) -> CheckResult {
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
                    detail: detail("\(host.path)\(name)", list: paths))
            }
        }
        return .allowed
    }

    /// A service's `Privileges`, as the `SecurityOpt` entries the executor makes of them.
    static func service(_ privileges: PrivilegesView) throws(ViewError) -> CheckResult {
        let path = privileges.path
        let modes: [(Field<ModeView>, String, [(mode: String, option: String)])] = [
            // `custom` becomes `seccomp=<Profile>`; any profile text is a custom profile.
            (privileges.seccomp, "Seccomp", [("unconfined", "seccomp=unconfined"), ("custom", "seccomp=custom")]),
            (privileges.appArmor, "AppArmor", [("disabled", "apparmor=unconfined")]),
        ]
        for (field, name, options) in modes {
            guard let mode = try field.get()?.mode.get(), !mode.isEmpty, !mode.bytesEqual("default") else { continue }
            let modeDetail = detail("\(path)\(name).Mode", mode)
            guard let option = options.first(where: { $0.mode.bytesEqual(mode) })?.option else {
                return .forbidden(
                    reason: "\(name) mode \(quoted(mode)) is not allowed; use default", detail: modeDetail)
            }
            if let reason = problem(SecurityOption(option)) { return .forbidden(reason: reason, detail: modeDetail) }
        }
        guard let selinux = try privileges.seLinuxContext.get() else { return .allowed }
        if try selinux.disable.get() == true {
            return .forbidden(
                reason: "disabling SELinux labels is not allowed", detail: "\(path)SELinuxContext.Disable=true")
        }
        let labels = [
            (selinux.user, "User", "user"), (selinux.role, "Role", "role"), (selinux.level, "Level", "level"),
            (selinux.type, "Type", "type"),
        ]
        for (field, name, key) in labels {
            guard let value = try field.get(), !value.isEmpty else { continue }
            if let reason = problem(SecurityOption("label=\(key):\(value)")) {
                return .forbidden(reason: reason, detail: detail("\(path)SELinuxContext.\(name)", value))
            }
        }
        return .allowed
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
