import Foundation
import TestSupport
import Testing

/// `serve --config FILE`: the file carries serve's flags; the command line wins; mistakes
/// stop start-up naming the line and key.
@Suite(.timeLimit(.minutes(2)))
struct ConfigFileTests {
    @Test("a config file starts the gate; a flag on the command line wins over it")
    func startsFromTheFile() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        try bed.write(
            """
            tlsverify: true
            tlscacert: \(bed.pki.caCertificate)
            tlscert: \(bed.pki.serverCertificate)
            tlskey: \(bed.pki.serverKey)
            upstream: unix://\(bed.path("daemon.sock"))
            host: [tcp://127.0.0.1:1]
            metrics-addr: 127.0.0.1:0
            audit-log: ["-"]
            log-level: debug
            """, to: bed.path("dockgate.yaml"))
        let server = try await bed.startServer(arguments: [
            "serve", "--config", bed.path("dockgate.yaml"), "-H", "tcp://127.0.0.1:0",
        ])
        let answer = try await bed.curl(server, client: alice)
        #expect(answer.status == 200, "\(answer)")
        await server.stop()
    }

    static let mistakes: [(yaml: String, error: String)] = [
        ("tlscacert: /a\ntls-ca: /b\n", "dockgate.yaml:2:1: tls-ca: unknown key"),
        ("tlscacert: [/a, /b]\n", "dockgate.yaml:1:1: tlscacert: must be a single value"),
        ("tlsverify: yes\n", "dockgate.yaml:1:1: tlsverify: must be true or false"),
        ("- tlscacert\n", "must be a mapping of serve flags"),
    ]

    @Test("every flag serve --help lists can be set in the file")
    func everyFlagHasAKey() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let help = try await bed.dockgateSucceeds(["serve", "--help"]).standardOutput
        // `  -H, --host <host>`, `  --tlsverify`: an option line starts with its flag.
        var keys: [String] = []
        for line in help.split(separator: "\n") {
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard let flag = words.first(where: { $0.hasPrefix("--") }), line.hasPrefix("  -") else { continue }
            let name = String(flag.dropFirst(2).prefix { $0 != "," })
            guard !["config", "help", "version"].contains(name) else { continue }
            let takesValue = words.contains { $0.hasPrefix("<") }
            keys.append("\(name): \(takesValue ? "\"1\"" : "true")")
        }
        #expect(keys.count > 20, "\(help)")
        try bed.write(keys.joined(separator: "\n") + "\n", to: bed.path("dockgate.yaml"))
        // The file is expanded before the command line is parsed; --help then ends the run.
        let result = try await bed.dockgate(["serve", "--config", bed.path("dockgate.yaml"), "--help"])
        #expect(result.status == 0, "\(keys)\n\(result)")
    }

    /// The file cannot turn verification off any more than the command line can.
    @Test("tlsverify: false is refused as --tlsverify=false is")
    func verificationStaysOn() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        try bed.write("tlsverify: false\n", to: bed.path("dockgate.yaml"))
        let result = try await bed.dockgate(["serve", "--config", bed.path("dockgate.yaml")])
        #expect(result.status != 0, "\(result)")
        #expect(
            result.standardError.contains("--tlsverify=false: dockgate always verifies client certificates"),
            "\(result)")
    }

    @Test("mistakes stop start-up with the line and key", arguments: mistakes)
    func refused(yaml: String, error: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        try bed.write(yaml, to: bed.path("dockgate.yaml"))
        let result = try await bed.dockgate(["serve", "--config", bed.path("dockgate.yaml")])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains(error), "\(result)")
    }
}

/// A changed policy file is picked up without a signal, as SIGHUP would.
@Suite(.timeLimit(.minutes(2)))
struct WatchedFileReloadTests {
    @Test("rewriting the policy file changes the decision for the next request")
    func policyFileChange() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let policy = bed.path("policy.yaml")
        try bed.write("apiVersion: dockgate/v1\nprofile: privileged\n", to: policy)
        let server = try await bed.startServer(extraArguments: ["--policy", policy])
        #expect(try await bed.privilegedCreate(server, client: alice) == 200)
        try bed.write("apiVersion: dockgate/v1\nprofile: baseline\n", to: policy)
        #expect(
            await bed.eventually { try await bed.privilegedCreate(server, client: alice) == 403 },
            "the new policy was not picked up:\n\(server.log)")
        await server.stop()
    }
}

extension TestBed {
    /// `POST /containers/create` of a privileged container over mutual TLS; the HTTP status.
    func privilegedCreate(_ server: DockgateServer, client: ClientFiles) async throws -> Int {
        let answer = try await run(
            try Executables.curl(),
            [
                "--silent", "--resolve", "localhost:\(server.port):127.0.0.1", "--cacert", pki.caCertificate,
                "--cert", client.certificate, "--key", client.key, "-H", "Content-Type: application/json", "--data",
                #"{"Image":"x","User":"1000","HostConfig":{"Privileged":true}}"#, "-w", "\n%{http_code}",
                "https://localhost:\(server.port)/v1.41/containers/create",
            ]
        ).standardOutput
        return Int(answer.split(separator: "\n").last ?? "") ?? 0
    }

    /// Polls `condition` every 200 ms for at most 10 s.
    func eventually(_ condition: () async throws -> Bool) async -> Bool {
        for _ in 0..<50 {
            if (try? await condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return false
    }
}
