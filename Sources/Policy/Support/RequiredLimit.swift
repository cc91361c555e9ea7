/// A resource limit the restricted profile requires — memory, CPU, process count: set when a
/// container or service is created, at most the profile's ceiling, and never lifted by
/// `docker update`. `memory-limit`, `cpu-limit` and `pids-limit` each describe theirs with one
/// of these and judge values through it, so the three speak alike.
struct RequiredLimit {
    /// What it is, for a sentence: `a memory limit`.
    let noun: String
    /// The `docker run` and `docker update` flag: `--memory`.
    let flag: String
    /// The `docker service create` flag: `--limit-memory`.
    let serviceFlag: String
    /// The profile's ceiling, or nil for none.
    let ceiling: Int64?
    /// A value as the docker user writes it: `2Gi`, `1.5 CPUs`, `256`.
    let format: @Sendable (Int64) -> String

    /// ` (at most 2Gi)`, or nothing without a ceiling.
    var atMost: String { ceiling.map { " (at most \(format($0)))" } ?? "" }

    /// The verdict on the limit a new container or service gets: `value` nil or ≤ 0 is none.
    func required(_ value: Int64?, service: Bool = false, detail: String) -> CheckResult {
        let flag = service ? serviceFlag : self.flag
        guard let value, value > 0 else {
            return .forbidden(reason: "\(noun) is required: add \(flag)\(atMost)", detail: detail)
        }
        return within(value, flag: flag, detail: detail)
    }

    /// The verdict on a value `docker update` sets: nil leaves the container's limit as it is;
    /// a value ≤ 0 removes it.
    func updated(_ value: Int64?, detail: String) -> CheckResult {
        guard let value else { return .allowed }
        guard value > 0 else {
            return .forbidden(
                reason: "removing \(noun) is not allowed: give \(flag) a positive value\(atMost)", detail: detail)
        }
        return within(value, flag: flag, detail: detail)
    }

    /// Denied above the ceiling.
    func within(_ value: Int64, flag: String, detail: String) -> CheckResult {
        guard let ceiling, value > ceiling else { return .allowed }
        return .forbidden(
            reason: "\(noun) of \(format(value)) is above the \(format(ceiling)) allowed: lower \(flag) to at most"
                + " \(format(ceiling))",
            detail: detail)
    }
}
