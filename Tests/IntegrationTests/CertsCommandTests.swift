import Foundation
import Testing

/// `dockgate certs` makes files that an independent tool, the `openssl` CLI, accepts for what
/// they claim to be: a CA, a server certificate for localhost / 127.0.0.1, client certificates
/// with the documented subject and SPIFFE URI, and a CRL that `certs revoke` grows.
@Suite(.timeLimit(.minutes(2)))
struct CertsCommandTests {
    @Test("`certs init` writes a CA, a localhost server certificate, private keys and an empty CRL")
    func initialise() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let pki = PKIFiles(directory: bed.path("named-pki"))
        try await bed.dockgateSucceeds(["certs", "init", "--dir", pki.directory, "--hostname", "docker.example.test"])

        for key in [pki.caKey, pki.serverKey] {
            let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(key) has mode \(String(mode ?? 0, radix: 8))")
        }
        let verify = try await bed.openssl([
            "verify", "-CAfile", pki.caCertificate, "-purpose", "sslserver", pki.serverCertificate,
        ])
        #expect(verify.status == 0 && verify.standardOutput.contains(": OK"), "\(verify)")
        let names = try await bed.opensslSucceeds([
            "x509", "-in", pki.serverCertificate, "-noout", "-ext", "subjectAltName",
        ])
        for name in ["DNS:localhost", "IP Address:127.0.0.1", "DNS:docker.example.test"] {
            #expect(names.standardOutput.contains(name), "\(names)")
        }
        let crl = try await bed.opensslSucceeds([
            "crl", "-in", pki.revocationList, "-CAfile", pki.caCertificate, "-noout", "-text",
        ])
        #expect(
            crl.combinedOutput.contains("verify OK") && crl.standardOutput.contains("No Revoked Certificates"), "\(crl)"
        )
    }

    @Test("a second `certs init` is refused and changes nothing; with --force it replaces the CA")
    func initialiseTwice() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let pki = PKIFiles(directory: bed.path("twice"))
        try await bed.dockgateSucceeds(["certs", "init", "--dir", pki.directory])
        let files = [pki.caCertificate, pki.caKey, pki.serverCertificate, pki.serverKey, pki.revocationList]
        let before = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }

        let again = try await bed.dockgate(["certs", "init", "--dir", pki.directory])
        #expect(again.status == 1, "\(again)")
        #expect(again.standardError.contains(pki.caCertificate) && again.standardError.contains("--force"), "\(again)")
        #expect(
            try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == before, "a refused init wrote files")

        try await bed.dockgateSucceeds(["certs", "init", "--dir", pki.directory, "--force"])
        let after = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        for (index, file) in files.enumerated() { #expect(after[index] != before[index], "\(file) was not replaced") }
        let verify = try await bed.openssl([
            "verify", "-CAfile", pki.caCertificate, "-purpose", "sslserver", pki.serverCertificate,
        ])
        #expect(verify.status == 0, "the new server certificate is not from the new CA:\n\(verify)")
    }

    @Test("`certs client` writes the DOCKER_CERT_PATH trio with the documented subject and URI")
    func clientCertificate() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        try await bed.dockgateSucceeds([
            "certs", "client", "--dir", bed.pki.directory, "--name", "alice", "--team", "web", "--days", "10",
        ])
        let alice = ClientFiles(directory: bed.pki.directory + "/clients/alice", subject: "CN=alice,OU=web,O=dockgate")

        let verify = try await bed.openssl(["verify", "-CAfile", alice.ca, "-purpose", "sslclient", alice.certificate])
        #expect(verify.status == 0 && verify.standardOutput.contains(": OK"), "\(verify)")
        let subject = try await bed.opensslSucceeds([
            "x509", "-in", alice.certificate, "-noout", "-subject", "-nameopt", "RFC2253",
        ])
        #expect(
            subject.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "subject=\(alice.subject)",
            "\(subject)")
        let names = try await bed.opensslSucceeds([
            "x509", "-in", alice.certificate, "-noout", "-ext", "subjectAltName",
        ])
        #expect(names.standardOutput.contains("URI:spiffe://dockgate/team/web/user/alice"), "\(names)")
        let matches = try await bed.opensslSucceeds(["x509", "-in", alice.certificate, "-noout", "-pubkey"])
        let fromKey = try await bed.opensslSucceeds(["pkey", "-in", alice.key, "-pubout"])
        #expect(matches.standardOutput == fromKey.standardOutput, "key.pem does not belong to cert.pem")
        // --days 10: still valid in 9 days, no longer in 11.
        let nineDays = try await bed.openssl(["x509", "-in", alice.certificate, "-noout", "-checkend", "\(9 * 86_400)"])
        let elevenDays = try await bed.openssl([
            "x509", "-in", alice.certificate, "-noout", "-checkend", "\(11 * 86_400)",
        ])
        #expect(nineDays.status == 0 && elevenDays.status == 1, "\(nineDays)\n\(elevenDays)")
    }

    @Test("`certs revoke` lists the certificate in crl.pem and leaves the others valid")
    func revoke() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let bob = try await bed.issueClient("bob")

        try await bed.revoke(alice)

        let crlCheck = ["verify", "-crl_check", "-CRLfile", bed.pki.revocationList, "-CAfile", bed.pki.caCertificate]
        let revoked = try await bed.openssl(crlCheck + [alice.certificate])
        #expect(revoked.status != 0 && revoked.combinedOutput.contains("certificate revoked"), "\(revoked)")
        let valid = try await bed.openssl(crlCheck + [bob.certificate])
        #expect(valid.status == 0, "\(valid)")
        let serial = try await bed.opensslSucceeds(["x509", "-in", alice.certificate, "-noout", "-serial"])
        let hex = serial.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(
            of: "serial=", with: "")
        let crl = try await bed.opensslSucceeds(["crl", "-in", bed.pki.revocationList, "-noout", "-text"])
        #expect(crl.standardOutput.contains("Serial Number: \(hex)"), "\(hex) not listed:\n\(crl)")
    }

    /// Certificates start five minutes in the past so a peer whose clock lags still takes them;
    /// a CRL dated exactly now would be "not yet valid" on that same peer and lock out everyone.
    @Test("`certs init` and `certs revoke` back-date the CRL's lastUpdate like the certificates")
    func revocationListIsBackDated() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        for step in ["init", "revoke"] {
            if step == "revoke" { try await bed.revoke(alice) }
            let started = Date()
            let lastUpdate = try await bed.opensslSucceeds([
                "crl", "-in", bed.pki.revocationList, "-noout", "-lastupdate",
            ])
            // `lastUpdate=Nov  9 16:03:57 2026 GMT`: days below 10 are padded with a space.
            let text = lastUpdate.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "'lastUpdate='MMM d HH:mm:ss yyyy 'GMT'"
            formatter.timeZone = TimeZone(identifier: "UTC")
            let date = try #require(formatter.date(from: text), "\(text)")
            #expect(started.timeIntervalSince(date) >= 4 * 60, "after \(step): \(text)")
        }
    }
}
