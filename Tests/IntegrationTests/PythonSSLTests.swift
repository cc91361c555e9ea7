import Testing

/// Python's `ssl` module: its own defaults (hostname check, default context), explicit
/// session objects, and a TLS half-close, under TLS 1.2 and 1.3.
@Suite(.timeLimit(.minutes(2)))
struct PythonSSLTests {
    @Test(
        "requests get through to the daemon, and the second connection resumes the session", arguments: ["1.2", "1.3"])
    func requestAndResumption(version: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice", team: "web")
        let server = try await bed.startServer()

        let answers = try await bed.pythonHTTPS(server, client: alice, tlsVersion: version, connections: 2)

        for answer in answers {
            #expect(answer.connection.error == nil, "\(answer.details)\nserver log:\n\(server.log)")
            #expect(answer.connection.version == "TLSv\(version)", "\(answer.details)")
            #expect(answer.connection.alpn == "http/1.1", "\(answer.details)")
            await expectThroughGate(answer, client: alice, server: server)
        }
        #expect(answers[0].connection.reused == false, "\(answers[0].details)")
        #expect(
            answers[1].connection.reused == true,
            "the second connection did not resume the session:\n\(answers[1].details)")
        await server.stop()
    }

    @Test("without a client certificate the request fails", arguments: ["1.2", "1.3"])
    func noClientCertificate(version: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let server = try await bed.startServer()

        let answer = try #require(try await bed.pythonHTTPS(server, client: nil, tlsVersion: version).first)

        expectStoppedAtHandshake(answer, server: server)
        #expect(answer.connection.error?.contains("SSLError") == true, "\(answer.details)")
        let refusal = await server.waitForLogLine(containing: [
            "TLS handshake refused", "reason=client sent no certificate",
        ])
        #expect(refusal != nil, "no refusal logged:\n\(server.log)")
        await server.stop()
    }

    @Test(
        "a request followed by close_notify (no TCP FIN) still gets its answer, then close_notify",
        arguments: ["1.2", "1.3"])
    func halfClose(version: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()

        let (result, outcome) = try await bed.pythonHalfClose(server, client: alice, tlsVersion: version)

        #expect(outcome.error == nil, "\(result)\nserver log:\n\(server.log)")
        let response = RawHTTPResponse(findingIn: outcome.received)
        #expect(
            response?.status == 200 && FakeDaemon.echo(in: response?.body)?.path == "/_ping", "\(result)\n\(server.log)"
        )
        #expect(outcome.closeNotify, "the server did not end with close_notify:\n\(result)")
        await server.stop()
    }
}
