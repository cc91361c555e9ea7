import DockerAPI
import Policy
import Testing

@Suite("Check no-host-network")
struct CheckNoHostNetworkTests {
    /// `web` is in host mode; `proxy` joined `web`; `db` is on a bridge; `loop1` and `loop2`
    /// join each other.
    static let facts = Facts(containers: [
        "web": .found(ContainerFact(id: "aaa", networkMode: "host")),
        "proxy": .found(ContainerFact(id: "bbb", networkMode: "container:web")),
        "db": .found(ContainerFact(id: "ccc", networkMode: "bridge")),
        "loop1": .found(ContainerFact(id: "ddd", networkMode: "container:loop2")),
        "loop2": .found(ContainerFact(id: "eee", networkMode: "container:loop1")),
        "gone": .notFound,
    ])

    static let cases: [CheckCase] = [
        .create("default", hostConfig: #""NetworkMode":"default""#, .allow),
        .create("empty", hostConfig: #""NetworkMode":"""#, .allow),
        .create("none", hostConfig: #""NetworkMode":"none""#, .allow),
        .create("a user network", hostConfig: #""NetworkMode":"backend""#, .allow),
        .create("HOST is a network name to dockerd", hostConfig: #""NetworkMode":"HOST""#, .allow),
        .create("host with a trailing space is a network name", hostConfig: #""NetworkMode":"host ""#, .allow),
        .create(
            "host", hostConfig: #""NetworkMode":"host""#,
            .deny(reason: "the host network is not allowed", detail: #"HostConfig.NetworkMode="host""#)),
        .create(
            "host spelled with an escape", hostConfig: #""NetworkMode":"\u0068ost""#,
            .deny(reason: "the host network is not allowed", detail: #"HostConfig.NetworkMode="host""#)),
        .create(
            "Kelvin-sign key", hostConfig: "\"Networ\u{212A}Mode\":\"host\"",
            .deny(reason: "the host network is not allowed", detail: #"HostConfig.NetworkMode="host""#)),
        .create(
            "container in host mode", hostConfig: #""NetworkMode":"container:web""#, facts: facts,
            .deny(
                reason: "joining the network namespace of container \"web\" is not allowed: it uses the host network",
                detail: #"HostConfig.NetworkMode="container:web" ("web" → host)"#)),
        .create(
            "container joined to a host-mode container", hostConfig: #""NetworkMode":"container:proxy""#, facts: facts,
            .deny(
                reason: "joining the network namespace of container \"proxy\" is not allowed: it uses the host network",
                detail: #"HostConfig.NetworkMode="container:proxy" ("proxy" → "web" → host)"#)),
        .create("container on a bridge", hostConfig: #""NetworkMode":"container:db""#, facts: facts, .allow),
        .create(
            "container not looked up", hostConfig: #""NetworkMode":"container:cache""#, facts: facts,
            .deny(
                reason: "could not determine whether HostConfig.NetworkMode leads to the host network"
                    + " (container \"cache\" not looked up)",
                detail: #"HostConfig.NetworkMode="container:cache""#, missing: .container("cache"))),
        .create(
            "container that does not exist", hostConfig: #""NetworkMode":"container:gone""#, facts: facts,
            .deny(
                reason: "NetworkMode names container \"gone\", which does not exist",
                detail: #"HostConfig.NetworkMode="container:gone""#)),
        .create(
            "empty container reference", hostConfig: #""NetworkMode":"container:""#, facts: facts,
            .deny(
                reason: "NetworkMode names container \"\", which does not exist",
                detail: #"HostConfig.NetworkMode="container:""#)),
        .create(
            "containers that join each other", hostConfig: #""NetworkMode":"container:loop1""#, facts: facts,
            .deny(
                reason: "NetworkMode follows a chain of containers that loops or is longer than 16",
                detail: #"HostConfig.NetworkMode="container:loop1" ("loop1" → "loop2" → "loop1")"#)),
        CheckCase(
            "top-level alias", body: #"{"Image":"x","networkmode":"host"}"#,
            .deny(reason: "the host network is not allowed", detail: #"NetworkMode="host""#)),
        CheckCase(
            "an endpoint named host",
            body:
                #"{"Image":"x","HostConfig":{"NetworkMode":"none"},"NetworkingConfig":{"EndpointsConfig":{"host":{}}}}"#,
            .deny(
                reason: "the host network is not allowed",
                detail: "NetworkingConfig.EndpointsConfig has the key \"host\"")),
        CheckCase(
            "an ordinary endpoint",
            body: #"{"Image":"x","NetworkingConfig":{"EndpointsConfig":{"backend":{"Aliases":["api"]}}}}"#, .allow),
        .create(
            "a mode that is not a string", hostConfig: #""NetworkMode":1"#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: HostConfig.NetworkMode holds a number"
                    + " where dockerd expects string (json: cannot unmarshal number into Go value of type string)",
                detail: "HostConfig.NetworkMode")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noHostNetwork)
    }

    @Test("a chain longer than the limit is refused")
    func longChain() throws {
        var containers = FactTable<ContainerFact>()
        for index in 0..<20 {
            containers["c\(index)"] = .found(ContainerFact(id: "id\(index)", networkMode: "container:c\(index + 1)"))
        }
        let request = try PolicyTest.request(
            "POST /containers/create", PolicyTest.createBody(hostConfig: #""NetworkMode":"container:c0""#))
        let decision = PolicyEngine.evaluate(
            identity: PolicyTest.identity, request: request, facts: Facts(containers: containers),
            profile: Profile(name: "test", checks: [.noHostNetwork], settings: ProfileSettings()))
        #expect(decision.denial?.reason == "NetworkMode follows a chain of containers that loops or is longer than 16")
    }
}
