import Foundation
import NIOCore
import TestSupport
import Testing

@testable import MutualTLS

/// Every call into OpenSSL on a connection maps `SSL_get_error` to a result that says what
/// happened: writes and close_notify too, not only the handshake and reads.
@Suite struct TLSConnectionResultTests {
    @Test func aWriteBeforeTheHandshakeSaysSo() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let connection = try TLSConnection(context: pki.serverContext())
        guard case .failed(let error) = connection.writePlaintext(ByteBuffer(string: "too early")) else {
            Issue.record("a write before any ClientHello succeeded")
            return
        }
        #expect(error.kind == .protocolError)
        #expect(error.reason == "TLS write failed: the TLS handshake has not finished")
    }

    @Test func closeNotifyBeforeTheHandshakeFailsWithOpenSSLsReason() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let connection = try TLSConnection(context: pki.serverContext())
        guard case .failed(let error) = connection.sendCloseNotify() else {
            Issue.record("close_notify was queued on a connection without a session")
            return
        }
        #expect(error.reason == "TLS close_notify failed: shutdown while in init")
        #expect(!error.stack.isEmpty)
    }

    @Test func aWriteAfterOurCloseNotifyFailsWithOpenSSLsReason() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let pair = try EmbeddedTLSPair(server: pki.serverContext(), client: pki.clientContext(pki.alice))
        defer { pair.finish() }
        try pair.handshakeAndExchange()
        let connection = pair.serverHandler.connection

        guard case .sent = connection.sendCloseNotify() else {
            Issue.record("close_notify was not queued on an established connection")
            return
        }
        guard case .failed(let error) = connection.writePlaintext(ByteBuffer(string: "late")) else {
            Issue.record("a write after close_notify succeeded")
            return
        }
        #expect(error.reason == "TLS write failed: protocol is shutdown")
    }
}
