import Foundation
import Logging
import MutualTLS
import NIOCore
import TestSupport
import Testing

@Suite struct ReloadableTLSContextTests {
    /// The operator revokes a certificate and reloads: the next handshake with it is refused,
    /// its connection that was already open is closed (close_notify first) with a log line
    /// naming it, and a still-valid client's open connection keeps working.
    @Test func aReloadClosesTheOpenConnectionsOfARevokedClientOnly() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let crl = pki.directory + "/live-crl.pem"
        try FileManager.default.copyItem(atPath: pki.emptyCRLPath, toPath: crl)
        let reloadable = try ReloadableTLSContext(configuration: pki.serverConfiguration(crl: crl))
        let log = RecordingLogHandler()
        let logger = Logger(label: "test", factory: { _ in log })
        let stillValid = try EmbeddedTLSPair(
            server: reloadable.current, client: pki.clientContext(pki.alice), serverLogger: logger)
        defer { stillValid.finish() }
        let revoked = try EmbeddedTLSPair(
            server: reloadable.current, client: pki.clientContext(pki.revoked), serverLogger: logger)
        defer { revoked.finish() }
        for pair in [stillValid, revoked] {
            try pair.handshakeAndExchange()
            #expect(pair.serverRecorder.summaries.count == 1)
        }
        // What GateServer does for every open connection.
        let servers: [Channel] = [stillValid.server, revoked.server]
        reloadable.whenReplaced { context in
            for server in servers { server.pipeline.fireUserInboundEventTriggered(PeerRecheckEvent(context: context)) }
        }

        try FileManager.default.removeItem(atPath: crl)
        try FileManager.default.copyItem(atPath: pki.crlPath, toPath: crl)
        let old = reloadable.current
        guard case .success = reloadable.reload() else {
            Issue.record("reload with a valid CRL failed")
            return
        }
        #expect(reloadable.current !== old)
        try revoked.pump()
        try stillValid.pump()

        #expect(!revoked.server.isActive)
        #expect(revoked.clientRecorder.inputClosed, "the client saw no close_notify")
        let record = try #require(log.records.first { $0.message.hasPrefix("closing TLS connection") })
        #expect(record.message == "closing TLS connection: the client certificate is no longer accepted")
        #expect(record.metadata["subject"]?.description == "CN=revoked,OU=web,O=dockgate")
        #expect(record.metadata["sha256"]?.description == pki.revoked.certificate.sha256Fingerprint)
        #expect(record.metadata["reason"]?.description == "certificate revoked")
        #expect(log.records.filter { $0.message.hasPrefix("closing TLS connection") }.count == 1)

        stillValid.client.writeAndFlush(ByteBuffer(string: "still here"), promise: nil)
        try stillValid.pump()
        #expect(stillValid.server.isActive)
        #expect(stillValid.serverRecorder.receivedString == "pingstill here")

        let after = try EmbeddedTLSPair(server: reloadable.current, client: pki.clientContext(pki.revoked))
        defer { after.finish() }
        try after.pump()
        #expect(after.serverRecorder.tlsErrors.first?.reason == "certificate rejected: certificate revoked")
    }

    @Test func aBrokenFileIsReportedAndTheWorkingContextStays() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let crl = pki.directory + "/live-crl.pem"
        try FileManager.default.copyItem(atPath: pki.emptyCRLPath, toPath: crl)
        let reloadable = try ReloadableTLSContext(configuration: pki.serverConfiguration(crl: crl))
        let replaced = LockedCount()
        reloadable.whenReplaced { _ in replaced.increment() }

        try Data("garbage".utf8).write(to: URL(fileURLWithPath: crl))
        let working = reloadable.current
        guard case .failure(let error) = reloadable.reload() else {
            Issue.record("reload with a garbage CRL succeeded")
            return
        }
        #expect("\(error)".contains(crl))
        #expect(reloadable.current === working)
        #expect(replaced.value == 0, "open connections were re-checked although nothing changed")
    }
}

/// A counter a `@Sendable` observer can bump.
final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
