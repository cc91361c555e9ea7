import Foundation
import MutualTLS
import NIOCore
import TestSupport
import Testing

/// The docker CLI opens a connection for nearly every command; resumption saves the full
/// handshake, and must hand the pipeline the same identity as the full one did.
@Suite struct TLSHandlerResumptionTests {
    @Test(arguments: [TLSVersion.tls13, .tls12])
    func secondConnectionResumesWithTheOriginalIdentity(maximum: TLSVersion) throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let server = try pki.serverContext()
        let client = try pki.clientContext(pki.alice, maximum: maximum)

        let first = try EmbeddedTLSPair(server: server, client: client)
        try first.handshakeAndExchange()
        let session = try #require(first.clientHandler.resumableSession)
        let original = try #require(first.serverRecorder.summaries.first)
        first.finish()

        let second = try EmbeddedTLSPair(server: server, client: client, resuming: session)
        defer { second.finish() }
        try second.handshakeAndExchange()

        let resumed = try #require(second.serverRecorder.summaries.first)
        #expect(original.resumed == false)
        #expect(resumed.resumed == true)
        #expect(resumed.peer == original.peer)
        #expect(second.serverRecorder.receivedString == "ping")
    }

    /// Resumption is stateful (session ids, and TLS 1.3 tickets that only name a cache entry):
    /// a session pushed out of the server's bounded cache cannot be resumed, while one still
    /// in it can. A stateless ticket would carry its own state and resume regardless.
    @Test(arguments: [TLSVersion.tls13, .tls12])
    func sessionsLiveOnlyInTheServersBoundedCache(maximum: TLSVersion) throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        var configuration = pki.serverConfiguration()
        configuration.sessionCacheSize = 1
        let server = try TLSContext(server: configuration)
        let client = try pki.clientContext(pki.alice, maximum: maximum)
        var sessions: [TLSSession] = []
        for _ in 0..<2 {
            let pair = try EmbeddedTLSPair(server: server, client: client)
            try pair.handshakeAndExchange()
            sessions.append(try #require(pair.clientHandler.resumableSession))
            pair.finish()
        }

        // The cached one first: every full handshake (and a TLS 1.3 resumption) adds a session.
        let cached = try EmbeddedTLSPair(server: server, client: client, resuming: sessions[1])
        defer { cached.finish() }
        try cached.handshakeAndExchange()
        #expect(cached.serverRecorder.summaries.first?.resumed == true)

        let evicted = try EmbeddedTLSPair(server: server, client: client, resuming: sessions[0])
        defer { evicted.finish() }
        try evicted.handshakeAndExchange()
        #expect(evicted.serverRecorder.summaries.first?.resumed == false)
        #expect(evicted.serverRecorder.summaries.first?.peer.commonName == "alice")
    }

    @Test func aNewContextDoesNotResumeSessionsOfTheOldOne() throws {
        let pki = try TestPKI.make()
        defer { pki.remove() }
        let client = try pki.clientContext(pki.alice)
        let first = try EmbeddedTLSPair(server: pki.serverContext(), client: client)
        try first.handshakeAndExchange()
        let session = try #require(first.clientHandler.resumableSession)
        first.finish()

        // After a reload (say, with a new CRL) every client goes through full verification again.
        let second = try EmbeddedTLSPair(server: pki.serverContext(crl: pki.crlPath), client: client, resuming: session)
        defer { second.finish() }
        try second.handshakeAndExchange()
        #expect(second.serverRecorder.summaries.first?.resumed == false)
        #expect(second.serverRecorder.summaries.first?.peer.commonName == "alice")
    }

    /// A full handshake fails inside OpenSSL once a CRL passes its nextUpdate; resumption
    /// skips that check, so the handler must refuse it too.
    @Test(arguments: [TLSVersion.tls13, .tls12])
    func aSessionIsNotResumedOnceTheCRLHasExpired(maximum: TLSVersion) async throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let crl = try pki.revocationList("crl.pem", of: pki.root, nextUpdate: Date() + 5)
        let server = try TLSContext(server: pki.serverConfiguration(crls: [crl]))
        let nextUpdate = try #require(server.revocationListsExpire)
        let client = try pki.clientContext(try pki.client("frank"), maximum: maximum)
        let first = try EmbeddedTLSPair(server: server, client: client)
        try first.handshakeAndExchange()
        #expect(first.serverRecorder.summaries.count == 1)
        let session = try #require(first.clientHandler.resumableSession)
        first.finish()

        try await Task.sleep(for: .seconds(nextUpdate.timeIntervalSinceNow + 1.2))
        let second = try EmbeddedTLSPair(server: server, client: client, resuming: session)
        defer { second.finish() }
        try second.handshakeAndExchange()

        #expect(second.serverRecorder.summaries.isEmpty)
        #expect(second.serverRecorder.receivedString == "")
        let error = try #require(second.serverRecorder.tlsErrors.first)
        #expect(error.kind == .certificateRejected)
        #expect(
            error.reason.hasPrefix("certificate rejected: CRL has expired (the server's --tlscrl file is out of date"))
    }
}
