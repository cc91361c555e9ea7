import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGTERM and SIGINT stop `dockgate serve` cleanly (exit status 0), also while a client
/// holds an authenticated connection open (a `docker events` or `logs -f` would).
@Suite(.timeLimit(.minutes(2)))
struct ShutdownTests {
    @Test("SIGTERM and SIGINT exit 0 with an authenticated connection open", arguments: [SIGTERM, SIGINT])
    func cleanExit(signal: Int32) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer()
        // An idle keep-alive connection: s_client stays connected until its stdin ends.
        let idle = try bed.start(try Executables.openssl(), bed.sClientArguments(server, client: alice), input: .pipe)
        idle.send(TestBed.pingRequest)
        let answered = await idle.waitForOutput(timeout: .seconds(15)) { stdout, _ in
            RawHTTPResponse(findingIn: stdout) != nil
        }
        try #require(answered, "the idle client got no answer:\n\(idle.result(nil))\nserver log:\n\(server.log)")

        server.process.signal(signal)
        let termination = await server.process.waitForExit(timeout: .seconds(15))

        #expect(
            termination == .exited(0), "\(termination.map(\.description) ?? "still running after 15 s"):\n\(server.log)"
        )
        #expect(server.log.contains("shutting down"), "\(server.log)")
        // The open connection is gone with the server.
        let clientEnded = await idle.waitForExit(timeout: .seconds(10))
        #expect(clientEnded != nil, "s_client still connected after the server exited:\n\(idle.result(nil))")
    }
}
