import DockerAPI
import Policy
import TestSupport
import Testing

/// The baseline profile over the bodies the docker 20.10 CLI sends (written by hand from the
/// Go types it encodes, in its field order): ordinary runs pass, and each escape the issue
/// lists is denied by the rule meant for it.
@Suite("Engine: docker run through the baseline")
struct EngineDockerRunTests {
    /// `docker run -d --name web --user 1000 -e FOO=bar -p 8080:80 -v data:/data
    /// --restart unless-stopped local/busybox:1 sleep 1000` → `POST /v1.41/containers/create?name=web`.
    static let runBody = DockerCLIBodies.containerCreate(user: "1000")

    /// What the gate would have looked up for these requests.
    static let facts = Facts(
        images: ["local/busybox:1": .found(ImageFact(user: ""))],
        containers: [
            "hostnet": .found(ContainerFact(id: "1111", networkMode: "host", pidMode: "host", ipcMode: "host")),
            "donor": .found(ContainerFact(id: "2222", mounts: [MountFact(type: "bind", source: "/etc")])),
            "web": .found(ContainerFact(id: "3333", user: "1000")),
        ],
        execs: [
            "e-priv": .found(ExecFact(containerID: "3333", privileged: true, user: "1000")),
            "e-root": .found(ExecFact(containerID: "3333", privileged: false, user: "0")),
        ],
        volumes: ["data": .found(VolumeFact(driver: "local"))])

    static func evaluate(_ line: String, _ body: String?, profile: Profile = .baseline) throws -> Decision {
        PolicyEngine.evaluate(
            identity: PolicyTest.identity, request: try PolicyTest.request(line, body), facts: facts, profile: profile)
    }

    /// `runBody` with each `(old, new)` replaced; every `old` must occur exactly once.
    static func run(_ edits: [(String, String)]) -> String {
        var body = runBody
        for (old, new) in edits {
            precondition(body.ranges(of: old).count == 1, "\(old) must occur once")
            body = body.replacing(old, with: new)
        }
        return body
    }

    @Test("the ordinary run is allowed")
    func ordinaryRun() throws {
        #expect(try Self.evaluate("POST /v1.41/containers/create?name=web", Self.runBody) == .allow)
        #expect(try Self.evaluate("POST /containers/create", Self.runBody + "\n") == .allow)
    }

    @Test("a hardened run is allowed")
    func hardenedRun() throws {
        // docker run --rm --user 1000:1000 --network none --read-only --tmpfs /tmp --cap-drop ALL
        //   --security-opt no-new-privileges --memory 64m --pids-limit 100 local/busybox:1 id
        let body = Self.run([
            (#""User":"1000""#, #""User":"1000:1000""#), (#""Cmd":["sleep","1000"]"#, #""Cmd":["id"]"#),
            (#""Binds":["data:/data"]"#, #""Binds":null"#), (#""NetworkMode":"default""#, #""NetworkMode":"none""#),
            (#""AutoRemove":false"#, #""AutoRemove":true"#), (#""ReadonlyRootfs":false"#, #""ReadonlyRootfs":true"#),
            (#""CapDrop":null"#, #""CapDrop":["ALL"]"#),
            (#""SecurityOpt":null"#, #""SecurityOpt":["no-new-privileges"]"#),
            (#""Memory":0"#, #""Memory":67108864"#), (#""PidsLimit":null"#, #""PidsLimit":100"#),
            (#""ShmSize":0,"#, #""ShmSize":0,"Tmpfs":{"/tmp":""},"#),
        ])
        #expect(try Self.evaluate("POST /v1.41/containers/create", body) == .allow)
    }

    struct Escape: Sendable, CustomTestStringConvertible {
        let flag: String
        let edits: [(String, String)]
        let rule: String
        let reason: String
        let detail: String
        var testDescription: String { flag }
    }

    static let escapes: [Escape] = [
        Escape(
            flag: "--privileged", edits: [(#""Privileged":false"#, #""Privileged":true"#)], rule: "no-privileged",
            reason: "privileged containers are not allowed", detail: "HostConfig.Privileged=true"),
        Escape(
            flag: "--network host", edits: [(#""NetworkMode":"default""#, #""NetworkMode":"host""#)],
            rule: "no-host-network", reason: "the host network is not allowed",
            detail: #"HostConfig.NetworkMode="host""#),
        Escape(
            flag: "--network container:<host-mode container>",
            edits: [(#""NetworkMode":"default""#, #""NetworkMode":"container:hostnet""#)], rule: "no-host-network",
            reason: "joining the network namespace of container \"hostnet\" is not allowed: it uses the host network",
            detail: #"HostConfig.NetworkMode="container:hostnet" ("hostnet" → host)"#),
        Escape(
            flag: "--user root", edits: [(#""User":"1000""#, #""User":"root""#)], rule: "no-root-user",
            reason: "running as root is not allowed; set a non-root user (--user UID)", detail: #"User="root""#),
        Escape(
            flag: "--user 0:0", edits: [(#""User":"1000""#, #""User":"0:0""#)], rule: "no-root-user",
            reason: "running as root is not allowed; set a non-root user (--user UID)", detail: #"User="0:0""#),
        Escape(
            flag: "no --user, image runs as root", edits: [(#""User":"1000""#, #""User":"""#)], rule: "no-root-user",
            reason: "image local/busybox:1 runs as \"\", and an empty user means root, which is not allowed;"
                + " set a non-root user (--user UID)",
            detail: #"User="", image local/busybox:1 has USER """#),
        Escape(
            flag: "--user toor", edits: [(#""User":"1000""#, #""User":"toor""#)], rule: "no-root-user",
            reason: "user name \"toor\" is resolved inside the image and may be root; use a numeric user id",
            detail: #"User="toor""#),
        Escape(
            flag: "--cap-add NET_ADMIN", edits: [(#""CapAdd":null"#, #""CapAdd":["NET_ADMIN"]"#)], rule: "no-cap-add",
            reason: "adding capability CAP_NET_ADMIN is not allowed", detail: #"HostConfig.CapAdd[0]="NET_ADMIN""#),
        Escape(
            flag: "--cap-add ALL", edits: [(#""CapAdd":null"#, #""CapAdd":["ALL"]"#)], rule: "no-cap-add",
            reason: "adding all capabilities is not allowed", detail: #"HostConfig.CapAdd[0]="ALL""#),
        Escape(
            flag: "--pid host", edits: [(#""PidMode":"""#, #""PidMode":"host""#)], rule: "no-host-namespaces",
            reason: "the host PID namespace is not allowed", detail: #"HostConfig.PidMode="host""#),
        Escape(
            flag: "--ipc container:<host-IPC container>",
            edits: [(#""IpcMode":"""#, #""IpcMode":"container:hostnet""#)],
            rule: "no-host-namespaces",
            reason: "joining the IPC namespace of container \"hostnet\" is not allowed: it uses the host IPC namespace",
            detail: #"HostConfig.IpcMode="container:hostnet" ("hostnet" → host)"#),
        Escape(
            flag: "--uts host", edits: [(#""UTSMode":"""#, #""UTSMode":"host""#)], rule: "no-host-namespaces",
            reason: "the host UTS namespace (hostname) is not allowed", detail: #"HostConfig.UTSMode="host""#),
        Escape(
            flag: "--userns host", edits: [(#""UsernsMode":"""#, #""UsernsMode":"host""#)], rule: "no-host-namespaces",
            reason: "the host user namespace is not allowed", detail: #"HostConfig.UsernsMode="host""#),
        Escape(
            flag: "--cgroupns host", edits: [(#""CgroupnsMode":"""#, #""CgroupnsMode":"host""#)],
            rule: "no-host-namespaces", reason: "the host cgroup namespace is not allowed",
            detail: #"HostConfig.CgroupnsMode="host""#),
        Escape(
            flag: "-v /:/host", edits: [(#""Binds":["data:/data"]"#, #""Binds":["data:/data","/:/host"]"#)],
            rule: "no-host-mounts",
            reason: "mounting host path / is not allowed: it is, contains or lies inside /",
            detail: #"HostConfig.Binds[1]="/:/host""#),
        Escape(
            flag: "-v /var/run/docker.sock:/var/run/docker.sock",
            edits: [(#""Binds":["data:/data"]"#, #""Binds":["/var/run/docker.sock:/var/run/docker.sock"]"#)],
            rule: "no-host-mounts",
            reason: "mounting host path /var/run/docker.sock is not allowed: it is, contains or lies inside /var/run",
            detail: #"HostConfig.Binds[0]="/var/run/docker.sock:/var/run/docker.sock""#),
        Escape(
            flag: "--mount type=bind,src=/etc,dst=/e",
            edits: [
                (
                    #""ReadonlyPaths":null}"#,
                    #""ReadonlyPaths":null,"Mounts":[{"Type":"bind","Source":"/etc","Target":"/e"}]}"#
                )
            ],
            rule: "no-host-mounts",
            reason: "mounting host path /etc is not allowed: it is, contains or lies inside /etc",
            detail: #"HostConfig.Mounts[0].Type="bind", Source="/etc""#),
        Escape(
            flag: "--mount type=volume,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc",
            edits: [
                (
                    #""ReadonlyPaths":null}"#,
                    #""ReadonlyPaths":null,"Mounts":[{"Type":"volume","Target":"/e","VolumeOptions":{"DriverConfig":"#
                        + #"{"Name":"local","Options":{"device":"/etc","o":"bind","type":"none"}}}}]}"#
                )
            ],
            rule: "no-host-mounts",
            reason: "the mount sets local driver option \"device\", which can mount host paths or devices",
            detail: #"HostConfig.Mounts[0].VolumeOptions.DriverConfig (device="/etc")"#),
        Escape(
            flag: "--device /dev/kmsg",
            edits: [
                (
                    #""Devices":[]"#,
                    #""Devices":[{"PathOnHost":"/dev/kmsg","PathInContainer":"/dev/kmsg","CgroupPermissions":"rwm"}]"#
                )
            ],
            rule: "no-devices", reason: "host devices are not allowed (/dev/kmsg)",
            detail: #"HostConfig.Devices[0].PathOnHost="/dev/kmsg""#),
        Escape(
            flag: "--gpus all",
            edits: [
                (
                    #""DeviceRequests":null"#,
                    #""DeviceRequests":[{"Driver":"","Count":-1,"DeviceIDs":null,"Capabilities":[["gpu"]],"Options":{}}]"#
                )
            ],
            rule: "no-devices", reason: "device requests (GPUs, CDI devices) are not allowed",
            detail: #"HostConfig.DeviceRequests[0].Driver="""#),
        Escape(
            flag: "--security-opt seccomp=unconfined",
            edits: [(#""SecurityOpt":null"#, #""SecurityOpt":["seccomp=unconfined"]"#)], rule: "no-unconfined-security",
            reason: "running without seccomp is not allowed", detail: #"HostConfig.SecurityOpt[0]="seccomp=unconfined""#
        ),
        Escape(
            flag: "--security-opt systempaths=unconfined",
            edits: [
                (#""MaskedPaths":null"#, #""MaskedPaths":[]"#), (#""ReadonlyPaths":null"#, #""ReadonlyPaths":[]"#),
            ],
            rule: "no-unconfined-security",
            reason: "changing MaskedPaths is not allowed: it would remove the /proc and /sys protections",
            detail: "HostConfig.MaskedPaths=[]"),
        Escape(
            flag: "--sysctl net.ipv4.ip_forward=1",
            edits: [(#""ShmSize":0,"#, #""ShmSize":0,"Sysctls":{"net.ipv4.ip_forward":"1"},"#)], rule: "safe-sysctls",
            reason: "sysctl net.ipv4.ip_forward is not allowed", detail: #"HostConfig.Sysctls.net.ipv4.ip_forward="1""#),
        Escape(
            flag: "--runtime runsc", edits: [(#""ShmSize":0,"#, #""ShmSize":0,"Runtime":"runsc","#)],
            rule: "allowed-runtime", reason: "runtime \"runsc\" is not allowed", detail: #"HostConfig.Runtime="runsc""#),
        Escape(
            flag: "--oom-score-adj -1000", edits: [(#""OomScoreAdj":0"#, #""OomScoreAdj":-1000"#)],
            rule: "no-oom-tricks",
            reason: "a negative OOM score adjustment is not allowed", detail: "HostConfig.OomScoreAdj=-1000"),
        Escape(
            flag: "--oom-kill-disable", edits: [(#""OomKillDisable":false"#, #""OomKillDisable":true"#)],
            rule: "no-oom-tricks", reason: "disabling the OOM killer is not allowed",
            detail: "HostConfig.OomKillDisable=true"),
        Escape(
            flag: "--group-add 0", edits: [(#""GroupAdd":null"#, #""GroupAdd":["0"]"#)], rule: "no-root-group",
            reason: "the root group is not allowed", detail: #"HostConfig.GroupAdd[0]="0""#),
        Escape(
            flag: "--cgroup-parent /", edits: [(#""CgroupParent":"""#, #""CgroupParent":"/""#)],
            rule: "no-cgroup-escape",
            reason: "choosing the parent cgroup is not allowed", detail: #"HostConfig.CgroupParent="/""#),
        Escape(
            flag: "--volumes-from <container with a bind of /etc>",
            edits: [(#""VolumesFrom":null"#, #""VolumesFrom":["donor"]"#)], rule: "no-volumes-from-host",
            reason:
                "VolumesFrom \"donor\": mounting host path /etc is not allowed: it is, contains or lies inside /etc",
            detail: #"HostConfig.VolumesFrom[0]="donor" ("donor" mounts bind "/etc")"#),
        Escape(
            flag: "--log-driver syslog --log-opt syslog-address=udp://10.0.0.1:514",
            edits: [
                (
                    #""LogConfig":{"Type":"","Config":{}}"#,
                    #""LogConfig":{"Type":"syslog","Config":{"syslog-address":"udp://10.0.0.1:514"}}"#
                )
            ],
            rule: "local-log-drivers", reason: "log driver \"syslog\" is not allowed; use json-file, local or journald",
            detail: #"HostConfig.LogConfig.Type="syslog""#),
        Escape(
            flag: "raw API: Annotations",
            edits: [(#""ShmSize":0,"#, #""ShmSize":0,"Annotations":{"org.criu.config":"/x"},"#)],
            rule: "no-annotations", reason: "OCI annotations are not allowed",
            detail: #"HostConfig.Annotations.org.criu.config="/x""#),
        Escape(
            flag: "raw API: a top-level Privileged next to the HostConfig",
            edits: [(#"{"Hostname":"""#, #"{"Privileged":true,"Hostname":"""#)], rule: "valid-body",
            reason: "the request cannot be read as dockerd would read it: the body sets HostConfig fields both inside"
                + " \"HostConfig\" and at the top level (\"Privileged\"); daemons read that differently by version,"
                + " so send them inside \"HostConfig\" only",
            detail: ""),
        Escape(
            flag: "raw API: lower-case privileged key", edits: [(#""Privileged":false"#, #""privileged":true"#)],
            rule: "no-privileged", reason: "privileged containers are not allowed", detail: "HostConfig.Privileged=true"
        ),
    ]

    @Test("each escape is denied by its rule", arguments: escapes)
    func escape(_ escape: Escape) throws {
        let decision = try Self.evaluate("POST /v1.41/containers/create", Self.run(escape.edits))
        let denial = Denial(ruleID: escape.rule, reason: escape.reason, detail: escape.detail, profile: "baseline")
        #expect(decision == .deny(denial))
        #expect(decision.denial?.message == "dockgate: \(escape.reason) (rule \(escape.rule), profile baseline)")
    }

    @Test("the privileged profile lets every escape through")
    func privilegedProfile() throws {
        for escape in Self.escapes {
            #expect(
                try Self.evaluate("POST /v1.41/containers/create", Self.run(escape.edits), profile: .privileged)
                    == .allow,
                "\(escape.flag)")
        }
    }

    @Test("the first rule in the profile's order decides")
    func order() throws {
        let body = Self.run([
            (#""NetworkMode":"default""#, #""NetworkMode":"host""#), (#""Privileged":false"#, #""Privileged":true"#),
            (#""User":"1000""#, #""User":"0""#),
        ])
        #expect(try Self.evaluate("POST /v1.41/containers/create", body).denial?.ruleID == "no-privileged")
    }

    @Test("docker exec: --privileged and -u 0 are denied at create, and again at start from the daemon's record")
    func exec() throws {
        let execBody =
            #"{"User":"","Privileged":false,"Tty":true,"AttachStdin":true,"AttachStderr":true,"AttachStdout":true,"#
            + #""Detach":false,"DetachKeys":"","Env":null,"WorkingDir":"","Cmd":["sh"]}"#
        #expect(try Self.evaluate("POST /v1.41/containers/web/exec", execBody) == .allow)
        let privileged = execBody.replacing(#""Privileged":false"#, with: #""Privileged":true"#)
        #expect(try Self.evaluate("POST /v1.41/containers/web/exec", privileged).denial?.ruleID == "no-privileged")
        let root = execBody.replacing(#""User":"""#, with: #""User":"0""#)
        #expect(try Self.evaluate("POST /v1.41/containers/web/exec", root).denial?.ruleID == "no-root-user")
        let start = #"{"Detach":false,"Tty":true,"ConsoleSize":[24,80]}"#
        #expect(try Self.evaluate("POST /v1.41/exec/e-priv/start", start).denial?.ruleID == "no-privileged")
        #expect(try Self.evaluate("POST /v1.41/exec/e-root/start", start).denial?.ruleID == "no-root-user")
    }

    @Test("docker build --network host, service create and plugin install are denied by their rules")
    func otherEscapes() throws {
        let build = "POST /v1.41/build?buildargs=%7B%7D&networkmode=host&rm=1&t=x%3A1"
        #expect(try Self.evaluate(build, nil).denial?.ruleID == "safe-build")
        let service =
            #"{"Name":"s","TaskTemplate":{"ContainerSpec":{"Image":"x","User":"1000","CapabilityAdd":["CAP_SYS_ADMIN"]}}}"#
        #expect(try Self.evaluate("POST /v1.41/services/create", service).denial?.ruleID == "no-cap-add")
        #expect(try Self.evaluate("POST /v1.41/plugins/create?name=p", nil).denial?.ruleID == "blocked-endpoints")
        #expect(try Self.evaluate("POST /v1.41/build?networkmode=default&t=x%3A1", nil) == .allow)
    }

    @Test("requests without a body check pass the baseline")
    func otherRequests() throws {
        #expect(try Self.evaluate("GET /v1.41/containers/json", nil) == .allow)
        #expect(try Self.evaluate("POST /v1.41/containers/web/start", nil) == .allow)
        #expect(try Self.evaluate("POST /v1.41/containers/web/update", #"{"Memory":0,"PidsLimit":-1}"#) == .allow)
    }
}
