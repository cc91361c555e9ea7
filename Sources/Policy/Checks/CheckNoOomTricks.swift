import DockerAPI

/// Check `no-oom-tricks`: the container must not make the kernel's OOM killer spare it at the
/// host's expense.
///
/// Restricted fields:
/// - `POST /containers/create` (`HostConfig.*` or the top-level aliases): `OomScoreAdj` — a
///   negative value makes host processes die first (−1000 was accepted) — and
///   `OomKillDisable`, which turns the OOM killer off for the container (cgroup v1);
/// - `POST /services/create`, `POST /services/{id}/update`:
///   `TaskTemplate.ContainerSpec.OomScoreAdj` (API 1.46, int64), as `OomScoreAdj`.
///
/// Allowed values: `OomScoreAdj` absent, `null` or ≥ 0; `OomKillDisable` absent, `null` or
/// `false`.
enum CheckNoOomTricks {
    static let id = "no-oom-tricks"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        .reading { () throws(ViewError) in
            if let host = context.request.hostConfig {
                let result = score(try host.oomScoreAdj.get().map(Int64.init), path: "\(host.path)OomScoreAdj")
                if result != .allowed { return result }
                if try host.oomKillDisable.get() == true {
                    return .forbidden(
                        reason: "disabling the OOM killer is not allowed", detail: "\(host.path)OomKillDisable=true")
                }
            }
            if let spec = try context.request.containerSpec() {
                return score(try spec.oomScoreAdj.get(), path: "\(spec.path)OomScoreAdj")
            }
            return .allowed
        }
    }

    static func score(_ score: Int64?, path: String) -> CheckResult {
        guard let score, score < 0 else { return .allowed }
        return .forbidden(reason: "a negative OOM score adjustment is not allowed", detail: "\(path)=\(score)")
    }
}

extension Check {
    public static let noOomTricks = Check(id: CheckNoOomTricks.id, CheckNoOomTricks.evaluate)
}
