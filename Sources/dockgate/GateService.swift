import Logging
import NIOCore
import Proxy
import ServiceLifecycle

/// The TLS listeners as a service. It binds when the service group starts it, after the group
/// has trapped SIGTERM and SIGINT, so no early signal ends the process without a drain. On
/// graceful shutdown it stops accepting, gives exchanges in flight (hijacked sessions too) the
/// grace period, then closes what is left, so their audit records are written before the
/// audit log closes.
struct GateService: Service {
    let server: GateServer
    let addresses: [ListenAddress]
    let graceSeconds: Double
    let logger: Logger

    func run() async throws {
        let bound: [SocketAddress]
        do {
            bound = try await server.start(addresses: addresses)
        } catch {
            throw StartupError(
                "cannot listen on \(addresses.map(\.description).joined(separator: ", ")): \(error)")
        }
        for address in bound {
            logger.notice("listening on \(ListenAddress(socketAddress: address))")
        }
        do {
            try await gracefulShutdown()
        } catch {
            // Cancelled: another service failed to start or stopped. Close at once.
            await server.close()
            _ = await server.drain(grace: .zero)
            return
        }
        logger.notice("shutting down: no new connections; in-flight requests get \(graceSeconds) s")
        await server.close()
        let cut = await server.drain(grace: .milliseconds(Int64(graceSeconds * 1000)))
        if cut > 0 { logger.warning("closed \(cut) connections still open after the grace period") }
    }
}
