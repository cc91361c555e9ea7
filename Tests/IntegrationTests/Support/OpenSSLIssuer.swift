import Foundation

/// Certificates `dockgate certs` will not make — expired, not yet valid, or with a server
/// EKU on a client — and CRLs that expire within seconds, signed by the test's own dockgate CA
/// with the `openssl ca` CLI.
///
/// Made with an independent tool on purpose: a test of how dockgate judges a certificate
/// should not depend on dockgate's own issuing code having written it correctly.
extension TestBed {
    enum Purpose: String {
        case client, server
    }

    /// Issues a certificate for a new P-256 key (or for `existingKey`), valid from `notBefore`
    /// to `notAfter`, into `bad/NAME/{ca,cert,key}.pem`.
    func issueWithOpenSSL(
        _ name: String, team: String = "web", purpose: Purpose = .client, notBefore: Date, notAfter: Date,
        existingKey: String? = nil
    ) async throws -> ClientFiles {
        let directory = path("bad/\(name)")
        let work = try makeOpenSSLCA(in: directory + "/openssl-ca", name: name)

        let key = existingKey ?? directory + "/key.pem"
        if existingKey == nil {
            try await opensslSucceeds([
                "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key,
            ])
        } else {
            try FileManager.default.copyItem(atPath: key, toPath: directory + "/key.pem")
        }
        let subject = purpose == .client ? "/O=dockgate/OU=\(team)/CN=\(name)" : "/O=dockgate/CN=\(name)"
        try await opensslSucceeds(["req", "-new", "-key", key, "-subj", subject, "-out", work + "/request.csr"])
        try await opensslSucceeds([
            "ca", "-batch", "-config", work + "/ca.cnf", "-cert", pki.caCertificate, "-keyfile", pki.caKey,
            "-in", work + "/request.csr", "-out", directory + "/cert.pem", "-notext",
            "-startdate", Self.asn1Time(notBefore), "-enddate", Self.asn1Time(notAfter),
            "-extensions", purpose.rawValue,
        ])
        try FileManager.default.copyItem(atPath: pki.caCertificate, toPath: directory + "/ca.pem")
        let reported = purpose == .client ? "CN=\(name),OU=\(team),O=dockgate" : "CN=\(name),O=dockgate"
        return ClientFiles(directory: directory, subject: reported)
    }

    /// A CRL of this bed's CA, listing nothing, whose nextUpdate is `seconds` from now; returns its path.
    func issueShortLivedRevocationList(seconds: Int) async throws -> String {
        let work = try makeOpenSSLCA(in: path("short-crl/openssl-ca"), name: "crl")
        let crl = path("short-crl/crl.pem")
        try await opensslSucceeds([
            "ca", "-batch", "-config", work + "/ca.cnf", "-cert", pki.caCertificate, "-keyfile", pki.caKey,
            "-gencrl", "-crlsec", "\(seconds)", "-out", crl,
        ])
        return crl
    }

    /// The database, serial and configuration files `openssl ca` needs, in `work`.
    private func makeOpenSSLCA(in work: String, name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try write("", to: work + "/index.txt")
        try write(Self.randomSerial() + "\n", to: work + "/serial")
        try write(Self.configuration(directory: work, name: name), to: work + "/ca.cnf")
        return work
    }

    /// A minimal `openssl ca` configuration: any subject, the two leaf profiles dockgate's
    /// own issuer uses.
    private static func configuration(directory: String, name: String) -> String {
        """
        [ ca ]
        default_ca = issuer
        [ issuer ]
        database = \(directory)/index.txt
        new_certs_dir = \(directory)
        serial = \(directory)/serial
        default_md = sha256
        policy = any_name
        unique_subject = no
        email_in_dn = no
        [ any_name ]
        organizationName = optional
        organizationalUnitName = optional
        commonName = supplied
        [ client ]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature
        extendedKeyUsage = clientAuth
        subjectAltName = URI:spiffe://dockgate/team/test/user/\(name)
        [ server ]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:localhost,IP:127.0.0.1
        """
    }

    /// `openssl ca -startdate/-enddate` format: `YYYYMMDDHHMMSSZ`, UTC.
    static func asn1Time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss'Z'"
        return formatter.string(from: date)
    }

    /// 16 random bytes, high bit clear, so serials never collide with dockgate's own.
    private static func randomSerial() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[0] = bytes[0] & 0x7f | 0x10
        return bytes.map { String(format: "%02X", $0) }.joined()
    }
}

extension Date {
    static func daysFromNow(_ days: Double) -> Date { Date().addingTimeInterval(days * 86_400) }
}
