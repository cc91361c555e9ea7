import DockerAPI
import Policy
import Testing

@Suite("Check local-log-drivers")
struct CheckLocalLogDriversTests {
    static let cases: [CheckCase] = [
        .create("the daemon's default", hostConfig: #""LogConfig":{"Type":"","Config":{}}"#, .allow),
        .create(
            "json-file with options", hostConfig: #""LogConfig":{"Type":"json-file","Config":{"max-size":"10m"}}"#,
            .allow),
        .create("local", hostConfig: #""LogConfig":{"Type":"local"}"#, .allow),
        .create("journald", hostConfig: #""LogConfig":{"Type":"journald"}"#, .allow),
        .create("none", hostConfig: #""LogConfig":{"Type":"none"}"#, .allow),
        .create(
            "syslog to an address",
            hostConfig: #""LogConfig":{"Type":"syslog","Config":{"syslog-address":"tcp://10.0.0.1:514"}}"#,
            .deny(
                reason: "log driver \"syslog\" is not allowed; use json-file, local or journald",
                detail: #"HostConfig.LogConfig.Type="syslog""#)),
        .create(
            "awslogs", hostConfig: #""logconfig":{"type":"awslogs"}"#,
            .deny(
                reason: "log driver \"awslogs\" is not allowed; use json-file, local or journald",
                detail: #"HostConfig.LogConfig.Type="awslogs""#)),
        .create(
            "a LogConfig that is a string", hostConfig: #""LogConfig":"gelf""#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: HostConfig.LogConfig holds a string where"
                    + " dockerd expects container.LogConfig (json: cannot unmarshal string into Go value of type"
                    + " container.LogConfig)",
                detail: "HostConfig.LogConfig")),
    ]

    static let serviceCases: [CheckCase] = [
        .service("the swarm's default", .allow),
        .service("json-file", taskTemplate: #""LogDriver":{"Name":"json-file","Options":{"max-size":"10m"}}"#, .allow),
        .service("LogDriver null", taskTemplate: #""LogDriver":null"#, .allow),
        .service(
            "gelf", taskTemplate: #""logdriver":{"name":"gelf","options":{"gelf-address":"udp://10.0.0.1:12201"}}"#,
            .deny(
                reason: "log driver \"gelf\" is not allowed; use json-file, local or journald",
                detail: #"TaskTemplate.LogDriver.Name="gelf""#)),
        .service(
            "a LogDriver that is a string", taskTemplate: #""LogDriver":"syslog""#,
            .unreadable("TaskTemplate.LogDriver", "string", "swarm.Driver")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.localLogDrivers)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.localLogDrivers)
    }
}
