import DockerAPI

/// Check `local-log-drivers`: logs stay on the host.
///
/// Restricted field (`POST /containers/create`): `HostConfig.LogConfig.Type` (or the top-level
/// alias). Drivers such as `syslog`, `gelf`, `fluentd`, `splunk` and `awslogs` open
/// connections from the host's network namespace to an address the request chooses, and
/// `awslogs`/`gcplogs` use the host's cloud credentials; plugins run anything.
///
/// Allowed values: absent, `null`, `""` (the daemon's default driver, chosen by the admin),
/// and the profile's `allowedLogDrivers` — by default `json-file`, `local`, `journald` (the
/// host's journal) and `none`. Driver options (`LogConfig.Config`) are not restricted: the
/// local drivers have none that dial out.
enum CheckLocalLogDrivers {
    static let id = "local-log-drivers"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            guard let type = try host.logConfig.get()?.type.get(), !type.isEmpty,
                !context.settings.allowedLogDrivers.containsBytes(type)
            else { return .allowed }
            return .forbidden(
                reason: "log driver \(quoted(type)) is not allowed; use json-file, local or journald",
                detail: detail("\(host.path)LogConfig.Type", type))
        }
    }
}

extension Check {
    public static let localLogDrivers = Check(id: CheckLocalLogDrivers.id, CheckLocalLogDrivers.evaluate)
}
