import Foundation
import TestSupport
import Testing

/// The policy files shipped in policy/ load, and each example does what its comments say.
@Suite(.timeLimit(.minutes(2)))
struct ShippedPolicyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static func file(_ relative: String) -> String { root + "/" + relative }

    static let shipped = [
        "policy/default.yaml", "policy/restricted.yaml", "policy/teams.yaml", "policy/examples/ci-runner.yaml",
        "policy/examples/web.yaml",
    ]

    @Test("policy check accepts every shipped file", arguments: shipped)
    func loads(_ relative: String) async throws {
        let result = try await Explain.dockgate(["policy", "check", Self.file(relative)])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.hasPrefix("\(Self.file(relative)): valid (dockgate/v1)\n"), "\(result)")
    }

    @Test("policy check names the line and key of a mistake, exit 1")
    func invalid() async throws {
        let result = try await Explain.dockgate(
            ["policy", "check", "bad.yaml"],
            files: [
                "bad.yaml": "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    maxMemory: 2GB\n"
            ])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardError.contains("bad.yaml:5:16: profiles.web.maxMemory: \"2GB\" is not a size"), "\(result)")
    }

    /// `docker run` with every flag the restricted checklist asks for.
    static func hardenedRun(image: String, extraHostConfig: String = "", extraConfig: String = "") -> String {
        #"{"Image":"\#(image)","User":"1000:1000"\#(extraConfig),"HostConfig":{"ReadonlyRootfs":true,"CapDrop":["ALL"],"SecurityOpt":["no-new-privileges"],"Memory":67108864,"NanoCpus":500000000,"PidsLimit":64\#(extraHostConfig)}}"#
    }

    @Test("ci-runner: builds may write the team's registry names only")
    func ciRunner() async throws {
        let policy = ["--policy", Self.file("policy/examples/ci-runner.yaml")]
        let own = try await Explain.run(policy + ["POST", "/v1.41/build?t=registry.example.com/ci/app:1"])
        #expect(own.status == 0, "\(own)")
        let official = try await Explain.run(policy + ["POST", "/v1.41/build?t=busybox:latest"])
        #expect(
            official.status == 1 && official.standardOutput.contains("(rule image-writes, profile ci)"), "\(official)")
        let job = try await Explain.run(
            policy + ["POST", "/v1.41/containers/create", "-"],
            input: Self.hardenedRun(image: "registry.example.com/ci/app:1"))
        #expect(job.status == 0, "\(job)")
        let elsewhere = try await Explain.run(
            policy + ["POST", "/v1.41/containers/create", "-"], input: Self.hardenedRun(image: "quay.io/x/y:1"))
        #expect(
            elsewhere.status == 1 && elsewhere.standardOutput.contains("(rule trusted-images, profile ci)"),
            "\(elsewhere)")
    }

    @Test("web: port 443 with NET_BIND_SERVICE, and /srv/www read-only only")
    func web() async throws {
        let policy = ["--policy", Self.file("policy/examples/web.yaml")]
        let facts = #"{"hostPaths": {"/srv/www": "/srv/www"}}"#
        let ports =
            #","PortBindings":{"443/tcp":[{"HostIp":"127.0.0.1","HostPort":"443"}]},"CapAdd":["NET_BIND_SERVICE"]"#
        let readOnly = Self.hardenedRun(
            image: "nginx:1.27", extraHostConfig: ports + #","Binds":["/srv/www:/usr/share/nginx/html:ro"]"#)
        let allowed = try await Explain.run(
            policy + ["--facts", "facts.json", "POST", "/v1.41/containers/create", "body.json"],
            files: ["facts.json": facts, "body.json": readOnly])
        #expect(allowed.status == 0, "\(allowed)")
        let writable = Self.hardenedRun(
            image: "nginx:1.27", extraHostConfig: ports + #","Binds":["/srv/www:/usr/share/nginx/html"]"#)
        let denied = try await Explain.run(
            policy + ["--facts", "facts.json", "POST", "/v1.41/containers/create", "body.json"],
            files: ["facts.json": facts, "body.json": writable])
        #expect(denied.status == 1 && denied.standardOutput.contains("may only be mounted read-only"), "\(denied)")
        let elsewhere = Self.hardenedRun(
            image: "nginx:1.27", extraHostConfig: #","Binds":["/etc/nginx:/etc/nginx:ro"]"#)
        let outside = try await Explain.run(
            policy + ["POST", "/v1.41/containers/create", "-"], input: elsewhere)
        #expect(
            outside.status == 1 && outside.standardOutput.contains("(rule no-host-mounts, profile web)"), "\(outside)")
    }
}
