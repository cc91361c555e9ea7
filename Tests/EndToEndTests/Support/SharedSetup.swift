import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// What every test of this process shares, made once on first use: a scratch directory, one
/// PKI with a client certificate, and the private dockerd.
///
/// The dockerd is the one `scripts/test` started (`DOCKGATE_TEST_DOCKER_SOCK`); under a plain
/// `swift test` this process starts its own with `scripts/dockerd-env start` and stops it at
/// exit. The scratch directory goes at exit too, unless `DOCKGATE_E2E_KEEP=1`.
struct SharedSetup: Sendable {
    let scratch: String
    /// `dockgate certs init --dir`: ca.pem, server-cert.pem, server-key.pem, …
    let pki: String
    /// `dockgate certs client --out`: ca.pem, cert.pem, key.pem (what `DOCKER_CERT_PATH` names).
    let clientCertificates: String
    /// More clients, one per team of policy/teams.yaml plus one of no team: `teamClients["data"]`.
    let teamClients: [String: String]
    /// The private dockerd's Unix socket.
    let daemonSocket: String

    static func get() async throws -> SharedSetup { try await made.value }

    private static let made = Task { try await make() }

    private static func make() async throws -> SharedSetup {
        var template = Array("/tmp/dockgate-e2e-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed: errno \(errno)") }
        let scratch = String(cString: made)
        atExit.removeScratch = scratch
        registerExitCleanup()

        let dockgate = try Programs.dockgate()
        let pki = scratch + "/pki"
        let client = scratch + "/client"
        var teamClients: [String: String] = [:]
        var issue = [
            ["certs", "init", "--dir", pki],
            ["certs", "client", "--dir", pki, "--name", "e2e", "--team", "web", "--out", client],
        ]
        for team in ["web", "data", "platform", "audit", "quota", "burst", "nobody"] {
            teamClients[team] = scratch + "/clients/\(team)"
            issue.append([
                "certs", "client", "--dir", pki, "--name", "e2e-\(team)", "--team", team, "--out",
                scratch + "/clients/\(team)",
            ])
        }
        for arguments in issue {
            let result = try await runToEnd(dockgate, arguments, in: scratch, timeout: .seconds(60))
            guard result.succeeded else { throw HarnessError("making the test PKI failed:\n\(result)") }
        }
        let socket = try await daemonSocket(scratch: scratch)
        return SharedSetup(
            scratch: scratch, pki: pki, clientCertificates: client, teamClients: teamClients, daemonSocket: socket)
    }

    private static func daemonSocket(scratch: String) async throws -> String {
        if let socket = ProcessInfo.processInfo.environment["DOCKGATE_TEST_DOCKER_SOCK"], !socket.isEmpty {
            guard FileManager.default.fileExists(atPath: socket) else {
                throw HarnessError("DOCKGATE_TEST_DOCKER_SOCK=\(socket) does not exist; is that dockerd running?")
            }
            return socket
        }
        let script = try Programs.repositoryRoot() + "/scripts/dockerd-env"
        // The first run on a bare machine installs packages: give it time.
        let result = try await runToEnd(
            "/bin/bash", ["-c", withoutInheritedDescriptors, "bash", script, "start"], in: scratch,
            timeout: .seconds(300))
        let values = Dictionary(
            result.standardOutput.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.split(separator: "=", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }, uniquingKeysWith: { $1 })
        if let directory = values["DOCKGATE_DOCKERD_DIR"] { atExit.dockerd = (script, directory) }
        guard result.succeeded, let socket = values["DOCKGATE_DOCKER_SOCK"] else {
            throw HarnessError("scripts/dockerd-env start failed:\n\(result)")
        }
        return socket
    }

    /// A bash script that runs "$@" with every descriptor it inherited above stderr closed.
    ///
    /// Foundation's `Process` (Linux) learns that a child exited from EOF on a socket the
    /// child inherits. The dockerd and containerd that `dockerd-env start` leaves running
    /// would inherit it too, and the start would never seem to end; this shell keeps its own
    /// copy until the script is done, the daemons get none.
    static let withoutInheritedDescriptors = #"""
        closes=
        for f in /proc/$$/fd/*; do n=${f##*/}; [ "$n" -gt 2 ] && closes="$closes $n>&-"; done
        eval "\"\$@\" $closes"
        """#

    /// `--policy FILE` for a policy of the test's own, written under the scratch directory.
    func policyArguments(_ name: String, _ yaml: String) throws -> [String] {
        let path = scratch + "/\(name)-\(UUID().uuidString.prefix(8)).yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return ["--policy", path]
    }

    /// Runs a setup command to its end (killed at `timeout`).
    static func runToEnd(_ executable: String, _ arguments: [String], in directory: String, timeout: Duration)
        async throws -> CommandResult
    {
        try await ChildProcess(executable, arguments, directory: directory).waitForResult(timeout: timeout)
    }
}

/// What the exit handler undoes. Written once, by `SharedSetup.make()` before any test uses
/// it, and read only at exit.
private struct ExitCleanup {
    var dockerd: (script: String, directory: String)?
    var removeScratch: String?
}

nonisolated(unsafe) private var atExit = ExitCleanup()
nonisolated(unsafe) private var exitCleanupRegistered = false

private func registerExitCleanup() {
    guard !exitCleanupRegistered else { return }
    exitCleanupRegistered = true
    atexit {
        if let (script, directory) = atExit.dockerd {
            let status = system("\(shellQuoted(script)) stop \(shellQuoted(directory)) >/dev/null 2>&1")
            if status != 0 {
                FileHandle.standardError.write(
                    Data("EndToEndTests: `\(script) stop \(directory)` failed (\(status))\n".utf8))
            }
        }
        if let scratch = atExit.removeScratch, ProcessInfo.processInfo.environment["DOCKGATE_E2E_KEEP"] != "1" {
            try? FileManager.default.removeItem(atPath: scratch)
        }
    }
}
