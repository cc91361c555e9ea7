import Foundation
import TestSupport
import Testing

/// `dockgate policy explain` evaluates one request offline, as the gate would classify and
/// check it, and exits 0 when allowed, 1 when denied or refused.
@Suite(.timeLimit(.minutes(2)))
struct PolicyExplainTests {
    static let create = ["POST", "/v1.41/containers/create"]
    /// What `docker run --rm --user 1000 local/busybox:1 id` sends, trimmed.
    static let plainRun = #"{"Image":"local/busybox:1","User":"1000","Cmd":["id"],"HostConfig":{"AutoRemove":true}}"#

    @Test("a plain `docker run` body is allowed under baseline")
    func plainRunAllowed() async throws {
        let result = try await Explain.run(Self.create + ["-"], input: Self.plainRun)
        #expect(result.status == 0, "\(result)")
        #expect(
            result.standardOutput
                == "allowed: POST /v1.41/containers/create (endpoint container.create, profile baseline)\n", "\(result)"
        )
    }

    @Test("`--privileged` is denied by no-privileged, and allowed by the privileged profile")
    func privilegedDenied() async throws {
        let body = #"{"Image":"local/busybox:1","User":"1000","HostConfig":{"Privileged":true}}"#
        let denied = try await Explain.run(Self.create + ["body.json"], files: ["body.json": body])
        #expect(denied.status == 1, "\(denied)")
        #expect(denied.standardOutput.contains("(rule no-privileged, profile baseline)"), "\(denied)")
        #expect(denied.standardOutput.contains("detail: HostConfig.Privileged=true"), "\(denied)")

        let allowed = try await Explain.run(
            ["--profile", "privileged"] + Self.create + ["body.json"], files: ["body.json": body])
        #expect(allowed.status == 0 && allowed.standardOutput.contains("profile privileged"), "\(allowed)")
    }

    @Test("`HostConfig.NetworkMode: host` is denied by no-host-network")
    func hostNetworkDenied() async throws {
        let body = #"{"Image":"local/busybox:1","User":"1000","HostConfig":{"NetworkMode":"host"}}"#
        let result = try await Explain.run(Self.create + ["body.json"], files: ["body.json": body])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("(rule no-host-network, profile baseline)"), "\(result)")
        #expect(result.standardOutput.contains(#"detail: HostConfig.NetworkMode="host""#), "\(result)")
    }

    @Test("no `User` needs the image's user: reported as a missing fact, then decided from --facts")
    func imageUserFact() async throws {
        let body = #"{"Image":"local/busybox:1","HostConfig":{}}"#
        let missing = try await Explain.run(Self.create + ["body.json"], files: ["body.json": body])
        #expect(missing.status == 1, "\(missing)")
        #expect(missing.standardOutput.contains("(rule no-root-user, profile baseline)"), "\(missing)")
        #expect(missing.standardOutput.contains(#"missing fact: image "local/busybox:1""#), "\(missing)")
        #expect(missing.standardOutput.contains(#"{"images": {"local/busybox:1": {"user": "#), "\(missing)")

        let files = [
            "body.json": body,
            "user.json": #"{"images": {"local/busybox:1": {"user": "1000"}}}"#,
            "root.json": #"{"images": {"local/busybox:1": {"user": ""}}}"#,
        ]
        let allowed = try await Explain.run(["--facts", "user.json"] + Self.create + ["body.json"], files: files)
        #expect(allowed.status == 0 && allowed.standardOutput.hasPrefix("allowed: "), "\(allowed)")
        let root = try await Explain.run(["--facts", "root.json"] + Self.create + ["body.json"], files: files)
        #expect(root.status == 1 && root.standardOutput.contains("(rule no-root-user, profile baseline)"), "\(root)")
        #expect(!root.standardOutput.contains("missing fact"), "\(root)")
    }

    @Test("an unknown key in the facts file is a usage error naming the key")
    func unknownFactsKey() async throws {
        let files = [
            "body.json": #"{"Image":"local/busybox:1","HostConfig":{}}"#,
            "facts.json": #"{"images": {"local/busybox:1": {"User": "1000"}}}"#,
        ]
        let result = try await Explain.run(["--facts", "facts.json"] + Self.create + ["body.json"], files: files)
        #expect(result.status == 64, "\(result)")
        #expect(result.standardError.contains(#"unknown key "User""#), "\(result)")
    }

    @Test("a path dockerd would redirect (`//`) is refused")
    func pathTrickRefused() async throws {
        let result = try await Explain.run(["GET", "/v1.41/containers//json"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardOutput.hasPrefix("refused: 400 ")
                && result.standardOutput.contains("(rule path.empty-segment)"), "\(result)")
    }

    @Test("an unknown endpoint is denied")
    func unknownEndpointDenied() async throws {
        let result = try await Explain.run(["GET", "/v1.41/no/such/endpoint"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardOutput
                == "denied: GET /v1.41/no/such/endpoint is not a Docker Engine API endpoint (rule unknown-endpoint)\n",
            "\(result)")
    }

    @Test("a body with keys equal under Go's folding (`Image`, `image`) is refused")
    func duplicateFoldedKeysRefused() async throws {
        let body = #"{"Image":"local/busybox:1","image":"evil/root:1","User":"1000"}"#
        let result = try await Explain.run(Self.create + ["body.json"], files: ["body.json": body])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardOutput.hasPrefix("refused: 400 ")
                && result.standardOutput.contains(#"duplicate key "image""#), "\(result)")
    }
}

/// Runs `dockgate policy explain` in a throw-away directory holding the given files.
enum Explain {
    /// `dockgate policy explain ARGUMENTS` in a scratch directory holding `files`.
    static func run(_ arguments: [String], files: [String: String] = [:], input: String? = nil) async throws
        -> CommandResult
    {
        try await dockgate(["policy", "explain"] + arguments, files: files, input: input)
    }

    /// `dockgate ARGUMENTS` in a scratch directory holding `files`.
    static func dockgate(_ arguments: [String], files: [String: String] = [:], input: String? = nil) async throws
        -> CommandResult
    {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "dockgate-explain-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
        }
        let child = try ChildProcess(
            try Executables.dockgate(), arguments, directory: directory,
            input: input.map(ChildProcess.Input.text) ?? .none)
        return await child.waitForResult(timeout: .seconds(30))
    }
}
