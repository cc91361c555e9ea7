import Foundation
import Logging
import NIOCore
import TestSupport
import Testing

@testable import MutualTLS

/// `LeafCertificateCheck`: which certificates may stand at depth 0 of a client's chain, and
/// the handshake of a client that presents a CA certificate.
@Suite struct LeafCertificateCheckTests {
    enum Kind: String, CaseIterable, Sendable {
        case clientLeaf, serverLeaf, root, intermediate, authorityDressedAsClient
    }

    static let refused: [Kind: Bool] = [
        .clientLeaf: false, .serverLeaf: false, .root: true, .intermediate: true, .authorityDressedAsClient: true,
    ]

    @Test(arguments: Kind.allCases)
    func refusesEveryCACertificate(_ kind: Kind) throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let certificate: X509Certificate
        switch kind {
        case .clientLeaf: certificate = try pki.client("leaf").certificate
        case .serverLeaf: certificate = try X509Certificate.loadAll(fromPEMFile: pki.serverCertificatePath)[0]
        case .root: certificate = pki.root.certificate
        case .intermediate: certificate = try pki.intermediate("intermediate").certificate
        case .authorityDressedAsClient: certificate = try pki.authorityAsClient("dressed").certificate
        }
        let refusal = LeafCertificateCheck.refusal(certificate)
        #expect((refusal != nil) == Self.refused[kind], "\(refusal ?? "accepted")")
        if let refusal { #expect(refusal.hasPrefix("a CA certificate cannot be a client certificate")) }
    }

    @Test func aCACertificateIsNoClientCertificate() throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let impostor = try pki.authorityAsClient("sub CA")
        let log = RecordingLogHandler()
        let pair = try EmbeddedTLSPair(
            server: TLSContext(server: pki.serverConfiguration()), client: pki.clientContext(impostor),
            serverLogger: Logger(label: "test", factory: { _ in log }))
        defer { pair.finish() }
        try pair.pump()

        #expect(pair.serverRecorder.summaries.isEmpty)
        #expect(!pair.server.isActive)
        let error = try #require(pair.serverRecorder.tlsErrors.first)
        #expect(error.kind == .certificateRejected)
        #expect(error.reason.hasPrefix("certificate rejected: a CA certificate cannot be a client certificate"))
        let record = try #require(log.records.first { $0.message == "TLS handshake refused" })
        #expect(record.metadata["subject"]?.description == "CN=sub CA,OU=web,O=dockgate")
        #expect(record.metadata["depth"]?.description == "0")
    }
}
