import Foundation
import Logging
import MutualTLS
import NIOCore
import TestSupport
import Testing

/// Client chains through an intermediate CA: accepted, and refused once the intermediate is
/// revoked (every level of the chain is checked against a CRL, and the log says which level
/// failed).
@Suite struct TLSHandlerIntermediateTests {
    /// The root and an intermediate in the bundle, each with its CRL; the root's CRL revokes
    /// the intermediate when `revokeIntermediate` is set.
    static func intermediateSetup(_ pki: HierarchyPKI, revokeIntermediate: Bool) throws
        -> (configuration: ServerTLSConfiguration, intermediate: CertificateAuthority, client: ClientCertificate)
    {
        let intermediate = try pki.intermediate("web intermediate CA")
        let rootCRL = try pki.revocationList(
            "root-crl.pem", of: pki.root, revoking: revokeIntermediate ? [intermediate.certificate] : [])
        let intermediateCRL = try pki.revocationList("intermediate-crl.pem", of: intermediate)
        let bundle = try pki.bundle("bundle.pem", of: [pki.root.certificate, intermediate.certificate])
        let client = try pki.client("carol", by: intermediate, chain: [intermediate.certificate])
        return (pki.serverConfiguration(caBundle: bundle, crls: [rootCRL, intermediateCRL]), intermediate, client)
    }

    @Test func aChainThroughAnIntermediateIsAccepted() throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let setup = try Self.intermediateSetup(pki, revokeIntermediate: false)
        let pair = try EmbeddedTLSPair(
            server: TLSContext(server: setup.configuration), client: pki.clientContext(setup.client))
        defer { pair.finish() }
        try pair.pump()
        #expect(pair.serverRecorder.summaries.first?.peer.commonName == "carol")
    }

    @Test func aRevokedIntermediateShutsOutItsClientsAndTheLogNamesIt() throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let setup = try Self.intermediateSetup(pki, revokeIntermediate: true)
        let log = RecordingLogHandler()
        let pair = try EmbeddedTLSPair(
            server: TLSContext(server: setup.configuration), client: pki.clientContext(setup.client),
            serverLogger: Logger(label: "test", factory: { _ in log }))
        defer { pair.finish() }
        try pair.pump()

        #expect(pair.serverRecorder.summaries.isEmpty)
        let error = try #require(pair.serverRecorder.tlsErrors.first)
        #expect(error.reason == "certificate rejected: certificate revoked (depth 1: CN=web intermediate CA)")
        #expect(error.verificationDepth == 1)
        let record = try #require(log.records.first { $0.message == "TLS handshake refused" })
        // The client is named by its own certificate; the certificate at fault is the intermediate.
        #expect(record.metadata["subject"]?.description == setup.client.certificate.subject.rfc2253)
        #expect(record.metadata["sha256"]?.description == setup.client.certificate.sha256Fingerprint)
        #expect(record.metadata["depth"]?.description == "1")
        #expect(record.metadata["fault_subject"]?.description == "CN=web intermediate CA")
    }
}
