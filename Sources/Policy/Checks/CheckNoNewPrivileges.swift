import DockerAPI

/// Check `no-new-privileges`: no process in the container can gain privileges through setuid
/// binaries or file capabilities (PSS restricted `allowPrivilegeEscalation: false`, CIS Docker
/// Benchmark 5.26).
///
/// Restricted fields:
/// - `POST /containers/create` (`HostConfig.*` or the top-level aliases): `SecurityOpt` must
///   turn it on, in one of the spellings dockerd's `parseSecurityOpt` accepts — the bare
///   `no-new-privileges`, or `no-new-privileges=` (or, deprecated, `no-new-privileges:`)
///   with a value Go's `strconv.ParseBool` reads as true (`true`, `1`, `t`, `T`, `TRUE`,
///   `True`). Each entry overwrites the setting, so the last one decides; `=false` is also
///   `no-unconfined-security`'s denial. A daemon started with `--no-new-privileges` would
///   set it without the option, but dockgate cannot see the daemon's configuration.
/// - `POST /services/create`, `POST /services/{id}/update`:
///   `TaskTemplate.ContainerSpec.Privileges.NoNewPrivileges` must be true; dockerd drops it
///   below API 1.44 (and 20.10 to 24.0 do not know it), so the request must name API 1.44 or
///   later.
enum CheckNoNewPrivileges {
    static let id = "no-new-privileges"

    static let serviceAPIVersion: APIVersion = "1.44"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let request = context.request
        return .reading { () throws(ViewError) in
            if let host = request.hostConfig {
                let options = try host.securityOpt.get() ?? []
                var enabled = false
                for option in options {
                    if case .noNewPrivileges(let value) = SecurityOption(option) {
                        enabled = SecurityOption.goBool(value) == true
                    }
                }
                if enabled { return .allowed }
                return .forbidden(
                    reason: "no-new-privileges is required: add --security-opt no-new-privileges",
                    detail: detail("\(host.path)SecurityOpt", list: options))
            }
            if request.serviceSpec != nil {
                let spec = try request.containerSpec()
                let privileges = try spec?.privileges.get()
                let path = "\(privileges?.path ?? "\(spec?.path ?? "TaskTemplate.ContainerSpec.")Privileges.")"
                let enabled = try privileges?.noNewPrivileges.get() ?? false
                guard enabled else {
                    return .forbidden(
                        reason: "no-new-privileges is required: set the service's Privileges.NoNewPrivileges to true",
                        detail: "\(path)NoNewPrivileges=false")
                }
                return request.requiresAPIVersion(serviceAPIVersion, for: "a service's NoNewPrivileges")
            }
            return .allowed
        }
    }
}

extension Check {
    public static let noNewPrivileges = Check(id: CheckNoNewPrivileges.id, CheckNoNewPrivileges.evaluate)
}
