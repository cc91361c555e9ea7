import DockerAPI
import Policy
import TestSupport
import Testing

/// The restricted profile over the bodies the docker CLI sends: the hardened run passes, each
/// hardening flag left out is refused by its own rule with a message naming the flag, and
/// `docker update` keeps the limits.
@Suite("Engine: docker run through the restricted profile")
struct EngineRestrictedTests {
    /// `docker run -d --name web --user 1000 -e FOO=bar -p 127.0.0.1:8080:80 -v data:/data
    /// --restart unless-stopped --read-only --cap-drop ALL --security-opt no-new-privileges
    /// --memory 64m --cpus 1 --pids-limit 100 --cgroupns private busybox:1.36 sleep 1000`.
    static let hardened = edit(
        DockerCLIBodies.containerCreate(user: "1000"),
        [
            (#""Image":"local/busybox:1""#, #""Image":"busybox:1.36""#),
            (#""HostIp":"""#, #""HostIp":"127.0.0.1""#),
            (#""ReadonlyRootfs":false"#, #""ReadonlyRootfs":true"#), (#""CapDrop":null"#, #""CapDrop":["ALL"]"#),
            (#""SecurityOpt":null"#, #""SecurityOpt":["no-new-privileges"]"#),
            (#""Memory":0"#, #""Memory":67108864"#), (#""NanoCpus":0"#, #""NanoCpus":1000000000"#),
            (#""PidsLimit":null"#, #""PidsLimit":100"#), (#""CgroupnsMode":"""#, #""CgroupnsMode":"private""#),
        ])

    static let facts = Facts(volumes: ["data": .found(VolumeFact(driver: "local"))])

    /// `body` with each `(old, new)` replaced; every `old` must occur exactly once.
    static func edit(_ body: String, _ edits: [(String, String)]) -> String {
        var body = body
        for (old, new) in edits {
            precondition(body.ranges(of: old).count == 1, "\(old) must occur once")
            body = body.replacing(old, with: new)
        }
        return body
    }

    static func evaluate(_ line: String, _ body: String?, profile: Profile = .restricted) throws -> Decision {
        PolicyEngine.evaluate(
            identity: PolicyTest.identity, request: try PolicyTest.request(line, body), facts: facts, profile: profile)
    }

    @Test("the hardened run is allowed, and the baseline allows it too")
    func hardenedRun() throws {
        #expect(try Self.evaluate("POST /v1.41/containers/create?name=web", Self.hardened) == .allow)
        #expect(
            try Self.evaluate("POST /v1.41/containers/create?name=web", Self.hardened, profile: .baseline) == .allow)
        let withBind = Self.edit(
            Self.hardened,
            [(#""CapDrop":["ALL"]"#, #""CapAdd":["NET_BIND_SERVICE"],"CapDrop":["ALL"]"#), (#""CapAdd":null,"#, "")])
        #expect(try Self.evaluate("POST /v1.41/containers/create", withBind) == .allow)
    }

    /// The flag left out, the rule that refuses, and the start of its message.
    static let missing: [(flag: String, edit: (String, String), rule: String, reason: String)] = [
        (
            "--read-only", (#""ReadonlyRootfs":true"#, #""ReadonlyRootfs":false"#), "read-only-rootfs",
            "a read-only root filesystem is required: add --read-only"
        ),
        (
            "--cap-drop ALL", (#""CapDrop":["ALL"]"#, #""CapDrop":null"#), "drop-all-capabilities",
            "every capability must be dropped: add --cap-drop ALL"
        ),
        (
            "--security-opt no-new-privileges", (#""SecurityOpt":["no-new-privileges"]"#, #""SecurityOpt":null"#),
            "no-new-privileges", "no-new-privileges is required"
        ),
        (
            "--memory", (#""Memory":67108864"#, #""Memory":0"#), "memory-limit",
            "a memory limit is required: add --memory"
        ),
        ("--cpus", (#""NanoCpus":1000000000"#, #""NanoCpus":0"#), "cpu-limit", "a CPU limit is required: add --cpus"),
        (
            "--pids-limit", (#""PidsLimit":100"#, #""PidsLimit":null"#), "pids-limit",
            "a process limit is required: add --pids-limit"
        ),
        (
            "--cgroupns private", (#""CgroupnsMode":"private""#, #""CgroupnsMode":"shared""#), "private-cgroupns",
            "a private cgroup namespace is required"
        ),
        (
            "-p 8080:80", (#""HostIp":"127.0.0.1""#, #""HostIp":"""#), "published-ports",
            "published ports must be bound to one host address"
        ),
        (
            "an image from elsewhere", (#""Image":"busybox:1.36""#, #""Image":"local/busybox:1""#), "trusted-images",
            "image docker.io/local/busybox:1 is not from an allowed registry"
        ),
        (
            "--cap-add NET_RAW", (#""CapAdd":null"#, #""CapAdd":["NET_RAW"]"#), "no-cap-add",
            "adding capability CAP_NET_RAW is not allowed"
        ),
    ]

    @Test("each hardening flag left out is refused by its own rule")
    func missingFlags() throws {
        for row in Self.missing {
            let decision = try Self.evaluate("POST /v1.41/containers/create", Self.edit(Self.hardened, [row.edit]))
            #expect(decision.denial?.ruleID == row.rule, "\(row.flag)")
            #expect(decision.denial?.reason.hasPrefix(row.reason) == true, "\(row.flag): \(decision)")
            #expect(decision.denial?.profile == "restricted")
        }
    }

    @Test("docker update keeps the limits")
    func update() throws {
        // docker update --memory 128m web: every other resource field is 0 (unchanged).
        let cliUpdate =
            #"{"BlkioWeight":0,"CpuShares":0,"Memory":134217728,"NanoCpus":0,"CpuPeriod":0,"CpuQuota":0,"#
            + #""CpusetCpus":"","CpusetMems":"","MemoryReservation":0,"MemorySwap":0,"KernelMemory":0,"#
            + #""RestartPolicy":{"Name":"","MaximumRetryCount":0}}"#
        #expect(try Self.evaluate("POST /v1.41/containers/web/update", cliUpdate) == .allow)
        let lifted = [
            (#""PidsLimit":-1}"#, "pids-limit"), (#""CpuQuota":-1}"#, "cpu-limit"), (#""Memory":-1}"#, "memory-limit"),
            (#""MemorySwap":-1}"#, "memory-limit"),
        ]
        for (body, rule) in lifted {
            let decision = try Self.evaluate("POST /v1.41/containers/web/update", "{" + body)
            #expect(decision.denial?.ruleID == rule, "\(body)")
        }
    }

    @Test("a hardened service is allowed; the CLI's plain one is refused")
    func services() throws {
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let plain =
            #"{"Name":"web","TaskTemplate":{"ContainerSpec":{"Image":"busybox:1.36@\#(digest)","User":"1000"},"#
            + #""Resources":{"Limits":{},"Reservations":{}},"Networks":[{"Target":"web-net"}],"Runtime":"container"}}"#
        #expect(try Self.evaluate("POST /v1.44/services/create", plain).denial?.ruleID == "drop-all-capabilities")
        let hardened = Self.edit(
            plain,
            [
                (
                    #""User":"1000""#,
                    #""User":"1000","ReadOnly":true,"CapabilityDrop":["ALL"],"Privileges":{"NoNewPrivileges":true}"#
                ),
                (#""Limits":{}"#, #""Limits":{"NanoCPUs":1000000000,"MemoryBytes":67108864,"Pids":100}"#),
            ])
        #expect(try Self.evaluate("POST /v1.44/services/create", hardened) == .allow)
        #expect(try Self.evaluate("POST /v1.43/services/create", hardened).denial?.ruleID == "no-new-privileges")
    }

    @Test("image names stay as the registry wrote them")
    func imageWrites() throws {
        #expect(
            try Self.evaluate("POST /v1.41/images/abc/tag?repo=busybox&tag=1.36", nil).denial?.ruleID == "image-writes")
        #expect(try Self.evaluate("POST /v1.41/images/load", nil).denial?.ruleID == "image-writes")
        #expect(try Self.evaluate("POST /v1.41/images/create?fromImage=busybox&tag=1.36", nil) == .allow)
    }
}
