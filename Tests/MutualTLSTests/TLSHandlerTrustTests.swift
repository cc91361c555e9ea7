import Foundation
import Logging
import MutualTLS
import NIOCore
import TestSupport
import Testing

/// After the handshake the server keeps judging the client's certificate: the connection
/// closes when the certificate expires, and a reload that lands mid-handshake is applied as
/// soon as the handshake completes.
@Suite struct TLSHandlerTrustTests {
    @Test func theConnectionClosesWhenTheClientCertificateExpires() throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let client = try pki.client("short", notAfter: Date() + 600)
        let log = RecordingLogHandler()
        let pair = try EmbeddedTLSPair(
            server: TLSContext(server: pki.serverConfiguration()), client: pki.clientContext(client),
            serverLogger: Logger(label: "test", factory: { _ in log }))
        defer { pair.finish() }
        try pair.handshakeAndExchange()

        pair.server.embeddedEventLoop.advanceTime(by: .seconds(590))
        #expect(pair.server.isActive)
        pair.server.embeddedEventLoop.advanceTime(by: .seconds(20))
        try pair.pump()

        #expect(!pair.server.isActive)
        #expect(pair.clientRecorder.inputClosed, "the client saw no close_notify")
        let record = try #require(log.records.first { $0.message.hasPrefix("closing TLS connection") })
        #expect(record.metadata["subject"]?.description == "CN=short,OU=web,O=dockgate")
        #expect(record.metadata["sha256"]?.description == client.certificate.sha256Fingerprint)
        #expect(record.metadata["reason"]?.description.hasPrefix("certificate has expired (notAfter ") == true)
    }

    /// A notAfter in 9999 is further than a NIO timer reaches (Int64 nanoseconds).
    @Test func aCertificateValidForCenturiesKeepsItsConnection() throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let client = try pki.client("lasting", notAfter: Date(timeIntervalSince1970: 253_402_300_799))
        let pair = try EmbeddedTLSPair(
            server: TLSContext(server: pki.serverConfiguration()), client: pki.clientContext(client))
        defer { pair.finish() }
        try pair.handshakeAndExchange()

        pair.server.embeddedEventLoop.advanceTime(by: .hours(24 * 40))
        #expect(pair.server.isActive)
    }

    @Test func aReloadDuringTheHandshakeIsAppliedWhenItCompletes() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.revoked))
        defer { pair.finish() }
        // The handshake has started under a context without the CRL; the reload brings it.
        pair.server.pipeline.fireUserInboundEventTriggered(
            PeerRecheckEvent(context: try pki.serverContext(crl: pki.crlPath)))
        try pair.pump()

        #expect(pair.serverRecorder.summaries.isEmpty)
        #expect(!pair.server.isActive)
        #expect(
            pair.serverRecorder.tlsErrors.map(\.reason) == [
                "certificate rejected: certificate revoked (by the trust settings reloaded during the handshake)"
            ])
    }

    @Test func aRecheckThatStillPassesChangesNothing() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.alice))
        defer { pair.finish() }
        try pair.handshakeAndExchange()
        pair.server.pipeline.fireUserInboundEventTriggered(
            PeerRecheckEvent(context: try pki.serverContext(crl: pki.crlPath)))
        pair.client.writeAndFlush(ByteBuffer(string: "again"), promise: nil)
        try pair.pump()

        #expect(pair.server.isActive)
        #expect(pair.serverRecorder.receivedString == "pingagain")
    }
}
