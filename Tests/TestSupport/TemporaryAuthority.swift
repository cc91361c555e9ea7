import Foundation
import MutualTLS

/// A CA written to `ca.pem` / `ca-key.pem` in a fresh temporary directory.
public struct TemporaryAuthority {
    public let authority: CertificateAuthority
    public let files: CertificateFiles
    public var certificatePath: String { files.path("ca.pem") }
    public var keyPath: String { files.path("ca-key.pem") }

    public init(algorithm: KeyAlgorithm = .ecdsaP256, commonName: String = "Issuance Test CA") throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("dockgate-issuance-\(UUID())")
        files = CertificateFiles(directory: template.path)
        authority = try CertificateAuthority.create(
            commonName: commonName, algorithm: algorithm,
            // 2023 to 2100: wide enough for every fixed date the issuance tests use.
            notBefore: Date(timeIntervalSince1970: 1_700_000_000), notAfter: Date(timeIntervalSince1970: 4_110_000_000))
        try files.write([
            .publicPEM("ca.pem", try authority.certificate.pemEncoded()),
            .privateKey("ca-key.pem", try authority.key.pemEncoded()),
        ])
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: files.directory)
    }
}
