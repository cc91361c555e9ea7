import DockerAPI
import Policy
import Testing

@Suite("Check no-host-namespaces")
struct CheckNoHostNamespacesTests {
    static let facts = Facts(containers: [
        "donor": .found(ContainerFact(id: "aaa", pidMode: "host", ipcMode: "host")),
        "relay": .found(ContainerFact(id: "bbb", pidMode: "container:donor", ipcMode: "container:donor")),
        "plain": .found(ContainerFact(id: "ccc", pidMode: "", ipcMode: "shareable")),
    ])

    static let cases: [CheckCase] = [
        .create(
            "the CLI's defaults",
            hostConfig: #""PidMode":"","IpcMode":"","UTSMode":"","UsernsMode":"","CgroupnsMode":"""#,
            .allow),
        .create(
            "private and shareable modes", hostConfig: #""IpcMode":"shareable","CgroupnsMode":"private""#, .allow),
        .create(
            "PidMode host", hostConfig: #""PidMode":"host""#,
            .deny(reason: "the host PID namespace is not allowed", detail: #"HostConfig.PidMode="host""#)),
        .create("PidMode HOST is private to dockerd", hostConfig: #""PidMode":"HOST""#, .allow),
        .create(
            "IpcMode host", hostConfig: #""IpcMode":"host""#,
            .deny(reason: "the host IPC namespace is not allowed", detail: #"HostConfig.IpcMode="host""#)),
        .create(
            "PidMode of a host-PID container", hostConfig: #""PidMode":"container:donor""#, facts: facts,
            .deny(
                reason:
                    "joining the PID namespace of container \"donor\" is not allowed: it uses the host PID namespace",
                detail: #"HostConfig.PidMode="container:donor" ("donor" → host)"#)),
        .create(
            "IpcMode through a relay", hostConfig: #""IpcMode":"container:relay""#, facts: facts,
            .deny(
                reason:
                    "joining the IPC namespace of container \"relay\" is not allowed: it uses the host IPC namespace",
                detail: #"HostConfig.IpcMode="container:relay" ("relay" → "donor" → host)"#)),
        .create(
            "PidMode and IpcMode of an ordinary container",
            hostConfig: #""PidMode":"container:plain","IpcMode":"container:plain""#, facts: facts, .allow),
        .create(
            "PidMode of a container not looked up", hostConfig: #""PidMode":"container:other""#,
            .deny(
                reason: "could not determine whether HostConfig.PidMode leads to the host PID namespace"
                    + " (container \"other\" not looked up)",
                detail: #"HostConfig.PidMode="container:other""#, missing: .container("other"))),
        .create(
            "UTSMode host", hostConfig: #""UTSMode":"host""#,
            .deny(reason: "the host UTS namespace (hostname) is not allowed", detail: #"HostConfig.UTSMode="host""#)),
        .create(
            "UsernsMode host", hostConfig: #""usernsmode":"host""#,
            .deny(reason: "the host user namespace is not allowed", detail: #"HostConfig.UsernsMode="host""#)),
        .create(
            "CgroupnsMode host", hostConfig: #""CgroupnsMode":"host""#,
            .deny(reason: "the host cgroup namespace is not allowed", detail: #"HostConfig.CgroupnsMode="host""#)),
        CheckCase(
            "top-level PidMode", body: #"{"Image":"x","PidMode":"host"}"#,
            .deny(reason: "the host PID namespace is not allowed", detail: #"PidMode="host""#)),
        .create(
            "UTSMode of the wrong type", hostConfig: #""UTSMode":true"#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: HostConfig.UTSMode holds a bool where"
                    + " dockerd expects string (json: cannot unmarshal bool into Go value of type string)",
                detail: "HostConfig.UTSMode")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noHostNamespaces)
    }
}
