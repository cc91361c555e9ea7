import Testing

/// `docker context`: how users keep a remote daemon's address and certificates, here with the
/// gate named by host name (`localhost`, which `dockgate certs init` puts in the server
/// certificate) rather than by address.
@Suite("docker context")
struct ContextTests {
    @Test("a context with the gate's host name and the client certificates", arguments: DockerCLI.available)
    func context(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            var environment = s.dockerEnvironment
            for name in ["DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"] { environment[name] = nil }
            let certificates = s.setup.clientCertificates
            let endpoint =
                "host=tcp://localhost:\(s.gate.port),ca=\(certificates)/ca.pem,cert=\(certificates)/cert.pem,key=\(certificates)/key.pem"
            let create = try await s.run(
                cli.path, ["context", "create", "dockgate", "--docker", endpoint], environment: environment)
            try #require(create.succeeded, "\(create)")

            let version = try await s.run(
                cli.path, ["--context", "dockgate", "version", "--format", "{{.Server.Os}}"], environment: environment)
            #expect(version.succeeded && version.standardOutput == "linux\n", "\(version)")

            let use = try await s.run(cli.path, ["context", "use", "dockgate"], environment: environment)
            try #require(use.succeeded, "\(use)")
            let run = try await s.run(
                cli.path, ["run", "--rm", testImage, "echo", "through the context"], environment: environment)
            #expect(run.succeeded && run.standardOutput == "through the context\n", "\(run)")
        }
    }
}
