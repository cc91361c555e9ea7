import Prometheus

/// dockgate's Prometheus metrics (swift-prometheus). Counters are made on first use with
/// their labels; gauges that mirror other state are set when scraped (`refresh`).
public final class GateMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let durations: DurationHistogram
    private let hijacked: Gauge

    public init() {
        durations = registry.makeDurationHistogram(
            name: "dockgate_request_duration_seconds",
            buckets: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100),
                .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
            ], help: "Time from a request's head to the end of its response (hijacked sessions excluded).")
        hijacked = registry.makeGauge(
            name: "dockgate_hijacked_sessions", help: "Attach, exec and run -i sessions in progress.")
    }

    /// One API call: by endpoint family, decision, team and status; denials also by rule.
    func request(family: String, decision: String, team: String, status: Int?, rule: String?, duration: Duration?) {
        registry.makeCounter(
            name: "dockgate_requests_total",
            labels: [
                ("family", family), ("decision", decision), ("team", team),
                ("status", status.map { "\($0)" } ?? "none"),
            ], help: "API calls by endpoint family, decision, team and HTTP status."
        ).increment()
        if decision != "allow", let rule {
            registry.makeCounter(
                name: "dockgate_denials_total", labels: [("rule", rule)], help: "Refused API calls by rule."
            ).increment()
        }
        if let duration { durations.record(duration) }
    }

    /// A TLS handshake: `ok`, or refused with its reason.
    func handshake(_ result: String, reason: String) {
        registry.makeCounter(
            name: "dockgate_tls_handshakes_total", labels: [("result", result), ("reason", reason)],
            help: "TLS handshakes by result and refusal reason."
        ).increment()
    }

    func upstreamError() {
        registry.makeCounter(
            name: "dockgate_upstream_errors_total", help: "Daemon connections that failed or closed mid-response."
        ).increment()
    }

    func hijackStarted() { hijacked.increment() }
    func hijackEnded() { hijacked.decrement() }

    /// A SIGHUP reload: `ok` or `failed`, and the policy now enforced.
    public func reload(succeeded: Bool, policySHA256: String?) {
        registry.makeCounter(
            name: "dockgate_reloads_total", labels: [("result", succeeded ? "ok" : "failed")],
            help: "Reloads of certificates and policy by result."
        ).increment()
        if succeeded, let policySHA256 { policyLoaded(policySHA256) }
    }

    public func policyLoaded(_ sha256: String) {
        registry.makeGauge(
            name: "dockgate_policy_info", labels: [("sha256", sha256)], help: "The policy file enforced (value 1)."
        ).set(to: 1)
    }

    /// Gauges that mirror state elsewhere, set just before a scrape.
    public func refresh(activeConnections: Int, auditHealthy: Bool?, auditHeld: Int?) {
        registry.makeGauge(name: "dockgate_active_connections", help: "Client connections open.").set(
            to: Double(activeConnections))
        if let auditHealthy {
            registry.makeGauge(name: "dockgate_audit_healthy", help: "1 while every audit sink writes.").set(
                to: auditHealthy ? 1 : 0)
        }
        if let auditHeld {
            registry.makeGauge(
                name: "dockgate_audit_records_held", help: "Audit records waiting for a failing sink."
            ).set(to: Double(auditHeld))
        }
    }
}
