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

    static func couldBeID(_ target: String, _ path: String) -> CheckCase.Expected {
        .deny(
            reason: "service network \"\(target)\" could be a network ID or ID prefix, and dockgate cannot tell whether"
                + " it is the host network's; name the network by a name with a character other than a-z and 0-9"
                + " (such as web-net)",
            detail: "\(path).Target=\"\(target)\"")
    }

    static let serviceCases: [CheckCase] = [
        .service("no networks", .allow),
        .service("a named overlay", taskTemplate: #""Networks":[{"Target":"web-net"}]"#, .allow),
        .service("a stack's network", spec: #""Networks":[{"Target":"shop_default"}]"#, .allow),
        .service("HOST is a name, not an ID", taskTemplate: #""Networks":[{"Target":"HOST"}]"#, .allow),
        .service(
            "host", taskTemplate: #""Networks":[{"Target":"web-net"},{"Target":"host"}]"#,
            .deny(reason: "the host network is not allowed", detail: #"TaskTemplate.Networks[1].Target="host""#)),
        .service(
            "host, lower-case keys and an escape", taskTemplate: #""networks":[{"target":"\u0068ost"}]"#,
            .deny(reason: "the host network is not allowed", detail: #"TaskTemplate.Networks[0].Target="host""#)),
        .service(
            "host in the legacy top-level Networks", spec: #""Networks":[{"Target":"host"}]"#,
            .deny(reason: "the host network is not allowed", detail: #"Networks[0].Target="host""#)),
        .service(
            "a swarm network ID", taskTemplate: #""Networks":[{"Target":"k2j5hs3kt1pq6gu5xyr3x0mgd"}]"#,
            couldBeID("k2j5hs3kt1pq6gu5xyr3x0mgd", "TaskTemplate.Networks[0]")),
        .service(
            "a local ID prefix", spec: #""Networks":[{"Target":"8f3b"}]"#, couldBeID("8f3b", "Networks[0]")),
        .service(
            "a plain lower-case name", taskTemplate: #""Networks":[{"Target":"web"}]"#,
            couldBeID("web", "TaskTemplate.Networks[0]")),
        .service(
            "no target", taskTemplate: #""Networks":[{"Aliases":["w"]}]"#,
            .deny(reason: "a service network must name a network", detail: #"TaskTemplate.Networks[0].Target="""#)),
        .service(
            "a target of the wrong type", taskTemplate: #""Networks":[{"Target":["host"]}]"#,
            .unreadable("TaskTemplate.Networks[0].Target", "array", "string")),
        .service(
            "ports through the routing mesh",
            spec:
                #""EndpointSpec":{"Ports":[{"TargetPort":80,"PublishedPort":8080},{"TargetPort":81,"PublishMode":"ingress"}]}"#,
            .allow),
        .service(
            "an unknown publish mode is ingress to dockerd",
            spec: #""EndpointSpec":{"Ports":[{"PublishMode":"hosts"}]}"#,
            .allow),
        .service(
            "a port in host mode",
            spec: #""EndpointSpec":{"Ports":[{"TargetPort":80},{"TargetPort":22,"PublishMode":"host"}]}"#,
            .deny(
                reason:
                    "publishing a port in host mode is not allowed; publish it through the routing mesh (mode=ingress)",
                detail: #"EndpointSpec.Ports[1].PublishMode="host""#)),
        .service(
            "Hoſt upper-cases to HOST", spec: "\"endpointspec\":{\"ports\":[{\"publishmode\":\"Ho\u{017F}t\"}]}",
            .deny(
                reason:
                    "publishing a port in host mode is not allowed; publish it through the routing mesh (mode=ingress)",
                detail: #"EndpointSpec.Ports[0].PublishMode="Ho\u{17F}t""#)),
        CheckCase(
            "connecting to a network", "POST /v1.41/networks/backend/connect", body: #"{"Container":"web"}"#, .allow),
        CheckCase(
            "connecting to the host network", "POST /v1.41/networks/host/connect", body: #"{"Container":"web"}"#,
            .deny(reason: "the host network is not allowed", detail: #"network "host""#)),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noHostNetwork)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
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
