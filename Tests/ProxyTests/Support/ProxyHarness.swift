import Foundation
import Logging
import MutualTLS
import NIOCore
import NIOPosix
import Proxy
import TestSupport

/// A real `GateServer` on 127.0.0.1:0 in front of a `FakeDaemon`, with fresh certificates.
final class ProxyHarness: Sendable {
    let group: MultiThreadedEventLoopGroup
    let pki: TestPKI
    let daemon: FakeDaemon?
    let server: GateServer
    let port: Int
    let socketPath: String

    /// - Parameters:
    ///   - withDaemon: false leaves the upstream socket path empty (daemon down).
    ///   - gate: the forwarding tests use the fake daemon's own paths, so they pass everything.
    init(
        withDaemon: Bool = true, gate: RequestGate = PassThroughGate(), headerTimeout: TimeAmount = .seconds(10),
        idleTimeout: TimeAmount = .seconds(120), limits: ConnectionLimits = ConnectionLimits(),
        handshakeTimeout: TimeAmount? = nil
    ) async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        pki = try TestPKI.make()
        socketPath = pki.directory + "/docker.sock"
        daemon = withDaemon ? try await FakeDaemon(group: group, socketPath: socketPath) : nil
        var configuration = ServerTLSConfiguration(
            caBundlePath: pki.caPath, certificateChainPath: pki.serverCertificatePath,
            privateKeyPath: pki.serverKeyPath)
        if let handshakeTimeout { configuration.handshakeTimeout = handshakeTimeout }
        let tls = try ReloadableTLSContext(configuration: configuration)
        var logger = Logger(label: "proxy-test")
        logger.logLevel =
            ProcessInfo.processInfo.environment["DOCKGATE_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        server = GateServer(
            group: group, tls: tls, upstream: UpstreamAddress(socketPath: socketPath), gate: gate,
            headerTimeout: headerTimeout, idleTimeout: idleTimeout, limits: limits, logger: logger)
        let bound = try await server.start(addresses: [ListenAddress(host: "127.0.0.1", port: 0)])
        port = bound[0].port ?? 0
    }

    func client() async throws -> RawTLSClient {
        let tls = try TLSContext(
            client: ClientTLSConfiguration(
                caBundlePath: pki.caPath, certificateChainPath: pki.alice.certificatePath,
                privateKeyPath: pki.alice.keyPath))
        return try await RawTLSClient.connect(group: group, port: port, tls: tls)
    }

    /// A plain TCP connection to the gate that never sends a byte.
    func silentSocket() async throws -> Channel {
        try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: port).get()
    }

    func shutdown() async {
        await server.close()
        await daemon?.close()
        try? await group.shutdownGracefully()
        pki.remove()
    }
}
