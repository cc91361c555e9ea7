import DockerAPI

/// Check `local-log-drivers`: logs stay on the host.
///
/// Restricted fields:
/// - `POST /containers/create`: `HostConfig.LogConfig.Type` (or the top-level alias);
/// - `POST /services/create`, `POST /services/{id}/update`: `TaskTemplate.LogDriver.Name`,
///   which the executor makes the task container's `LogConfig.Type`.
///
/// Drivers such as `syslog`, `gelf`, `fluentd`, `splunk` and `awslogs` open connections from
/// the host's network namespace to an address the request chooses, and `awslogs`/`gcplogs`
/// use the host's cloud credentials; plugins run anything.
///
/// Allowed values: absent, `null`, `""` (the daemon's default driver, or the swarm's, chosen
/// by the admin), and the profile's `allowedLogDrivers` — by default `json-file`, `local`,
/// `journald` (the host's journal) and `none`. Driver options (`LogConfig.Config`,
/// `LogDriver.Options`) are not restricted: the local drivers have none that dial out.
enum CheckLocalLogDrivers {
    static let id = "local-log-drivers"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        .reading { () throws(ViewError) in
            if let host = context.request.hostConfig {
                return verdict(
                    try host.logConfig.get()?.type.get(), path: "\(host.path)LogConfig.Type", context: context)
            }
            if let template = try context.request.taskTemplate() {
                return verdict(
                    try template.logDriver.get()?.name.get(), path: "\(template.path)LogDriver.Name", context: context)
            }
            return .allowed
        }
    }

    static func verdict(_ driver: String?, path: String, context: CheckContext) -> CheckResult {
        guard let driver, !driver.isEmpty, !context.settings.allowedLogDrivers.containsBytes(driver) else {
            return .allowed
        }
        return .forbidden(
            reason: "log driver \(quoted(driver)) is not allowed; use json-file, local or journald",
            detail: detail(path, driver))
    }
}

extension Check {
    public static let localLogDrivers = Check(id: CheckLocalLogDrivers.id, CheckLocalLogDrivers.evaluate)
}
