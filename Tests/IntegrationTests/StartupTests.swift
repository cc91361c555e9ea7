import Foundation
import Testing

/// `dockgate serve` with bad TLS files stops at start-up — exit status 1, and stderr names the
/// file to fix — instead of starting and failing every handshake. An encrypted key starts with
/// its passphrase file.
@Suite(.timeLimit(.minutes(2)))
struct StartupTests {
    /// A broken configuration, and what stderr must say about it.
    enum BrokenFile: String, CaseIterable, Sendable {
        case missingCA, keyNotMatchingCertificate, expiredServerCertificate, notYetValidServerCertificate
        case encryptedKeyWithoutPassphrase, wrongPassphrase, missingRevocationList, garbageRevocationList
        case clientCertificateInCABundle
        case authorityWithoutRevocationList
        case expiredRevocationList, futureRevocationList

        /// Breaks the configuration in `bed`; returns the serve arguments, the file stderr must
        /// name, and a phrase it must contain.
        func prepare(in bed: TestBed) async throws -> (arguments: [String], file: String, phrase: String) {
            switch self {
            case .missingCA:
                let missing = bed.path("nowhere/ca.pem")
                var arguments = bed.serveArguments()
                arguments[arguments.firstIndex(of: bed.pki.caCertificate)!] = missing
                return (arguments, missing, "No such file or directory")
            case .keyNotMatchingCertificate:
                let otherKey = bed.path("other-key.pem")
                try await bed.opensslSucceeds([
                    "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", otherKey,
                ])
                return (bed.serveArguments(key: otherKey), otherKey, "does not belong to certificate")
            case .expiredServerCertificate:
                let expired = try await bed.issueWithOpenSSL(
                    "localhost", purpose: .server, notBefore: .daysFromNow(-30), notAfter: .daysFromNow(-1),
                    existingKey: bed.pki.serverKey)
                return (bed.serveArguments(certificate: expired.certificate), expired.certificate, "expired")
            case .notYetValidServerCertificate:
                let future = try await bed.issueWithOpenSSL(
                    "localhost", purpose: .server, notBefore: .daysFromNow(1), notAfter: .daysFromNow(30),
                    existingKey: bed.pki.serverKey)
                return (bed.serveArguments(certificate: future.certificate), future.certificate, "not valid before")
            case .encryptedKeyWithoutPassphrase:
                let encrypted = try await encryptServerKey(in: bed)
                return (bed.serveArguments(key: encrypted), encrypted, "--tlskey-passphrase-file")
            case .wrongPassphrase:
                let encrypted = try await encryptServerKey(in: bed)
                let passphrase = bed.path("wrong-passphrase")
                try bed.write(StartupTests.wrongPassphrase + "\n", to: passphrase)
                return (
                    bed.serveArguments(key: encrypted) + ["--tlskey-passphrase-file", passphrase], encrypted,
                    "cannot decrypt"
                )
            case .missingRevocationList:
                let missing = bed.path("nowhere/crl.pem")
                return (bed.serveArguments() + ["--tlscrl", missing], missing, "No such file or directory")
            case .garbageRevocationList:
                let garbage = bed.path("garbage-crl.pem")
                try bed.write("this is not a CRL\n", to: garbage)
                return (bed.serveArguments() + ["--tlscrl", garbage], garbage, "CRL")
            case .expiredRevocationList:
                let expired = try bed.revocationList(
                    "expired-crl.pem", thisUpdate: .daysFromNow(-30), nextUpdate: .daysFromNow(-1))
                return (bed.serveArguments() + ["--tlscrl", expired], expired, "expired at")
            case .futureRevocationList:
                // Signed by a CA whose clock runs an hour ahead: every client would be refused.
                let future = try bed.revocationList(
                    "future-crl.pem", thisUpdate: .daysFromNow(1.0 / 24), nextUpdate: .daysFromNow(30))
                return (bed.serveArguments() + ["--tlscrl", future], future, "is not valid before")
            case .authorityWithoutRevocationList:
                // A second CA joins the bundle, but only the first one's CRL is given.
                let second = PKIFiles(directory: bed.path("second-pki"))
                try await bed.dockgateSucceeds(["certs", "init", "--dir", second.directory, "--ca-name", "second CA"])
                let bundle = bed.path("bundle.pem")
                try bed.write(
                    try String(contentsOfFile: bed.pki.caCertificate, encoding: .utf8)
                        + String(contentsOfFile: second.caCertificate, encoding: .utf8), to: bundle)
                var arguments = bed.serveArguments(revocationList: true)
                arguments[arguments.firstIndex(of: bed.pki.caCertificate)!] = bundle
                return (arguments, bundle, "CA CN=second CA in \(bundle) has no CRL among --tlscrl")
            case .clientCertificateInCABundle:
                // A client's certificate dropped into the CA directory would vouch for itself.
                let alice = try await bed.issueClient("alice")
                let directory = bed.path("ca.d")
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: bed.pki.caCertificate, toPath: directory + "/ca.pem")
                try FileManager.default.copyItem(atPath: alice.certificate, toPath: directory + "/alice.pem")
                var arguments = bed.serveArguments()
                arguments[arguments.firstIndex(of: bed.pki.caCertificate)!] = directory
                return (arguments, directory + "/alice.pem", "which is not a CA certificate")
            }
        }
    }

    static let passphrase = "correct horse battery staple"
    static let wrongPassphrase = "tr0ub4dor&3"

    /// The bed's server key, encrypted with AES-256 by `openssl pkey`.
    static func encryptServerKey(in bed: TestBed) async throws -> String {
        let encrypted = bed.path("server-key-encrypted.pem")
        try await bed.opensslSucceeds([
            "pkey", "-in", bed.pki.serverKey, "-aes256", "-passout", "pass:\(passphrase)", "-out", encrypted,
        ])
        return encrypted
    }

    @Test("a bad TLS file stops start-up with exit status 1 and a message naming it", arguments: BrokenFile.allCases)
    func refusesToStart(_ broken: BrokenFile) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let (arguments, file, phrase) = try await broken.prepare(in: bed)

        let result = try await bed.dockgate(arguments, timeout: .seconds(20))

        #expect(result.status == 1, "\(result)")
        #expect(!result.standardError.contains("listening on"), "\(result)")
        #expect(result.standardError.contains(file), "stderr does not name \(file):\n\(result)")
        #expect(result.standardError.contains(phrase), "stderr does not say \"\(phrase)\":\n\(result)")
        #expect(!result.standardError.contains(Self.passphrase), "stderr shows the key's passphrase:\n\(result)")
        #expect(!result.standardError.contains(Self.wrongPassphrase), "stderr shows the passphrase given:\n\(result)")
    }

    @Test("an address already in use stops start-up with exit status 1 and a message naming it")
    func addressInUse() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let first = try await bed.startServer()
        let address = "tcp://127.0.0.1:\(first.port)"
        var arguments = bed.serveArguments()
        arguments[arguments.firstIndex(of: "tcp://127.0.0.1:0")!] = address

        let second = try await bed.dockgate(arguments, timeout: .seconds(20))

        #expect(second.status == 1, "\(second)")
        #expect(second.standardError.contains("cannot listen on \(address)"), "\(second)")
        await first.stop()
    }

    @Test("an encrypted key starts with --tlskey-passphrase-file and serves clients")
    func encryptedKeyWithPassphraseFile() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let encrypted = try await Self.encryptServerKey(in: bed)
        let passphraseFile = bed.path("passphrase")
        try bed.write(Self.passphrase + "\n", to: passphraseFile)

        let server = try await bed.startServer(
            arguments: bed.serveArguments(key: encrypted) + ["--tlskey-passphrase-file", passphraseFile])

        let response = try await bed.curl(server, client: alice)
        await expectThroughGate(response, client: alice, server: server)
        await server.stop()
    }
}

/// What start-up says about the policy's teams: `--profile` reaches the teams that name no
/// profile, and a policy whose team list is empty says that every request will be refused.
@Suite(.timeLimit(.minutes(2)))
struct StartupTeamsTests {
    @Test("--profile reaches teams that name no profile")
    func profileFlagReachesTeams() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        try bed.write(
            """
            apiVersion: dockgate/v1
            teams:
              - {name: own, match: [{OU: own}], role: operator, profile: privileged}
              - {name: inherits, match: [{OU: inherits}], role: operator}
            """, to: bed.path("teams.yaml"))
        let server = try await bed.startServer(extraArguments: [
            "--policy", bed.path("teams.yaml"), "--profile", "restricted",
        ])
        let line = await server.waitForLogLine(containing: ["teams: "])
        #expect(line?.contains("own (operator, privileged), inherits (operator, restricted)") == true, "\(server.log)")
        await server.stop()
    }

    @Test("an empty team list warns that every request will be refused")
    func noTeams() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        try bed.write("apiVersion: dockgate/v1\nteams: []\n", to: bed.path("teams.yaml"))
        let server = try await bed.startServer(extraArguments: ["--policy", bed.path("teams.yaml")])
        let line = await server.waitForLogLine(containing: ["teams: none; every request will be refused"])
        #expect(line?.contains("warning") == true, "\(server.log)")
        await server.stop()
    }
}

/// Flags with values serve cannot use stop it before anything starts: a failing exit status and
/// a message naming the flag.
@Suite(.timeLimit(.minutes(2)))
struct ServeFlagTests {
    static let mistakes: [(flag: [String], message: String)] = [
        (["--max-header-bytes", "100"], "--max-header-bytes must be between 1024 and 1048576, not 100"),
        (["--max-header-bytes", "2000000"], "--max-header-bytes must be between 1024 and 1048576"),
        (["--header-timeout", "0"], "--header-timeout must be positive"),
        (["--idle-timeout=-1"], "--idle-timeout must be positive"),
        (["--max-connections", "0"], "--max-connections and --max-connections-per-client must be positive"),
        (["--audit-failure", "maybe"], "--audit-failure must be closed or open, not maybe"),
        (["--metrics-addr", "9323"], "--metrics-addr 9323 is not HOST:PORT (or none)"),
        (["--min-api-version", "1"], "--min-api-version 1 is not an API version such as 1.24"),
        (["--upstream", "tcp://127.0.0.1:2375"], "dockgate forwards only to the daemon's local Unix socket"),
        (["--max-handshakes-per-address", "0"], "--max-handshakes-per-address must be positive"),
        (
            ["--tlsverify=false"],
            "--tlsverify=false: dockgate always verifies client certificates and cannot turn that off"
        ),
        (["--tlsverify=0"], "--tlsverify=0: dockgate always verifies client certificates"),
        (["--tlsverify=maybe"], "--tlsverify=maybe is not true or false"),
    ]

    @Test("dockerd's --tlsverify=true is accepted", arguments: ["--tlsverify=true", "--tlsverify=1"])
    func explicitTLSVerify(flag: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer(
            arguments: bed.serveArguments().filter { $0 != "--tlsverify" } + [flag])
        let response = try await bed.curl(server, client: alice)
        await expectThroughGate(response, client: alice, server: server)
        await server.stop()
    }

    @Test("a flag serve cannot use is refused by name", arguments: mistakes)
    func refused(flag: [String], message: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let result = try await bed.dockgate(bed.serveArguments() + flag)
        #expect(result.status != 0, "\(result)")
        #expect(result.standardError.contains(message), "\(result)")
    }
}
