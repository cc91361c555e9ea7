import Audit
import NIOConcurrencyHelpers
import Prometheus

/// dockgate's Prometheus metrics (swift-prometheus). Counters are made on first use with
/// their labels; gauges that mirror other state are set when scraped (`refresh`).
public final class GateMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let durations: DurationHistogram
    private let hijacked: Gauge
    /// The totals last copied into counters that mirror counts kept elsewhere.
    private let mirrored = NIOLockedValueBox<[String: Int]>([:])

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
    public func refresh(activeConnections: Int, audit: AuditLog?) {
        registry.makeGauge(descriptor: Self.named("active_connections", "", "Client connections open.")).set(
            to: Double(activeConnections))
        guard let audit else { return }
        let health = audit.health
        let statistics = audit.statistics
        registry.makeGauge(descriptor: Self.named("audit_healthy", "", "1 while every audit sink writes.")).set(
            to: health.isHealthy ? 1 : 0)
        registry.makeGauge(
            descriptor: Self.named("audit_records_held", "", "Audit records held in memory for a failing sink.")
        ).set(to: Double(health.failures.reduce(0) { $0 + $1.heldRecords }))
        registry.makeGauge(
            descriptor: Self.named("audit_queue_depth", "", "Audit records waiting for the writer thread.")
        ).set(to: Double(statistics.queuedRecords))
        // Counters kept by the audit log; exposed as counters, advanced to its totals.
        advance(
            Self.named("audit_write_failures", "total", "Audit writes and fsyncs that failed, retries included."),
            to: statistics.failedWrites)
        advance(
            Self.named("audit_records_dropped", "total", "Audit records dropped because the writer's queue was full."),
            to: statistics.droppedRecords)
    }

    /// Moves a counter up to `total`, a count kept elsewhere that only grows.
    private func advance(_ descriptor: MetricNameDescriptor, to total: Int) {
        let counter = registry.makeCounter(descriptor: descriptor)
        mirrored.withLockedValue { seen in
            let last = seen[descriptor.metricName, default: 0]
            if total > last {
                counter.increment(by: Int64(total - last))
                seen[descriptor.metricName] = total
            }
        }
    }
}
