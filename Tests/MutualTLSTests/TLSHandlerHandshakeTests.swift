import Foundation
import Logging
import MutualTLS
import NIOCore
import NIOEmbedded
import TestSupport
import Testing

@Suite struct TLSHandlerHandshakeTests {
    @Test(arguments: [TLSVersion.tls13, .tls12])
    func verifiedClientCompletesHandshakeAndExchangesData(maximum: TLSVersion) throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(
            server: pki.serverContext(), client: pki.clientContext(pki.alice, maximum: maximum))
        defer { pair.finish() }

        try pair.handshakeAndExchange()

        let summary = try #require(pair.serverRecorder.summaries.first)
        #expect(summary.protocolVersion == (maximum == .tls13 ? "TLSv1.3" : "TLSv1.2"))
        #expect(summary.applicationProtocol == "http/1.1")
        #expect(summary.resumed == false)
        if maximum == .tls12 {
            #expect(
                summary.cipher.hasPrefix("ECDHE-")
                    && (summary.cipher.contains("GCM") || summary.cipher.contains("CHACHA20")))
        }
        #expect(pair.serverRecorder.receivedString == "ping")
        #expect(pair.clientRecorder.receivedString == "pong")
        #expect(pair.clientRecorder.summaries.first?.peer.commonName == "localhost")
        #expect(pair.server.isActive && pair.client.isActive)
    }

    @Test func identityCarriesEveryCertificateField() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.alice))
        defer { pair.finish() }
        try pair.pump()

        let peer = try #require(pair.serverRecorder.summaries.first).peer
        let certificate = pki.alice.certificate
        #expect(peer.commonName == "alice")
        #expect(peer.organizationalUnits == ["web"])
        #expect(peer.organizations == ["dockgate"])
        #expect(peer.subject.rfc2253 == "CN=alice,OU=web,O=dockgate")
        #expect(peer.subjectAlternativeNames.uris == ["spiffe://dockgate/team/web/user/alice"])
        #expect(peer.spiffeIDs == ["spiffe://dockgate/team/web/user/alice"])
        #expect(peer.subjectAlternativeNames.dnsNames == ["alice.dockgate.test"])
        #expect(peer.subjectAlternativeNames.emailAddresses == ["alice@dockgate.test"])
        #expect(peer.subjectAlternativeNames.ipAddresses == ["10.1.2.3"])
        #expect(peer.serialNumber == certificate.serialNumberHex)
        #expect(peer.issuer == certificate.issuer)
        #expect(peer.notAfter == certificate.notAfter)
        #expect(peer.sha256Fingerprint == certificate.sha256Fingerprint)
        #expect(peer.sha256Fingerprint.count == 64)
        // The pin as an operator computes it from the certificate file, by other tools.
        let pipeline = try Self.shell(
            "openssl x509 -in \(shellQuoted(pki.alice.certificatePath)) -pubkey -noout"
                + " | openssl pkey -pubin -outform DER | sha256sum")
        #expect(peer.spkiSHA256 == pipeline.split(separator: " ").first.map(String.init), "\(pipeline)")
    }

    /// Runs `command` with `bash -o pipefail -c` (at most 60 s); its standard output.
    static func shell(_ command: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dockgate-sh-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let child = try ChildProcess("/usr/bin/env", ["bash", "-o", "pipefail", "-c", command], directory: directory)
        let deadline = ContinuousClock.now + .seconds(60)
        while child.termination == nil, ContinuousClock.now < deadline { usleep(5_000) }
        guard child.termination == .exited(0) else {
            child.kill()
            throw HarnessError("\(command) failed: \(child.standardError)")
        }
        return child.standardOutput
    }

    @Test func writesBeforeTheHandshakeAreHeldThenDelivered() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.alice))
        defer { pair.finish() }
        let clientWrite = pair.client.eventLoop.makePromise(of: Void.self)
        pair.client.writeAndFlush(ByteBuffer(string: "early from client"), promise: clientWrite)
        pair.server.writeAndFlush(ByteBuffer(string: "early from server"), promise: nil)

        try pair.pump()

        #expect(pair.serverRecorder.receivedString == "early from client")
        #expect(pair.clientRecorder.receivedString == "early from server")
        #expect(throws: Never.self) { try clientWrite.futureResult.wait() }
    }

    @Test func alpnWithoutOverlapStillConnectsWithoutAProtocol() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.alice, alpn: ["h2"]))
        defer { pair.finish() }
        try pair.pump()
        let summary = try #require(pair.serverRecorder.summaries.first)
        #expect(summary.applicationProtocol == nil)
    }

    @Test func handshakeTimeoutClosesAStalledClient() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let lone = try LoneTLSServer(context: pki.serverContext())
        let (server, recorder) = (lone.channel, lone.recorder)
        try server.writeInbound(ByteBuffer(bytes: [0x16, 0x03, 0x01]))  // the first bytes of a ClientHello, then silence

        server.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(server.isActive)
        server.embeddedEventLoop.advanceTime(by: .seconds(2))

        #expect(!server.isActive)
        #expect(recorder.tlsErrors.map(\.kind) == [.handshakeTimedOut])
        #expect(recorder.summaries.isEmpty)
    }
}
