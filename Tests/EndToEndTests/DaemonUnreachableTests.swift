import Foundation
import TestSupport
import Testing

/// The daemon goes away and comes back while dockgate keeps running: the docker user reads
/// dockgate's 502 in the CLI's own words, and the next command after the daemon's return
/// works without restarting dockgate.
///
/// The shared dockerd stays untouched: the gate's upstream is a path in the test's directory
/// that the test makes and removes.
@Suite("daemon unreachable")
struct DaemonUnreachableTests {
    @Test("socket missing: 502 in the CLI; socket appears: the next command works", arguments: DockerCLI.available)
    func socketAppears(cli: DockerCLI) async throws {
        try await Scenario.run(cli, upstream: .socketInDirectory("daemon.sock"), errorsExpectedInLog: true) { s in
            try await expectUnreachable(s)
            try FileManager.default.createSymbolicLink(
                atPath: s.upstreamSocket, withDestinationPath: s.setup.daemonSocket)
            let listed = try await s.dockerSucceeds(["ps"])
            #expect(listed.standardOutput.hasPrefix("CONTAINER ID"), "\(listed)")
        }
    }

    /// Removing a symlink leaves the daemon's open connections alive, which is not what a
    /// stopped daemon looks like; a relay that is killed closes them all, as a daemon exit does.
    @Test("daemon stops and returns: 502 while away, works again after", arguments: DockerCLI.available)
    func daemonRestarts(cli: DockerCLI) async throws {
        try await Scenario.run(cli, upstream: .socketInDirectory("daemon.sock"), errorsExpectedInLog: true) { s in
            try await expectUnreachable(s)
            var relay = try await SocketRelay.start(at: s.upstreamSocket, forwardingTo: s.setup.daemonSocket, in: s)
            for _ in 0..<3 { try await s.dockerSucceeds(["ps"]) }  // leaves idle connections in the gate's pool

            relay.stop()
            try await expectUnreachable(s)

            relay = try await SocketRelay.start(at: s.upstreamSocket, forwardingTo: s.setup.daemonSocket, in: s)
            for _ in 0..<3 {
                let listed = try await s.dockerSucceeds(["ps"])
                #expect(listed.standardOutput.hasPrefix("CONTAINER ID"), "\(listed)")
            }
            #expect(s.gate.process.termination == nil, "dockgate exited:\n\(s.gate.log.suffixForMessage)")
            relay.stop()
        }
    }

    /// The same with a real dockerd of the test's own (scripts/dockerd-env), stopped and
    /// started again under dockgate's feet: its exit closes the pooled connections and removes
    /// its socket, and the daemon that comes back is a new process on the same path.
    @Test("a real dockerd stops and starts again behind a running dockgate")
    func realDaemonRestarts() async throws {
        let cli = try #require(DockerCLI.available.first)
        let setup = try await SharedSetup.get()
        let directory = setup.scratch + "/restarting-dockerd-\(UUID().uuidString.prefix(8))"
        let script = try Programs.repositoryRoot() + "/scripts/dockerd-env"
        let socket = directory + "/docker.sock"
        func daemon(_ action: String) async throws {
            let result = try await SharedSetup.runToEnd(
                "/bin/bash", ["-c", SharedSetup.withoutInheritedDescriptors, "bash", script, action, directory],
                in: setup.scratch, timeout: .seconds(180))
            try #require(result.succeeded, "dockerd-env \(action):\n\(result)")
        }
        try await daemon("start")
        var failure: Error?
        do {
            try await Scenario.run(cli, upstream: .socket(socket), errorsExpectedInLog: true) { s in
                for _ in 0..<3 { try await s.dockerSucceeds(["ps"]) }  // leaves idle connections in the pool
                try await daemon("stop")
                try await expectUnreachable(s)
                try await daemon("start")
                for _ in 0..<3 {
                    let run = try await s.dockerSucceeds(["run", "--rm", testImage, "echo", "back"])
                    #expect(run.standardOutput == "back\n", "\(run)")
                }
                #expect(s.gate.process.termination == nil, "dockgate exited:\n\(s.gate.log.suffixForMessage)")
            }
        } catch {
            failure = error
        }
        try await daemon("stop")
        if let failure { throw failure }
    }

    private func expectUnreachable(_ s: Scenario, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await s.docker(["ps"])
        let message =
            "Error response from daemon: dockgate: cannot reach the Docker daemon at unix://\(s.upstreamSocket): No such file or directory"
        #expect(
            result.termination == .exited(1) && result.standardError.contains(message),
            "expected `\(message)`:\n\(result)", sourceLocation: sourceLocation)
    }
}
