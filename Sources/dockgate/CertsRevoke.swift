import ArgumentParser
import Foundation
import MutualTLS

/// `dockgate certs revoke`: adds a certificate to the CA's CRL, or with no certificate
/// re-signs the CRL with fresh dates so it does not run past its nextUpdate.
struct CertsRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a certificate, or refresh the revocation list's dates.",
        discussion: """
            Rewrites <dir>/crl.pem, keeping every earlier revocation. dockgate serve --tlscrl \
            refuses every client once the CRL's nextUpdate has passed, so run \
            `dockgate certs revoke --dir <dir>` (no certificate) well before then.
            """
    )

    @Option(help: "Directory of the CA made by `dockgate certs init`.")
    var dir: String

    @Argument(help: "PEM certificate to revoke; omit it to only refresh the CRL.")
    var certificate: String?

    @Option(help: "Days until the CRL's nextUpdate.")
    var days: Int = 365

    func validate() throws {
        try CertsOutput.validateDays(days, flag: "--days")
    }

    func run() throws {
        let directory = CertsDirectory(path: dir)
        let authority = try directory.loadAuthority()
        let previous = try directory.loadRevocationList(issuedBy: authority)
        let revoked = try certificate.map { try load($0, issuedBy: authority, directory: directory) }

        let now = Date()
        // Back-dated like the certificates: a server whose clock runs a little behind would
        // otherwise find the CRL not yet valid and refuse every client.
        let crl = try authority.revocationList(
            revoking: revoked.map { [$0] } ?? [], previous: previous,
            thisUpdate: now.addingTimeInterval(-CertificateRequest.clockSkew),
            nextUpdate: now.addingTimeInterval(TimeInterval(days) * 86_400))
        let crlPath = directory.file(CertsDirectory.revocationList)
        try CertificateFiles(directory: dir, force: true).write([
            .publicPEM(CertsDirectory.revocationList, try crl.pemEncoded())
        ])

        let count = crl.revokedSerialNumbers.count
        let listed = "\(crlPath) now lists \(count) certificate\(count == 1 ? "" : "s")"
        let nextUpdate = CertsOutput.date(crl.nextUpdate ?? now)
        guard let revoked else {
            print("refreshed \(crlPath): lists \(count) certificate\(count == 1 ? "" : "s"), next update \(nextUpdate)")
            return
        }
        let already = previous?.revokedSerialNumbers.contains(revoked.serialNumberHex) ?? false
        print(
            "\(already ? "already revoked" : "revoked") serial \(revoked.serialNumberHex) (\(revoked.subject)); \(listed)"
        )
        print("next update \(nextUpdate); a running dockgate serve --tlscrl \(crlPath) picks it up on reload (SIGHUP)")
    }

    private func load(_ path: String, issuedBy authority: CertificateAuthority, directory: CertsDirectory) throws
        -> X509Certificate
    {
        let certificate = try X509Certificate.loadAll(fromPEMFile: path)[0]
        if certificate == authority.certificate { throw CertsError.isTheAuthority(path: path) }
        guard authority.hasIssued(certificate) else {
            throw CertsError.notIssuedByAuthority(
                path: path, issuer: certificate.issuer.rfc2253,
                authorityPath: directory.file(CertsDirectory.caCertificate))
        }
        return certificate
    }
}
