import TestSupport

/// The files `dockgate certs init --dir DIR` writes.
struct PKIFiles: Sendable {
    let directory: String
    var caCertificate: String { directory + "/ca.pem" }
    var caKey: String { directory + "/ca-key.pem" }
    var serverCertificate: String { directory + "/server-cert.pem" }
    var serverKey: String { directory + "/server-key.pem" }
    var revocationList: String { directory + "/crl.pem" }
}

/// A client's `ca.pem`, `cert.pem`, `key.pem` (the `DOCKER_CERT_PATH` layout).
struct ClientFiles: Sendable {
    let directory: String
    /// The subject dockgate reports for this certificate, e.g. `CN=alice,OU=web,O=dockgate`.
    let subject: String
    var ca: String { directory + "/ca.pem" }
    var certificate: String { directory + "/cert.pem" }
    var key: String { directory + "/key.pem" }
}

extension TestBed {
    /// `dockgate certs client`: a certificate for `name` in `team`, in `clients/NAME`.
    func issueClient(_ name: String, team: String = "web", keyType: String? = nil) async throws -> ClientFiles {
        let directory = path("clients/\(name)")
        try await dockgateSucceeds(
            ["certs", "client", "--dir", pki.directory, "--name", name, "--team", team, "--out", directory]
                + (keyType.map { ["--key-type", $0] } ?? []))
        return ClientFiles(directory: directory, subject: "CN=\(name),OU=\(team),O=dockgate")
    }

    /// `dockgate certs revoke`: adds the client's serial to `pki/crl.pem`.
    func revoke(_ client: ClientFiles) async throws {
        try await dockgateSucceeds(["certs", "revoke", "--dir", pki.directory, client.certificate])
    }

    /// The certificate's SHA-256 fingerprint as dockgate logs it (lower-case hex, no colons),
    /// computed independently by `openssl x509`.
    func sha256Fingerprint(of certificate: String) async throws -> String {
        let result = try await opensslSucceeds(["x509", "-in", certificate, "-noout", "-fingerprint", "-sha256"])
        guard let value = result.standardOutput.split(separator: "=", maxSplits: 1).last else {
            throw HarnessError("no fingerprint in:\n\(result)")
        }
        return value.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ":", with: "")
            .lowercased()
    }
}
