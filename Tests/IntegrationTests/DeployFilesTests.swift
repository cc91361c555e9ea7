import Foundation
import TestSupport
import Testing

/// The files in deploy/ are read by the tools that will read them for real: systemd's own
/// parser (`systemd-analyze verify` and `security --offline`, `systemd-sysusers` and
/// `systemd-tmpfiles` in a scratch root), docker-compose and `docker stack config`. None of
/// this needs a running dockerd or systemd, and nothing touches the host's systemd: the unit
/// is never started here (these machines have no systemd as PID 1, and no Docker engine to
/// build the image), so the Dockerfile is checked by reading it, and dockgate is started
/// with what of the unit's sandbox a test can apply by itself (`unprivileged`).
@Suite(.timeLimit(.minutes(2)))
struct DeployFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let unit = root + "/deploy/systemd/dockgate.service"

    @Test("the unit passes systemd-analyze verify, with ExecStart pointed at the built binary")
    func verify() async throws {
        let scratch = try Scratch.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let copy = try Scratch.unitWithBuiltBinary(in: scratch)
        let result = try await Scratch.run(
            try Executables.tool("systemd-analyze", aptPackage: "systemd"), ["verify", "--man=no", copy])
        // verify exits 0 even for an unknown key or a bad value: it only warns. So: silence.
        #expect(result.status == 0 && result.combinedOutput.isEmpty, "\(result)")
    }

    /// Exposure measured with systemd 252: 1.3 ("OK"). The rest is the job itself: a TCP
    /// listener on the host's network for any client address (PrivateNetwork, IPAddressDeny,
    /// AF_INET), the daemon's Unix socket reached through the docker group (AF_UNIX,
    /// SupplementaryGroups; PrivateUsers would unmap that group), the host's binary and
    /// libssl (RootDirectory), and the read-only rtc that ProtectClock itself allows
    /// (DeviceAllow). 2.0 is what dropping RestrictNamespaces alone costs; the list below
    /// catches any other setting that goes missing.
    static let maximumExposure = 2.0
    static let expectedOpen: Set<String> = [
        "PrivateNetwork", "IPAddressDeny", "RestrictAddressFamilies_AF_INET_INET6", "RestrictAddressFamilies_AF_UNIX",
        "SupplementaryGroups", "PrivateUsers", "RootDirectoryOrRootImage", "DeviceAllow",
    ]

    @Test("systemd-analyze security --offline: exposure at most 2.0, open only where the job needs it")
    func security() async throws {
        let analyze = try Executables.tool("systemd-analyze", aptPackage: "systemd")
        let text = try await Scratch.run(analyze, ["security", "--offline=true", "--threshold=20", Self.unit])
        #expect(text.status == 0, "\(text)")
        let score = text.standardOutput.split(separator: "\n").last { $0.contains("Overall exposure level") }
            .flatMap { line in line.split(separator: " ").compactMap { Double($0) }.last }
        #expect(score.map { $0 <= Self.maximumExposure } == true, "\(text)")
        let json = try await Scratch.run(analyze, ["security", "--offline=true", "--json=short", Self.unit])
        let items = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        let open = Set(items.filter { $0["set"] as? Bool == false }.compactMap { $0["json_field"] as? String })
        #expect(items.count > 70 && open == Self.expectedOpen, "open: \(open.sorted())\n\(json)")
    }

    @Test("SIGTERM gets longer than --shutdown-grace before systemd kills")
    func stopTimeout() throws {
        let text = try String(contentsOfFile: Self.unit, encoding: .utf8)
        let timeout = text.firstMatch(of: /\nTimeoutStopSec=(\d+)s?\n/).flatMap { Int($0.1) }
        let grace = text.firstMatch(of: /--shutdown-grace (\d+)/).flatMap { Int($0.1) }
        #expect(
            timeout != nil && grace != nil && timeout! > grace!,
            "TimeoutStopSec \(timeout as Any), grace \(grace as Any)")
        #expect(text.contains("\nKillSignal=SIGTERM\n") && text.contains("\nExecReload=/bin/kill -HUP $MAINPID\n"))
    }

    /// What the unit and the image take away that a test can take away too: root (uid and gid
    /// 65534, no supplementary groups), every capability, new privileges, and W+X memory (the
    /// kernel's PR_SET_MDWE, Linux 6.3+, the switch MemoryDenyWriteExecute= stands for). The
    /// rest of the sandbox (the system-call filter, the mount namespace) needs systemd.
    @Test(
        "serves as the unit runs it: not root, no capabilities, no new privileges, no W+X memory",
        .enabled(if: getuid() == 0, "needs root to become another user"))
    func unprivileged() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let client = try await bed.issueClient("alice")
        let daemon = try await bed.fakeDaemon()
        // What the user may read, as the unit's tmpfiles.d and docker group allow.
        for (path, mode) in [(bed.directory, 0o755), (bed.pki.directory, 0o755), (bed.pki.serverKey, 0o644)] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: daemon.socketPath)
        let setpriv = try Executables.tool("setpriv", aptPackage: "util-linux")
        let noWriteExecute = """
            import ctypes, os, sys
            if ctypes.CDLL(None, use_errno=True).prctl(65, 1, 0, 0, 0) != 0:  # PR_SET_MDWE, REFUSE_EXEC_GAIN
                sys.exit("prctl(PR_SET_MDWE): %s (Linux 6.3+)" % os.strerror(ctypes.get_errno()))
            os.execv(sys.argv[1], sys.argv[1:])
            """
        let child = try bed.start(
            setpriv,
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
                "--no-new-privs", try Executables.python3(), "-c", noWriteExecute, try Executables.dockgate(),
            ] + bed.serveArguments(revocationList: true) + ["--audit-log", "-"])
        var port: Int?
        _ = await child.waitForOutput(timeout: .seconds(60)) { _, stderr in
            port = DockgateServer.listeningPort(in: stderr)
            return port != nil
        }
        let server = DockgateServer(process: child, port: try #require(port, "\(child.result(nil))"))
        let status = try String(contentsOfFile: "/proc/\(child.pid)/status", encoding: .utf8)
        #expect(
            status.contains("\nUid:\t65534\t65534\t65534\t65534\n") && status.contains("\nCapBnd:\t0000000000000000\n"))
        #expect(status.contains("\nNoNewPrivs:\t1\n"), "\(status)")
        // Unprivileged, it serves: TCP_NODELAY is set at the TCP level (as a socket-level option
        // the same number is SO_DEBUG, which needs CAP_NET_ADMIN and closed every connection).
        let answer = try await bed.curl(server, client: client)
        #expect(answer.status == 200 && FakeDaemon.echo(in: answer.body)?.path == "/_ping", "\(answer)")
        #expect(await server.reload()?.contains("reloaded TLS certificates") == true, "\(server.log)")
        await server.stop()
    }

    @Test("sysusers and tmpfiles, in a scratch root: a nologin user, the server key readable by it, the CA key not")
    func sysusersAndTmpfiles() async throws {
        let scratch = try Scratch.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let root = scratch + "/root"
        let certificates = root + "/etc/dockgate"
        try FileManager.default.createDirectory(atPath: certificates, withIntermediateDirectories: true)
        for (name, mode) in [("server-key.pem", 0o600), ("ca-key.pem", 0o600), ("ca.pem", 0o644)] {
            #expect(FileManager.default.createFile(atPath: "\(certificates)/\(name)", contents: Data()))
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: "\(certificates)/\(name)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: certificates)
        let sysusers = try await Scratch.run(
            try Executables.tool("systemd-sysusers", aptPackage: "systemd"), ["--root=\(root)", "-"],
            input: .file(Self.root + "/deploy/systemd/dockgate.sysusers"))
        #expect(sysusers.status == 0, "\(sysusers)")
        let passwd = try String(contentsOfFile: root + "/etc/passwd", encoding: .utf8)
        let entry = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("dockgate:") }, "\(passwd)")
        let fields = entry.split(separator: ":", omittingEmptySubsequences: false)
        let gid = try #require(Int(fields[3]))
        #expect(Int(fields[2])! < 1000 && fields[6] == "/usr/sbin/nologin", "\(entry)")

        let tmpfiles = try await Scratch.run(
            try Executables.tool("systemd-tmpfiles", aptPackage: "systemd"), ["--create", "--root=\(root)", "-"],
            input: .file(Self.root + "/deploy/systemd/dockgate.tmpfiles"))
        #expect(tmpfiles.status == 0, "\(tmpfiles)")
        func owner(_ name: String) throws -> String {
            let attributes = try FileManager.default.attributesOfItem(atPath: certificates + name)
            let mode = (attributes[.posixPermissions] as! NSNumber).intValue
            return "\(String(mode, radix: 8)) \(attributes[.ownerAccountID]!):\(attributes[.groupOwnerAccountID]!)"
        }
        #expect(try owner("") == "750 0:\(gid)")
        #expect(try owner("/server-key.pem") == "640 0:\(gid)")
        #expect(try owner("/ca-key.pem") == "600 0:0")
    }

    @Test("compose.yaml: docker-compose accepts it; socket, certificates read-only, audit in a volume")
    func compose() async throws {
        let compose = try Executables.tool("docker-compose", aptPackage: "docker-compose")
        let file = Self.root + "/deploy/compose.yaml"
        let missing = try await Scratch.run(compose, ["-f", file, "config"], environment: ["DOCKER_GID": nil])
        #expect(missing.status != 0 && missing.standardError.contains("DOCKER_GID must be the group id"), "\(missing)")
        let result = try await Scratch.run(compose, ["-f", file, "config"], environment: ["DOCKER_GID": "4242"])
        #expect(result.status == 0, "\(result)")
        let service = try #require(try await Scratch.yaml(result.standardOutput)["services.dockgate"] as? [String: Any])
        #expect(service["group_add"] as? [String] == ["4242"])
        #expect(service["read_only"] as? Bool == true && service["cap_drop"] as? [String] == ["ALL"])
        let mounts = (service["volumes"] as? [[String: Any]] ?? []).map {
            "\($0["type"]!) \($0["source"]!) \($0["target"]!) \($0["read_only"] as? Bool ?? false)"
        }
        #expect(
            Set(mounts) == [
                "bind /var/run/docker.sock /var/run/docker.sock true", "bind /etc/dockgate /etc/dockgate true",
                "volume audit /var/log/dockgate false",
            ], "\(mounts)")
        let command = try #require(service["command"] as? [String])
        try await Scratch.expectFilesUnder(["/etc/dockgate/", "/var/log/dockgate/"], in: command)
    }

    /// What `docker stack deploy` ignores with a warning (docker/cli, cli/compose/types:
    /// UnsupportedProperties): none of it may be relied on.
    static let ignoredBySwarm = [
        "build", "cgroupns_mode", "cgroup_parent", "devices", "domainname", "external_links", "ipc", "links",
        "mac_address", "network_mode", "pid", "privileged", "restart", "security_opt", "shm_size", "userns_mode",
    ]

    @Test("stack.yaml: docker stack config accepts it; global on managers, certificates from secrets")
    func stack() async throws {
        let docker = try Executables.tool("docker", aptPackage: "docker.io")
        let result = try await Scratch.run(
            docker, ["stack", "config", "-c", Self.root + "/deploy/stack.yaml"], environment: ["DOCKER_GID": "4242"])
        #expect(result.status == 0, "\(result)")
        let service = try #require(try await Scratch.yaml(result.standardOutput)["services.dockgate"] as? [String: Any])
        let deploy = service["deploy"] as? [String: Any] ?? [:]
        #expect(deploy["mode"] as? String == "global", "\(deploy)")
        #expect((deploy["placement"] as? [String: Any])?["constraints"] as? [String] == ["node.role == manager"])
        #expect(service["user"] as? String == "10001:4242")
        #expect(Self.ignoredBySwarm.filter { service[$0] != nil }.isEmpty, "\(service.keys.sorted())")
        let secrets = service["secrets"] as? [[String: Any]] ?? []
        #expect(
            Set(secrets.compactMap { $0["target"] as? String }) == [
                "ca.pem", "server-cert.pem", "server-key.pem", "crl.pem",
            ])
        let key = try #require(secrets.first { $0["target"] as? String == "server-key.pem" })
        #expect(key["uid"] as? String == "10001" && key["mode"] as? Int == 0o400, "\(key)")
        let command = try #require(service["command"] as? [String])
        try await Scratch.expectFilesUnder(
            ["/run/secrets/", "/etc/dockgate/policy.yaml", "/var/log/dockgate/"], in: command)
    }

    @Test("the Dockerfile: static build stage, Debian 12 runtime with libssl3, a non-root USER, dockgate serve")
    func dockerfile() async throws {
        let lines = try String(contentsOfFile: Self.root + "/deploy/Dockerfile", encoding: .utf8)
            .replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n").filter { !$0.hasPrefix("#") }
        let froms = lines.filter { $0.hasPrefix("FROM ") }
        #expect(froms == ["FROM ${SWIFT_IMAGE} AS build", "FROM ${RUNTIME_IMAGE}"], "\(froms)")
        #expect(
            lines.contains("ARG SWIFT_IMAGE=swift:6.2-bookworm") && lines.contains("ARG RUNTIME_IMAGE=debian:12-slim"))
        #expect(lines.contains { $0.contains("swift build -c release --static-swift-stdlib --product dockgate") })
        let runtime = lines.drop { $0 != "FROM ${RUNTIME_IMAGE}" }
        #expect(runtime.contains { $0.contains("--no-install-recommends libssl3 ca-certificates") })
        let user = try #require(runtime.last { $0.hasPrefix("USER ") })
        #expect(
            user == "USER 10001:10001" && runtime.contains { $0.contains("useradd --system --uid 10001") }, "\(user)")
        #expect(runtime.contains("EXPOSE 2376") && runtime.contains(#"ENTRYPOINT ["dockgate", "serve"]"#))
        let unitText = try String(contentsOfFile: Self.unit, encoding: .utf8)
        let tunables = try #require(unitText.firstMatch(of: /\nEnvironment=(GLIBC_TUNABLES=\S+)\n/)?.1)
        #expect(runtime.contains("ENV \(tunables)"), "the image and the unit tune glibc alike")
        let command = try #require(runtime.first { $0.hasPrefix("CMD ") }?.dropFirst(4))
        let arguments = try #require(try JSONSerialization.jsonObject(with: Data(command.utf8)) as? [String])
        try await Scratch.expectFilesUnder(["/etc/dockgate/"], in: arguments)
    }
}

/// Scratch directories and child processes for `DeployFilesTests`.
enum Scratch {
    static func makeDirectory() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "dockgate-deploy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs a tool to completion in a scratch directory; `environment` adds (or, with nil, removes)
    /// variables of the runner's own.
    static func run(
        _ executable: String, _ arguments: [String], input: ChildProcess.Input = .none,
        environment: [String: String?] = [:]
    ) async throws -> CommandResult {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        let child = try ChildProcess(executable, arguments, environment: variables, directory: directory, input: input)
        return await child.waitForResult(timeout: .seconds(60))
    }

    /// The unit in `directory`, its ExecStart naming the dockgate this test run built (verify
    /// insists that the program exists).
    static func unitWithBuiltBinary(in directory: String) throws -> String {
        let text = try String(contentsOfFile: DeployFilesTests.unit, encoding: .utf8)
        #expect(text.components(separatedBy: "ExecStart=/usr/local/bin/dockgate serve ").count == 2)
        let path = directory + "/dockgate.service"
        try text.replacingOccurrences(of: "=/usr/local/bin/dockgate ", with: "=\(try Executables.dockgate()) ")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A YAML document as JSON objects, through Python's yaml module; services flattened to
    /// `services.NAME` keys for short look-ups.
    static func yaml(_ text: String) async throws -> [String: Any] {
        let script = "import json,sys,yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"
        let result = try await run(try Executables.python3(), ["-c", script], input: .text(text))
        guard result.status == 0 else { throw HarnessError("python3 yaml (apt-get install python3-yaml):\n\(result)") }
        var document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        for (name, service) in document["services"] as? [String: Any] ?? [:] { document["services.\(name)"] = service }
        return document
    }

    /// Every `--flag` in `arguments` is one `dockgate serve --help` lists, and every absolute
    /// path after one lies under a place the deployment mounts (`prefixes`).
    static func expectFilesUnder(_ prefixes: [String], in arguments: [String]) async throws {
        let help = try await run(try Executables.dockgate(), ["serve", "--help"])
        for flag in arguments where flag.hasPrefix("-") && flag != "-" {
            #expect(
                help.standardOutput.contains(" \(flag) ") || help.standardOutput.contains(" \(flag),"),
                "\(flag) is not a serve flag")
        }
        for path in arguments where path.hasPrefix("/") {
            #expect(prefixes.contains { path.hasPrefix($0) }, "\(path) is not under \(prefixes)")
        }
        #expect(arguments.contains("unix:///var/run/docker.sock") && arguments.contains("tcp://0.0.0.0:2376"))
    }
}
