import Foundation
import TestSupport
import Testing

/// dockgate sets OpenSSL's security level itself (2: RSA keys of 2048 bits and more, no SHA-1
/// signatures), after OpenSSL has read `OPENSSL_CONF`, so a system configuration that lowers
/// it (`CipherString = DEFAULT@SECLEVEL=0`) does not weaken what clients must present.
@Suite(.timeLimit(.minutes(2)))
struct SecurityLevelTests {
    static let lowering = """
        openssl_conf = openssl_init
        [openssl_init]
        ssl_conf = ssl_section
        [ssl_section]
        system_default = system_default_section
        [system_default_section]
        CipherString = DEFAULT@SECLEVEL=0
        """

    @Test("under an OPENSSL_CONF with SECLEVEL=0 an RSA-1024 client certificate is still refused")
    func configurationCannotLowerIt() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let configuration = bed.path("seclevel0.cnf")
        try bed.write(Self.lowering, to: configuration)
        let weakKey = bed.path("rsa1024-key.pem")
        try await bed.opensslSucceeds([
            "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", weakKey,
        ])
        let weak = try await bed.issueWithOpenSSL(
            "weak", notBefore: .daysFromNow(-1), notAfter: .daysFromNow(10), existingKey: weakKey)
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer(
            environment: ["OPENSSL_CONF": configuration], arguments: bed.serveArguments())

        // s_client under the same configuration, or it would not use the weak key itself.
        let attempt = try await bed.run(
            "/usr/bin/env",
            ["OPENSSL_CONF=\(configuration)", try Executables.openssl()] + bed.sClientArguments(server, client: weak))
        let refusal = await server.waitForLogLine(containing: [
            "TLS handshake refused", "reason=certificate rejected: EE certificate key too weak",
            "subject=\(weak.subject)",
        ])
        #expect(refusal != nil, "no refusal logged:\n\(attempt)\n\(server.log.suffixForMessage)")

        await expectThroughGate(try await bed.curl(server, client: alice), client: alice, server: server)
        await server.stop()
    }
}

extension TestBed {
    /// `dockgate serve ARGUMENTS` started through `env` with `environment` added, waiting like
    /// `startServer(arguments:)` (at most 60 s) for the port it logs.
    func startServer(environment: [String: String], arguments: [String]) async throws -> DockgateServer {
        _ = try await fakeDaemon()
        let settings = environment.map { "\($0.key)=\($0.value)" }
        let child = try start("/usr/bin/env", settings + [try Executables.dockgate()] + arguments)
        var port: Int?
        _ = await child.waitForOutput(timeout: .seconds(60)) { _, stderr in
            port = DockgateServer.listeningPort(in: stderr)
            return port != nil
        }
        guard let port else {
            child.kill()
            throw HarnessError("dockgate serve did not log its port:\n\(child.result(child.termination))")
        }
        return DockgateServer(process: child, port: port)
    }
}
