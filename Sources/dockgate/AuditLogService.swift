import Audit
import Logging
import ServiceLifecycle

/// The audit log as a service: the last to stop, so the records of the drain are in it; then
/// flushed and closed.
struct AuditLogService: Service {
    let log: AuditLog
    let logger: Logger

    func run() async throws {
        // Returns on graceful shutdown, throws when cancelled: either way, close.
        try? await gracefulShutdown()
        do {
            try await log.close()
        } catch {
            logger.error("audit records could not all be written before exit", metadata: ["error": "\(error)"])
        }
    }
}
