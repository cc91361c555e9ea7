import DockerAPI

/// The outcome of one check: allowed, or forbidden with a reason and a detail (Kubernetes
/// pod-security-admission's `CheckResult`), plus the fact it lacked when that was why.
public enum CheckResult: Sendable, Hashable {
    case allowed
    case forbidden(reason: String, detail: String, missingFact: FactQuery? = nil)

    /// Runs `body`, turning a field dockerd cannot decode into a denial naming that field
    /// (dockerd would answer 400; a type it reads differently would be a parser differential).
    static func reading(_ body: () throws(ViewError) -> CheckResult) -> CheckResult {
        do {
            return try body()
        } catch {
            return .unreadable(error)
        }
    }

    /// The denial for a field or body dockerd cannot decode.
    static func unreadable(_ error: ViewError) -> CheckResult {
        .forbidden(reason: "the request cannot be read as dockerd would read it: \(error)", detail: error.path)
    }

    /// The same result with `prefix` before a denial's reason.
    func prefixingReason(_ prefix: String) -> CheckResult {
        switch self {
        case .allowed: .allowed
        case .forbidden(let reason, let detail, let missingFact):
            .forbidden(reason: prefix + reason, detail: detail, missingFact: missingFact)
        }
    }

    /// The denial for a fact the gate did not supply.
    static func undetermined(_ what: String, missing fact: FactQuery, detail: String) -> CheckResult {
        .forbidden(reason: "could not determine \(what)", detail: detail, missingFact: fact)
    }
}
