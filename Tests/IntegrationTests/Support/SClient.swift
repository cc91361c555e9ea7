import TestSupport

/// `openssl s_client`, the reference TLS client, driven the way a person debugging a gate
/// would: connect, type one HTTP request, read the answer, end stdin.
struct SClientSession: CustomStringConvertible {
    let result: CommandResult
    /// The HTTP response s_client printed, if a complete one came back.
    var response: RawHTTPResponse? { RawHTTPResponse(findingIn: result.standardOutput) }
    var description: String { result.description }
}

/// One of s_client's interactive commands, typed on a line of its own once connected.
struct SClientCommand: Sendable {
    let line: String
    /// What s_client prints when it acts on the command.
    let acknowledgement: String

    /// `R`: renegotiate (TLS 1.2).
    static let renegotiate = SClientCommand(line: "R\n", acknowledgement: "RENEGOTIATING")
    /// `K`: send a TLS 1.3 KeyUpdate that asks the server to update its keys too.
    static let keyUpdate = SClientCommand(line: "K\n", acknowledgement: "KEYUPDATE")
}

extension TestBed {
    static let pingRequest = "GET /_ping HTTP/1.1\r\nHost: localhost\r\n\r\n"

    /// Runs `openssl s_client -connect 127.0.0.1:PORT -CAfile ca.pem [-cert -key] -servername
    /// localhost ARGUMENTS`, types `commands` once connected (each after the previous one was
    /// acknowledged), sends one request, and waits (at most 15 s) for a complete response or for
    /// s_client to give up; then ends stdin so s_client closes and writes `-sess_out`.
    func sClient(
        _ server: DockgateServer, client: ClientFiles?, arguments: [String] = [], commands: [SClientCommand] = []
    ) async throws -> SClientSession {
        let all = sClientArguments(server, client: client) + arguments
        let child = try start(try Executables.openssl(), all, input: .pipe)
        if !commands.isEmpty {
            _ = await child.waitForOutput(timeout: .seconds(15)) { stdout, _ in stdout.contains("Verify return code") }
        }
        for command in commands {
            // s_client drops whatever else arrived in the same read as a command.
            let before = child.standardError.utf8.count
            child.send(command.line)
            _ = await child.waitForOutput(timeout: .seconds(15)) { stdout, stderr in
                stdout.contains(command.acknowledgement)
                    || String(decoding: stderr.utf8.dropFirst(before), as: UTF8.self).contains(command.acknowledgement)
            }
        }
        child.send(Self.pingRequest)
        _ = await child.waitForOutput(timeout: .seconds(15)) { stdout, _ in
            RawHTTPResponse(findingIn: stdout) != nil
        }
        child.closeInput()
        let termination = await child.waitForExit(timeout: .seconds(10))
        child.kill()
        return SClientSession(result: child.result(termination))
    }

    /// `s_client -connect 127.0.0.1:PORT -CAfile ca.pem -servername localhost
    /// -verify_return_error [-cert -key]`: the server is checked against this bed's CA.
    func sClientArguments(_ server: DockgateServer, client: ClientFiles?) -> [String] {
        var arguments = [
            "s_client", "-connect", "127.0.0.1:\(server.port)", "-CAfile", pki.caCertificate, "-servername",
            "localhost", "-verify_return_error",
        ]
        if let client { arguments += ["-cert", client.certificate, "-key", client.key] }
        return arguments
    }
}
