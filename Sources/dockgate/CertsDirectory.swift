import Foundation
import MutualTLS

/// The directory `dockgate certs init` fills (`--dir`): the CA, dockgate's server pair and
/// the CRL, named as in Docker's guide so `dockerd`-style flags point straight at them.
struct CertsDirectory {
    static let caCertificate = "ca.pem"
    static let caKey = "ca-key.pem"
    static let serverCertificate = "server-cert.pem"
    static let serverKey = "server-key.pem"
    static let revocationList = "crl.pem"

    let path: String

    func file(_ name: String) -> String {
        CertificateFiles(directory: path).path(name)
    }

    /// The CA of `init`, with a hint to run `init` when there is none.
    func loadAuthority() throws -> CertificateAuthority {
        for name in [Self.caCertificate, Self.caKey] where !FileManager.default.fileExists(atPath: file(name)) {
            throw CertsError.noAuthority(directory: path, missing: file(name))
        }
        return try CertificateAuthority(certificatePath: file(Self.caCertificate), keyPath: file(Self.caKey))
    }

    /// The current CRL, nil when there is none yet; it must come from `authority`.
    func loadRevocationList(issuedBy authority: CertificateAuthority) throws -> RevocationList? {
        let crlPath = file(Self.revocationList)
        guard FileManager.default.fileExists(atPath: crlPath) else { return nil }
        let contents = FileManager.default.contents(atPath: crlPath) ?? Data()
        guard let list = try RevocationList.parseAll(pem: Array(contents), source: crlPath).first else { return nil }
        guard list.isIssued(by: authority.certificate) else {
            throw CertsError.revocationListFromOtherAuthority(
                path: crlPath, issuer: list.issuer.rfc2253, authorityPath: file(Self.caCertificate))
        }
        return list
    }
}
