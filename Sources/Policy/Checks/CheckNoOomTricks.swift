import DockerAPI

/// Check `no-oom-tricks`: the container must not make the kernel's OOM killer spare it at the
/// host's expense.
///
/// Restricted fields (`POST /containers/create`, `HostConfig.*` or the top-level aliases):
/// - `OomScoreAdj`: a negative value makes host processes die first (−1000 was accepted);
/// - `OomKillDisable`: turns the OOM killer off for the container (cgroup v1).
///
/// Allowed values: `OomScoreAdj` absent, `null` or ≥ 0; `OomKillDisable` absent, `null` or
/// `false`.
enum CheckNoOomTricks {
    static let id = "no-oom-tricks"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            if let score = try host.oomScoreAdj.get(), score < 0 {
                return .forbidden(
                    reason: "a negative OOM score adjustment is not allowed", detail: "\(host.path)OomScoreAdj=\(score)"
                )
            }
            if try host.oomKillDisable.get() == true {
                return .forbidden(
                    reason: "disabling the OOM killer is not allowed", detail: "\(host.path)OomKillDisable=true")
            }
            return .allowed
        }
    }
}

extension Check {
    public static let noOomTricks = Check(id: CheckNoOomTricks.id, CheckNoOomTricks.evaluate)
}
