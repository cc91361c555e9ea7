import DockerAPI
import Policy
import Testing

@Suite("Check published-ports")
struct CheckPublishedPortsTests {
    static let oneAddress = "published ports must be bound to one host address, e.g. -p 127.0.0.1:8080:80"
    static let binding = "HostConfig.PortBindings.80/tcp[0]."

    static func ports(_ hostIP: String, _ hostPort: String) -> String {
        #""PortBindings":{"80/tcp":[{"HostIp":"\#(hostIP)","HostPort":"\#(hostPort)"}]}"#
    }

    static let loopbackOnly = ProfileSettings(allowedHostIPs: ["127.0.0.1", "::1"])
    static let narrowPorts = ProfileSettings(allowedHostPorts: [PortRange(8000, 8100)])

    static let cases: [CheckCase] = [
        .create("-p 127.0.0.1:8080:80", hostConfig: ports("127.0.0.1", "8080"), .allow),
        .create("-p [::1]:8080:80", hostConfig: ports("::1", "8080"), .allow),
        .create("a range", hostConfig: ports("127.0.0.1", "8000-8010"), .allow),
        .create("no bindings", hostConfig: #""PortBindings":{}"#, .allow),
        .create("a port with no binding", hostConfig: #""PortBindings":{"80/tcp":null}"#, .allow),
        .create(
            "-p 8080:80 binds every address", hostConfig: ports("", "8080"),
            .deny(reason: oneAddress, detail: #"\#(binding)HostIp="""#)),
        .create(
            "0.0.0.0", hostConfig: ports("0.0.0.0", "8080"),
            .deny(reason: oneAddress, detail: #"\#(binding)HostIp="0.0.0.0""#)),
        .create("::", hostConfig: ports("::", "8080"), .deny(reason: oneAddress, detail: #"\#(binding)HostIp="::""#)),
        .create(
            "::ffff:0.0.0.0 is 0.0.0.0 to the daemon", hostConfig: ports("::ffff:0.0.0.0", "8080"),
            .deny(reason: oneAddress, detail: #"\#(binding)HostIp="::ffff:0.0.0.0""#)),
        .create(
            "a name is not an address", hostConfig: ports("localhost", "8080"),
            .deny(reason: oneAddress, detail: #"\#(binding)HostIp="localhost""#)),
        .create(
            "the second binding of a port",
            hostConfig:
                #""PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"},{"HostIp":"","HostPort":"8081"}]}"#,
            .deny(reason: oneAddress, detail: #"HostConfig.PortBindings.80/tcp[1].HostIp="""#)),
        .create(
            "an address outside allowedHostIPs", hostConfig: ports("10.0.0.5", "8080"), settings: loopbackOnly,
            .deny(
                reason: "publishing on host address 10.0.0.5 is not allowed (allowed: 127.0.0.1, ::1)",
                detail: #"\#(binding)HostIp="10.0.0.5""#)),
        .create(
            "allowedHostIPs compare addresses", hostConfig: ports("0:0:0:0:0:0:0:1", "8080"), settings: loopbackOnly,
            .allow),
        .create(
            "allowedHostIPs in the example", hostConfig: ports("", "8080"),
            settings: ProfileSettings(allowedHostIPs: ["::1"]),
            .deny(
                reason: "published ports must be bound to one host address, e.g. -p [::1]:8080:80 (allowed: ::1)",
                detail: #"\#(binding)HostIp="""#)),
        .create(
            "a privileged port", hostConfig: ports("127.0.0.1", "80"),
            .deny(reason: "host port 80 is not allowed (allowed: 1024-65535)", detail: #"\#(binding)HostPort="80""#)),
        .create(
            "a range reaching below 1024", hostConfig: ports("127.0.0.1", "1000-1100"),
            .deny(
                reason: "host port 1000-1100 is not allowed (allowed: 1024-65535)",
                detail: #"\#(binding)HostPort="1000-1100""#)),
        .create("a random port by default", hostConfig: ports("127.0.0.1", ""), .allow),
        .create("0 is a random port", hostConfig: ports("127.0.0.1", "0"), .allow),
        .create(
            "a random port outside narrowed ports", hostConfig: ports("127.0.0.1", ""), settings: narrowPorts,
            .deny(
                reason: "a published port needs a host port the profile allows (allowed: 8000-8100); the daemon would"
                    + " pick one at random",
                detail: #"\#(binding)HostPort="""#)),
        .create("inside narrowed ports", hostConfig: ports("127.0.0.1", "8100"), settings: narrowPorts, .allow),
        .create(
            "a protocol suffix", hostConfig: ports("127.0.0.1", "8080/udp"),
            .deny(
                reason: "host port \"8080/udp\" is not a port or a range such as 8000-8010",
                detail: #"\#(binding)HostPort="8080/udp""#)),
        .create(
            "-P", hostConfig: #""PublishAllPorts":true"#,
            .deny(
                reason: "publishing every exposed port (-P) binds all host addresses: publish each port on one address"
                    + " instead, e.g. -p 127.0.0.1:8080:80",
                detail: "HostConfig.PublishAllPorts=true")),
        .create("PublishAllPorts false", hostConfig: #""PublishAllPorts":false"#, .allow),
        CheckCase(
            "top-level alias", body: #"{"Image":"x","PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"80"}]}}"#,
            .deny(reason: oneAddress, detail: #"PortBindings.80/tcp[0].HostIp="""#)),
        .create(
            "a number for HostPort", hostConfig: #""PortBindings":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":8080}]}"#,
            .unreadable("\(binding)HostPort", "number", "string")),
    ]

    static let serviceCases: [CheckCase] = [
        .service("no published ports", .allow),
        .service("an empty EndpointSpec", spec: #""EndpointSpec":{"Mode":"vip"}"#, .allow),
        .service(
            "-p 8080:80 through the routing mesh",
            spec: #""EndpointSpec":{"Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080}]}"#,
            .deny(
                reason: "a service cannot publish ports: the routing mesh listens on every address of every node;"
                    + " reach the service over an overlay network",
                detail: "EndpointSpec.Ports[0].PublishedPort=8080")),
        .service(
            "a port the swarm picks", spec: #""EndpointSpec":{"Ports":[{"TargetPort":80}]}"#,
            .deny(
                reason: "a service cannot publish ports: the routing mesh listens on every address of every node;"
                    + " reach the service over an overlay network",
                detail: "EndpointSpec.Ports[0].PublishedPort=0")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.publishedPorts)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.publishedPorts)
    }
}
