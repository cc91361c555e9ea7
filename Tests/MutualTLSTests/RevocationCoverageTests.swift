import Foundation
import MutualTLS
import Testing

/// Once any CRL is given, a server context takes the CA bundle only if every CA in it has one
/// (`RevocationCoverage`): a CA without its CRL would lock out every client it issued.
@Suite struct RevocationCoverageTests {
    struct Coverage: CustomTestStringConvertible, Sendable {
        let name: String
        /// Whose CRLs are given: the root's, the intermediate's.
        let lists: [Issuer]
        /// nil: loads; else the subject of the CA the message must name.
        let uncovered: String?
        var testDescription: String { name }
    }

    enum Issuer: Sendable { case root, intermediate }

    static let coverage: [Coverage] = [
        Coverage(name: "no CRL at all: nothing is checked", lists: [], uncovered: nil),
        Coverage(name: "a CRL for each CA", lists: [.root, .intermediate], uncovered: nil),
        Coverage(name: "the intermediate has none", lists: [.root], uncovered: "CN=coverage intermediate CA"),
        Coverage(name: "the root has none", lists: [.intermediate], uncovered: "CN=chain test root CA"),
    ]

    /// The bundle holds the root and an intermediate.
    @Test(arguments: coverage)
    func everyCANeedsItsCRL(_ coverage: Coverage) throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let intermediate = try pki.intermediate("coverage intermediate CA")
        let bundle = try pki.bundle("bundle.pem", of: [pki.root.certificate, intermediate.certificate])
        let crls = try coverage.lists.map { issuer in
            switch issuer {
            case .root: return try pki.revocationList("root-crl.pem", of: pki.root)
            case .intermediate: return try pki.revocationList("intermediate-crl.pem", of: intermediate)
            }
        }
        let configuration = pki.serverConfiguration(caBundle: bundle, crls: crls)
        guard let uncovered = coverage.uncovered else {
            #expect(throws: Never.self) { try TLSContext(server: configuration) }
            return
        }
        let error = #expect(throws: TLSConfigurationError.self) { try TLSContext(server: configuration) }
        #expect(
            error == .authorityWithoutRevocationList(caBundlePath: bundle, subject: uncovered),
            "\(error.map { "\($0)" } ?? "")")
    }
}
