import DockerAPI

/// Check `pids-limit`: every container has a process-count limit, at most the profile's
/// `maximumPids`, and keeps it (CIS Docker Benchmark 5.29: no fork bombs).
///
/// Restricted fields:
/// - `POST /containers/create` (`HostConfig.*` or the top-level aliases): `PidsLimit`
///   (`*int64`) is required, above 0 — `null`, 0, -1 and any negative value are no limit
///   (the create handler turns them into nil) — and at most `maximumPids`;
/// - `POST /containers/{id}/update`: absent or `null` leaves the limit as it is; 0 or a
///   negative value removes it (the update handler stores 0, "unlimited") and is denied, as
///   is a value above the ceiling. (dockerd ignores `PidsLimit` in updates below API 1.40;
///   the value is judged anyway.)
/// - `POST /services/create`, `POST /services/{id}/update`:
///   `TaskTemplate.Resources.Limits.Pids`, required and capped like `PidsLimit`. dockerd
///   zeroes it below API 1.41, so the request must name API 1.41 or later in its path.
enum CheckPidsLimit {
    static let id = "pids-limit"

    static let serviceAPIVersion: APIVersion = "1.41"

    static func limit(_ settings: ProfileSettings) -> RequiredLimit {
        RequiredLimit(
            noun: "a process limit", flag: "--pids-limit", serviceFlag: "--limit-pids", ceiling: settings.maximumPids,
            format: { "\($0)" })
    }

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let limit = limit(context.settings)
        let request = context.request
        return .reading { () throws(ViewError) in
            if let resources = request.hostConfig?.resources {
                let pids = try resources.pidsLimit.get()
                return limit.required(pids, detail: "\(resources.path)PidsLimit=\(pids.map(String.init) ?? "null")")
            }
            if let resources = request.containerUpdate?.resources {
                let pids = try resources.pidsLimit.get()
                return limit.updated(pids, detail: "PidsLimit=\(pids.map(String.init) ?? "null")")
            }
            if let (pids, detail) = try request.serviceLimit(\.pids, named: "Pids") {
                let result = limit.required(pids, service: true, detail: detail)
                if result != .allowed { return result }
                return request.requiresAPIVersion(serviceAPIVersion, for: "a service's process limit")
            }
            return .allowed
        }
    }
}

extension Check {
    public static let pidsLimit = Check(id: CheckPidsLimit.id, CheckPidsLimit.evaluate)
}
