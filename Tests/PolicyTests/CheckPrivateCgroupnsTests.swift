import DockerAPI
import Policy
import Testing

@Suite("Check private-cgroupns")
struct CheckPrivateCgroupnsTests {
    static let reason = "a private cgroup namespace is required: add --cgroupns private"

    static let cases: [CheckCase] = [
        .create("private", hostConfig: #""CgroupnsMode":"private""#, .allow),
        .create(
            "empty: the gate fills in private (ProfileDefaults)", hostConfig: #""CgroupnsMode":"""#, .allow),
        .create("absent: the gate fills in private", hostConfig: #""Privileged":false"#, .allow),
        .create(
            "host", hostConfig: #""CgroupnsMode":"host""#,
            .deny(reason: reason, detail: #"HostConfig.CgroupnsMode="host""#)),
        .create(
            "compared byte for byte", hostConfig: #""CgroupnsMode":"Private""#,
            .deny(reason: reason, detail: #"HostConfig.CgroupnsMode="Private""#)),
        CheckCase("top-level alias", body: #"{"Image":"x","CgroupnsMode":"private"}"#, .allow),
        CheckCase(
            "an old API version: explicit private is still honoured", "POST /v1.40/containers/create",
            body: PolicyTest.createBody(hostConfig: #""CgroupnsMode":"private""#), .allow),
        .create(
            "a number", hostConfig: #""CgroupnsMode":1"#, .unreadable("HostConfig.CgroupnsMode", "number", "string")),
        .service("services have no cgroup namespace field", .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.privateCgroupns)
    }
}
