import ArgumentParser
import Foundation
import MutualTLS

/// `dockgate certs init`: a new CA, dockgate's server certificate and an empty CRL, the
/// server half of Docker's "Protect the Docker daemon socket" guide in one command.
struct CertsInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a CA, a server certificate and an empty revocation list.",
        discussion: """
            Writes ca.pem, ca-key.pem, server-cert.pem, server-key.pem and crl.pem into --dir \
            (created with mode 0700 if missing; keys are written with mode 0600). The server \
            certificate always covers localhost, 127.0.0.1 and ::1 besides every --hostname.
            """
    )

    @Option(help: "Directory for the CA, server and CRL files.")
    var dir: String

    @Option(
        name: .customLong("hostname"),
        help: "A DNS name or IP address clients use to reach dockgate (repeatable).")
    var hostnames: [String] = []

    @Option(help: "Days the server certificate is valid.")
    var days: Int = 825

    @Option(name: .customLong("ca-days"), help: "Days the CA certificate is valid.")
    var caDays: Int = 3650

    @Option(name: .customLong("crl-days"), help: "Days until the empty CRL's nextUpdate.")
    var crlDays: Int = 365

    @Option(name: .customLong("ca-name"), help: "Common name of the CA (default: dockgate CA <8 random hex digits>).")
    var caName: String?

    @Option(
        name: .customLong("key-type"),
        help: "Key algorithm: \(KeyAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var keyType: KeyAlgorithm = .ecdsaP256

    @Flag(help: "Replace existing files (this replaces the CA: every certificate it issued stops working).")
    var force = false

    func validate() throws {
        try CertsOutput.validateDays(days, flag: "--days")
        try CertsOutput.validateDays(caDays, flag: "--ca-days")
        try CertsOutput.validateDays(crlDays, flag: "--crl-days")
        guard days <= caDays else {
            throw ValidationError("--days \(days) is longer than the CA's --ca-days \(caDays)")
        }
        _ = try CertsNames.server(hostnames: hostnames)
    }

    func run() throws {
        let directory = CertsDirectory(path: dir)
        let files = CertificateFiles(directory: dir, force: force)
        let names = [
            CertsDirectory.caCertificate, CertsDirectory.caKey, CertsDirectory.serverCertificate,
            CertsDirectory.serverKey, CertsDirectory.revocationList,
        ]
        // Checked again by `write`; checking first avoids making keys that cannot be saved.
        let existing = names.map(directory.file).filter { FileManager.default.fileExists(atPath: $0) }
        if !force && !existing.isEmpty { throw IssuanceError.filesExist(paths: existing) }

        let now = Date()
        let authority = try CertificateAuthority.create(
            commonName: caName ?? Self.uniqueCAName(), algorithm: keyType,
            notBefore: now.addingTimeInterval(-CertificateRequest.clockSkew),
            notAfter: now.addingTimeInterval(TimeInterval(caDays) * 86_400))
        let serverNames = try CertsNames.server(hostnames: hostnames)
        let serverKey = try PrivateKey.generate(keyType)
        let request = CertificateRequest(
            commonName: serverNames.dnsNames.first ?? "localhost",
            dnsNames: serverNames.dnsNames, ipAddresses: serverNames.ipAddresses, usage: .server, days: days, now: now)
        let server = try authority.issue(request, publicKeyOf: serverKey)
        // Back-dated like the certificates: a server whose clock runs a little behind would
        // otherwise find the CRL not yet valid and refuse every client.
        let crl = try authority.revocationList(
            revoking: [], previous: nil, thisUpdate: now.addingTimeInterval(-CertificateRequest.clockSkew),
            nextUpdate: now.addingTimeInterval(TimeInterval(crlDays) * 86_400))

        try files.write([
            .publicPEM(CertsDirectory.caCertificate, try authority.certificate.pemEncoded()),
            .privateKey(CertsDirectory.caKey, try authority.key.pemEncoded()),
            .publicPEM(CertsDirectory.serverCertificate, try server.pemEncoded()),
            .privateKey(CertsDirectory.serverKey, try serverKey.pemEncoded()),
            .publicPEM(CertsDirectory.revocationList, try crl.pemEncoded()),
        ])
        let sans = (serverNames.dnsNames.map { "DNS:\($0)" } + serverNames.ipAddresses.map { "IP:\($0)" })
        print(
            """
            wrote \(directory.file(CertsDirectory.caCertificate)) (\(authority.certificate.subject), valid until \(CertsOutput.date(authority.certificate.notAfter)))
            wrote \(directory.file(CertsDirectory.caKey)) (mode 0600; keep it offline and out of git)
            wrote \(directory.file(CertsDirectory.serverCertificate)) (\(server.subject); \(sans.joined(separator: ", ")); valid until \(CertsOutput.date(server.notAfter)))
            wrote \(directory.file(CertsDirectory.serverKey)) (mode 0600)
            wrote \(directory.file(CertsDirectory.revocationList)) (empty; next update \(CertsOutput.date(crl.nextUpdate ?? now)))
            next: dockgate certs client --dir \(dir) --name NAME --team TEAM
            """)
    }

    /// Two CAs must not share a name: OpenSSL finds a CRL's CA (and a certificate's issuer)
    /// by name, so same-named CAs in one trust bundle, as during a CA change, get mixed up.
    static func uniqueCAName() -> String {
        String(format: "dockgate CA %08x", UInt32.random(in: 0...UInt32.max))
    }
}
