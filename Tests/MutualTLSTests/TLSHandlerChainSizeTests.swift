import Foundation
import MutualTLS
import NIOCore
import TestSupport
import Testing

/// The bound on a client's chain (32 KiB, read before any verification) leaves room for real
/// chains with RSA-3072 keys; an RSA server key works like an ECDSA one.
@Suite struct TLSHandlerChainSizeTests {
    @Test(arguments: [TLSVersion.tls13, .tls12])
    func rsa3072KeysOnBothSidesAndAnIntermediateFit(maximum: TLSVersion) throws {
        let pki = try HierarchyPKI.make(serverKey: .rsa3072)
        defer { pki.remove() }
        let intermediate = try pki.intermediate("rsa intermediate CA", algorithm: .rsa3072)
        let client = try pki.client("dave", by: intermediate, key: .rsa3072, chain: [intermediate.certificate])
        let pair = try EmbeddedTLSPair(
            server: TLSContext(server: pki.serverConfiguration()), client: pki.clientContext(client, maximum: maximum))
        defer { pair.finish() }
        try pair.handshakeAndExchange()

        let summary = try #require(pair.serverRecorder.summaries.first)
        #expect(summary.peer.commonName == "dave")
        if maximum == .tls12 { #expect(summary.cipher.hasPrefix("ECDHE-RSA-")) }
        #expect(pair.clientRecorder.summaries.first?.peer.commonName == "localhost")
        #expect(pair.serverRecorder.receivedString == "ping")
    }

    @Test func aChainOfMoreThan32KiBIsRefusedUnread() throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let filler = try pki.intermediate("filler CA", algorithm: .rsa3072)
        // About 50 KiB: far more than any real chain, well under OpenSSL's own 100 KiB bound.
        let padded = try pki.client("erin", chain: Array(repeating: filler.certificate, count: 60))
        #expect(try filler.certificate.derEncoded().count * 60 > 40 * 1024)
        let pair = try EmbeddedTLSPair(
            server: TLSContext(server: pki.serverConfiguration()), client: pki.clientContext(padded))
        defer { pair.finish() }
        try pair.pump()

        #expect(pair.serverRecorder.summaries.isEmpty)
        #expect(pair.serverRecorder.tlsErrors.map(\.reason) == ["handshake failed: excessive message size"])
    }
}
