import Foundation
import MutualTLS

extension TestBed {
    /// An empty CRL of this bed's CA with the given dates, written to `NAME` in the bed: the
    /// CRLs `dockgate certs` never writes (already expired, or dated in the future).
    func revocationList(_ name: String, thisUpdate: Date, nextUpdate: Date) throws -> String {
        let authority = try CertificateAuthority(certificatePath: pki.caCertificate, keyPath: pki.caKey)
        let list = try authority.revocationList(
            revoking: [], previous: nil, thisUpdate: thisUpdate, nextUpdate: nextUpdate)
        try write(try list.pemEncoded(), to: path(name))
        return path(name)
    }
}
