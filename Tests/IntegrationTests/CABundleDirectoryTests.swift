import Foundation
import Testing

/// A `--tlscacert` directory is watched file by file: rewriting a CA file inside it in place
/// (which leaves the directory's own entry and times alone) reloads, as SIGHUP would.
@Suite(.timeLimit(.minutes(2)))
struct CABundleDirectoryTests {
    @Test("a CA added to a file inside the --tlscacert directory lets its clients in, without a signal")
    func fileInsideTheDirectoryChanges() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let second = PKIFiles(directory: bed.path("second-pki"))
        try await bed.dockgateSucceeds(["certs", "init", "--dir", second.directory, "--ca-name", "second CA"])
        let strangerDirectory = bed.path("clients/stranger")
        try await bed.dockgateSucceeds([
            "certs", "client", "--dir", second.directory, "--name", "stranger", "--team", "web", "--out",
            strangerDirectory,
        ])
        let stranger = ClientFiles(directory: strangerDirectory, subject: "CN=stranger,OU=web,O=dockgate")
        let bundle = bed.path("ca.d")
        try FileManager.default.createDirectory(atPath: bundle, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: bed.pki.caCertificate, toPath: bundle + "/ca.pem")
        var arguments = bed.serveArguments()
        arguments[arguments.firstIndex(of: bed.pki.caCertificate)!] = bundle
        let server = try await bed.startServer(arguments: arguments)
        expectStoppedAtHandshake(try await bed.curl(server, client: stranger), server: server)

        let mark = server.logMark()
        // Written in place (no rename): only the file's size and times change.
        try bed.write(
            try String(contentsOfFile: bed.pki.caCertificate, encoding: .utf8)
                + String(contentsOfFile: second.caCertificate, encoding: .utf8), to: bundle + "/ca.pem")
        let reloaded = await server.waitForLogLine(
            containing: ["reloaded TLS certificates"], after: mark, timeout: .seconds(15))
        #expect(reloaded != nil, "no reload after the CA file changed:\n\(server.log.suffixForMessage)")

        await expectThroughGate(try await bed.curl(server, client: stranger), client: stranger, server: server)
        await expectThroughGate(try await bed.curl(server, client: alice), client: alice, server: server)
        await server.stop()
    }
}
