import Foundation
import MutualTLS
import Testing

/// A server context takes a CRL only within its lastUpdate ... nextUpdate: outside it OpenSSL
/// would refuse every client.
@Suite struct RevocationListTimingTests {
    static let now = Date()
    static let day: TimeInterval = 86_400

    struct Timing: CustomTestStringConvertible, Sendable {
        let name: String
        let thisUpdate: Date
        let nextUpdate: Date
        /// nil: loads.
        let says: String?
        var testDescription: String { name }
    }

    static let timings: [Timing] = [
        Timing(name: "current", thisUpdate: now - 60, nextUpdate: now + day, says: nil),
        Timing(
            name: "lastUpdate a minute ahead (a CA clock ahead of ours)", thisUpdate: now + 60, nextUpdate: now + day,
            says: "is not valid before"),
        Timing(name: "nextUpdate passed", thisUpdate: now - 2 * day, nextUpdate: now - day, says: "expired at"),
    ]

    @Test(arguments: timings)
    func timing(_ timing: Timing) throws {
        let pki = try HierarchyPKI.make()
        defer { pki.remove() }
        let crl = try pki.revocationList(
            "crl.pem", of: pki.root, thisUpdate: timing.thisUpdate, nextUpdate: timing.nextUpdate)
        let configuration = pki.serverConfiguration(crls: [crl])
        guard let says = timing.says else {
            #expect(throws: Never.self) { try TLSContext(server: configuration) }
            return
        }
        let error = #expect(throws: TLSConfigurationError.self) { try TLSContext(server: configuration) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.hasPrefix("revocation list \(crl) "), "\(message)")
        #expect(message.contains(says), "\(message)")
    }
}
