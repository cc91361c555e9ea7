import Logging
import MutualTLS
import NIOCore
import NIOEmbedded
import TestSupport
import Testing

/// Every client the server must turn away: the handshake fails, nothing reaches the
/// application, the connection closes, and the log says who and why.
@Suite struct TLSHandlerRefusalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let client: @Sendable (TestPKI) -> ClientFiles?
        let useCRL: Bool
        let kind: TLSConnectionError.Kind
        let reason: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "no client certificate", client: { _ in nil }, useCRL: false, kind: .noCertificate,
            reason: "client sent no certificate"),
        Case(
            name: "certificate from another CA", client: { $0.otherCA }, useCRL: false, kind: .certificateRejected,
            reason: "certificate rejected: unable to get local issuer certificate"),
        Case(
            name: "expired certificate", client: { $0.expired }, useCRL: false, kind: .certificateRejected,
            reason: "certificate rejected: certificate has expired"),
        Case(
            name: "not yet valid certificate", client: { $0.notYetValid }, useCRL: false, kind: .certificateRejected,
            reason: "certificate rejected: certificate is not yet valid"),
        Case(
            name: "revoked certificate", client: { $0.revoked }, useCRL: true, kind: .certificateRejected,
            reason: "certificate rejected: certificate revoked"),
        Case(
            name: "server certificate used as client", client: { $0.serverOnly }, useCRL: false,
            kind: .certificateRejected,
            reason: "certificate rejected: unsuitable certificate purpose"),
    ]

    @Test(arguments: cases)
    func refused(_ testCase: Case) throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let log = RecordingLogHandler()
        let files = testCase.client(pki)
        let pair = try EmbeddedTLSPair(
            server: pki.serverContext(crl: testCase.useCRL ? pki.crlPath : nil), client: pki.clientContext(files),
            serverLogger: Logger(label: "test", factory: { _ in log }))
        defer { pair.finish() }
        pair.client.writeAndFlush(ByteBuffer(string: "GET /_ping HTTP/1.1\r\n\r\n"), promise: nil)

        try pair.pump()

        #expect(pair.serverRecorder.summaries.isEmpty)
        #expect(pair.serverRecorder.received.readableBytes == 0)
        #expect(!pair.server.isActive)
        let error = try #require(pair.serverRecorder.tlsErrors.first)
        #expect(error.kind == testCase.kind)
        #expect(error.reason == testCase.reason)

        let record = try #require(log.records.first { $0.message == "TLS handshake refused" })
        #expect(record.level == .warning)
        #expect(record.metadata["reason"]?.description == testCase.reason)
        #expect(record.metadata["peer"]?.description.contains("127.0.0.1") == true)
        if let files {
            #expect(error.peerCertificate?.sha256Fingerprint == files.certificate.sha256Fingerprint)
            #expect(record.metadata["subject"]?.description == files.certificate.subject.rfc2253)
            #expect(record.metadata["sha256"]?.description == files.certificate.sha256Fingerprint)
        }
    }

    @Test func revokedCertificatePassesWithoutTheCRLAndAnUnrelatedOneStillPassesWithIt() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let withoutCRL = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.revoked))
        defer { withoutCRL.finish() }
        try withoutCRL.pump()
        #expect(withoutCRL.serverRecorder.summaries.count == 1)

        let withCRL = try EmbeddedTLSPair(
            server: pki.serverContext(crl: pki.crlPath), client: pki.clientContext(pki.alice))
        defer { withCRL.finish() }
        try withCRL.pump()
        #expect(withCRL.serverRecorder.summaries.first?.peer.commonName == "alice")
    }

    @Test func garbageBytesAreRefused() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let lone = try LoneTLSServer(context: pki.serverContext())
        let (server, recorder) = (lone.channel, lone.recorder)

        try server.writeInbound(ByteBuffer(bytes: Array(repeating: 0xAB, count: 64)))

        #expect(!server.isActive)
        #expect(recorder.tlsErrors.map(\.kind) == [.handshakeFailed])
        #expect(recorder.received.readableBytes == 0)
    }

    /// A ClientHello of an old client, byte for byte: record and client version `version`,
    /// two pre-TLS 1.2 suites (ECDHE-RSA-AES128-SHA, AES128-SHA), no extensions.
    static func legacyClientHello(version: UInt16) -> [UInt8] {
        let versionBytes = [UInt8(version >> 8), UInt8(version & 0xff)]
        let body =
            versionBytes + (0..<32).map { UInt8($0) }  // client_version, random
            + [0x00]  // no session id
            + [0x00, 0x04, 0xc0, 0x13, 0x00, 0x2f]  // cipher suites
            + [0x01, 0x00]  // compression: null only
        let handshake = [0x01, 0x00, UInt8(body.count >> 8), UInt8(body.count & 0xff)] + body
        return [0x16] + versionBytes + [UInt8(handshake.count >> 8), UInt8(handshake.count & 0xff)] + handshake
    }

    @Test("a TLS 1.0 or 1.1 ClientHello gets a protocol_version alert", arguments: [UInt16(0x0301), 0x0302])
    func oldProtocolVersionIsRefused(version: UInt16) throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let lone = try LoneTLSServer(context: pki.serverContext())
        let (server, recorder) = (lone.channel, lone.recorder)

        try server.writeInbound(ByteBuffer(bytes: Self.legacyClientHello(version: version)))

        let alert = try #require(try server.readOutbound(as: ByteBuffer.self))
        let bytes = Array(alert.readableBytesView)
        // An alert record whose last two bytes are fatal (2), protocol_version (70).
        #expect(bytes.first == 0x15 && bytes.suffix(2) == [0x02, 0x46], "\(bytes)")
        #expect(!server.isActive)
        #expect(recorder.tlsErrors.map(\.kind) == [.handshakeFailed])
        #expect(recorder.tlsErrors.map(\.reason) == ["handshake failed: unsupported protocol"])
        #expect(recorder.summaries.isEmpty)
    }

    @Test func plaintextHTTPGetsAReadableAnswerAsGoServersGive() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let lone = try LoneTLSServer(context: pki.serverContext())
        let (server, recorder) = (lone.channel, lone.recorder)

        try server.writeInbound(ByteBuffer(string: "GET /_ping HTTP/1.1\r\nHost: localhost\r\n\r\n"))

        let answer = try #require(try server.readOutbound(as: ByteBuffer.self))
        #expect(
            String(buffer: answer)
                == "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
        #expect(!server.isActive)
        #expect(recorder.tlsErrors.map(\.kind) == [.plaintextHTTP])
    }

    @Test func peerClosingDuringTheHandshakeIsLogged() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let log = RecordingLogHandler()
        let lone = try LoneTLSServer(context: pki.serverContext(), logger: Logger(label: "test", factory: { _ in log }))
        let (server, recorder) = (lone.channel, lone.recorder)

        server.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)

        #expect(!server.isActive)
        #expect(recorder.tlsErrors.map(\.kind) == [.closedDuringHandshake])
        #expect(log.records.filter { $0.message == "TLS handshake refused" }.count == 1)
    }
}
