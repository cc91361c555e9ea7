import Prometheus

/// dockgate's Prometheus metrics (swift-prometheus). Counters are made on first use with
/// their labels; gauges that mirror other state are set when scraped (`refresh`).
public final class GateMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let durations: DurationHistogram
    private let hijacked: Gauge

    /// `dockgate_<name>_<unit>` with its help line.
    private static func named(_ name: String, _ unit: String = "", _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "dockgate", metricName: name, unitName: unit, helpText: help)
    }

    public init() {
        durations = registry.makeDurationHistogram(
            descriptor: Self.named(
                "request_duration", "seconds",
                "Time from a request's head to the end of its response (hijacked sessions excluded)."),
            buckets: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100),
                .milliseconds(500), .seconds(1), .seconds(5), .seconds(30),
            ])
        hijacked = registry.makeGauge(
            descriptor: Self.named("hijacked_sessions", "", "Attach, exec and run -i sessions in progress."))
    }

    /// One API call: by endpoint family, decision, team and status; denials also by rule.
    func request(family: String, decision: String, team: String, status: Int?, rule: String?, duration: Duration?) {
        registry.makeCounter(
            descriptor: Self.named(
                "requests", "total", "API calls by endpoint family, decision, team and HTTP status."),
            labels: [
                ("family", family), ("decision", decision), ("team", team),
                ("status", status.map { "\($0)" } ?? "none"),
            ]
        ).increment()
        if decision == "deny", let rule {
            registry.makeCounter(
                descriptor: Self.named("denials", "total", "Refused API calls by rule."), labels: [("rule", rule)]
            ).increment()
        }
        if let duration { durations.record(duration) }
    }

    /// A TLS handshake: `ok`, or refused with its reason.
    func handshake(_ result: String, reason: String) {
        registry.makeCounter(
            descriptor: Self.named("tls_handshakes", "total", "TLS handshakes by result and refusal reason."),
            labels: [("result", result), ("reason", reason)]
        ).increment()
    }

    func upstreamError() {
        registry.makeCounter(
            descriptor: Self.named("upstream_errors", "total", "Daemon connections that failed or closed mid-response.")
        ).increment()
    }

    func hijackStarted() { hijacked.increment() }
    func hijackEnded() { hijacked.decrement() }

    /// A SIGHUP reload: `ok` or `failed`, and the policy now enforced.
    public func reload(succeeded: Bool, policySHA256: String?) {
        registry.makeCounter(
            descriptor: Self.named("reloads", "total", "Reloads of certificates and policy by result."),
            labels: [("result", succeeded ? "ok" : "failed")]
        ).increment()
        if succeeded, let policySHA256 { policyLoaded(policySHA256) }
    }

    public func policyLoaded(_ sha256: String) {
        registry.makeGauge(
            descriptor: Self.named("policy", "info", "The policy file enforced (value 1)."),
            labels: [("sha256", sha256)]
        ).set(to: 1)
    }

    /// Gauges that mirror state elsewhere, set just before a scrape.
    public func refresh(activeConnections: Int, auditHealthy: Bool?, auditHeld: Int?) {
        registry.makeGauge(descriptor: Self.named("active_connections", "", "Client connections open.")).set(
            to: Double(activeConnections))
        if let auditHealthy {
            registry.makeGauge(descriptor: Self.named("audit_healthy", "", "1 while every audit sink writes.")).set(
                to: auditHealthy ? 1 : 0)
        }
        if let auditHeld {
            registry.makeGauge(
                descriptor: Self.named("audit_records_held", "", "Audit records waiting for a failing sink.")
            ).set(to: Double(auditHeld))
        }
    }
}
