import ArgumentParser
import Foundation
import MutualTLS

/// `dockgate certs client`: a client certificate for one person in one team, written as the
/// `ca.pem`, `cert.pem`, `key.pem` trio that `DOCKER_CERT_PATH` expects.
struct CertsClient: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Issue a client certificate for the docker CLI.",
        discussion: """
            The certificate's subject is CN=<name>, OU=<team>, O=dockgate and its \
            subjectAltName is the URI spiffe://dockgate/team/<team>/user/<name>; dockgate's \
            policy identifies the caller by these.
            """
    )

    @Option(help: "Directory of the CA made by `dockgate certs init`.")
    var dir: String

    @Option(help: "The user's name (letters, digits, '.', '_', '-').")
    var name: String

    @Option(help: "The user's team (letters, digits, '.', '_', '-').")
    var team: String

    @Option(help: "Days the certificate is valid.")
    var days: Int = 365

    @Option(help: "Output directory (default: <dir>/clients/<name>).")
    var out: String?

    @Option(
        name: .customLong("key-type"),
        help: "Key algorithm: \(KeyAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var keyType: KeyAlgorithm = .ecdsaP256

    @Flag(help: "Replace an existing cert.pem / key.pem.")
    var force = false

    func validate() throws {
        try CertsNames.validateIdentity(name, flag: "--name")
        try CertsNames.validateIdentity(team, flag: "--team")
        try CertsOutput.validateDays(days, flag: "--days")
    }

    func run() throws {
        let authority = try CertsDirectory(path: dir).loadAuthority()
        let outDirectory = out ?? CertsDirectory(path: dir).file("clients/\(name)")
        let files = CertificateFiles(directory: outDirectory, force: force)
        let caPEM = try authority.certificate.pemEncoded()
        // Checked again by `write`; checking first avoids making a key that cannot be saved.
        let probe: [CertificateFiles.File] = [
            .publicPEM("ca.pem", caPEM), .publicPEM("cert.pem", ""), .privateKey("key.pem", ""),
        ]
        let conflicts = files.conflicts(probe)
        if !force && !conflicts.isEmpty { throw IssuanceError.filesExist(paths: conflicts) }

        let key = try PrivateKey.generate(keyType)
        let request = CertificateRequest(
            commonName: name, organization: "dockgate", organizationalUnits: [team],
            uris: ["spiffe://dockgate/team/\(team)/user/\(name)"], usage: .client, days: days)
        let certificate = try authority.issue(request, publicKeyOf: key)
        try files.write([
            .publicPEM("ca.pem", caPEM),
            .publicPEM("cert.pem", try certificate.pemEncoded()),
            .privateKey("key.pem", try key.pemEncoded()),
        ])
        if certificate.notAfter > authority.certificate.notAfter {
            StandardError.line(
                "warning: the CA expires at \(CertsOutput.date(authority.certificate.notAfter)), before this certificate; it stops working then"
            )
        }
        print(
            """
            wrote \(files.path("ca.pem"))
            wrote \(files.path("cert.pem")) (\(certificate.subject); \(request.uris[0]); serial \(certificate.serialNumberHex); valid until \(CertsOutput.date(certificate.notAfter)))
            wrote \(files.path("key.pem")) (mode 0600)
            use it with:
              export DOCKER_CERT_PATH=\(CertsOutput.absolute(outDirectory)) DOCKER_TLS_VERIFY=1 DOCKER_HOST=tcp://HOST:2376
            """)
    }
}
