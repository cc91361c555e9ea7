import Audit
import Logging
import NIOCore
import Proxy
import ServiceLifecycle

/// The plain-HTTP metrics listener (`/metrics`, `/healthz`, `/readyz`) as a service: bound at
/// start, closed on shutdown after the gate has drained, so a scrape still sees the drain.
struct MetricsService: Service {
    let group: EventLoopGroup
    let address: String
    let server: GateServer
    let auditLog: AuditLog
    let logger: Logger

    func run() async throws {
        let (host, port) = try Serve.hostAndPort(address)
        let metrics: MetricsServer
        do {
            metrics = try await MetricsServer(
                group: group, host: host, port: port, metrics: server.metrics,
                refresh: { [server, auditLog] in
                    server.metrics.refresh(activeConnections: server.activeConnections, audit: auditLog)
                },
                readiness: { [server, auditLog] eventLoop in
                    server.daemonProblem(on: eventLoop).map { problem in
                        problem ?? (auditLog.isHealthy ? nil : "the audit log cannot be written: \(auditLog.health)")
                    }
                })
        } catch {
            throw StartupError("cannot listen for metrics on \(address): \(error)")
        }
        if let bound = metrics.localAddress {
            logger.notice("metrics on http://\(Serve.describe(bound))/metrics (and /healthz, /readyz)")
        }
        try? await gracefulShutdown()
        await metrics.close()
    }
}
