import DockerAPI
import Policy
import Testing

@Suite("Check pids-limit")
struct CheckPidsLimitTests {
    static let capped = ProfileSettings(maximumPids: 256)
    static let required = "a process limit is required: add --pids-limit"
    static let cappedRequired = required + " (at most 256)"

    static func update(_ name: String, _ body: String, _ expected: CheckCase.Expected) -> CheckCase {
        CheckCase(name, "POST /v1.41/containers/web/update", body: body, settings: capped, expected)
    }

    static let cases: [CheckCase] = [
        .create("a limit", hostConfig: #""PidsLimit":100"#, settings: capped, .allow),
        .create("at the ceiling", hostConfig: #""PidsLimit":256"#, settings: capped, .allow),
        .create("no ceiling", hostConfig: #""PidsLimit":100000"#, .allow),
        .create(
            "null, as the CLI sends it", hostConfig: #""PidsLimit":null"#,
            .deny(reason: required, detail: "HostConfig.PidsLimit=null")),
        .create(
            "absent", hostConfig: #""Privileged":false"#, settings: capped,
            .deny(reason: cappedRequired, detail: "HostConfig.PidsLimit=null")),
        .create(
            "0 is unlimited", hostConfig: #""PidsLimit":0"#, settings: capped,
            .deny(reason: cappedRequired, detail: "HostConfig.PidsLimit=0")),
        .create(
            "-1 is unlimited", hostConfig: #""PidsLimit":-1"#, settings: capped,
            .deny(reason: cappedRequired, detail: "HostConfig.PidsLimit=-1")),
        .create(
            "above the ceiling", hostConfig: #""PidsLimit":257"#, settings: capped,
            .deny(
                reason: "a process limit of 257 is above the 256 allowed: lower --pids-limit to at most 256",
                detail: "HostConfig.PidsLimit=257")),
        CheckCase("top-level alias", body: #"{"Image":"x","PidsLimit":10}"#, .allow),
        .create(
            "a fraction", hostConfig: #""PidsLimit":1.5"#, .unreadable("HostConfig.PidsLimit", "number 1.5", "int64")),
    ]

    static let updateCases: [CheckCase] = [
        update("absent: unchanged", #"{"Memory":0,"NanoCpus":1000000000}"#, .allow),
        update("null: unchanged", #"{"PidsLimit":null}"#, .allow),
        update("a lower limit", #"{"PidsLimit":64}"#, .allow),
        update(
            "0 removes it", #"{"PidsLimit":0}"#,
            .deny(
                reason: "removing a process limit is not allowed: give --pids-limit a positive value (at most 256)",
                detail: "PidsLimit=0")),
        update(
            "-1 removes it", #"{"PidsLimit":-1}"#,
            .deny(
                reason: "removing a process limit is not allowed: give --pids-limit a positive value (at most 256)",
                detail: "PidsLimit=-1")),
        update(
            "above the ceiling", #"{"PidsLimit":1000}"#,
            .deny(
                reason: "a process limit of 1000 is above the 256 allowed: lower --pids-limit to at most 256",
                detail: "PidsLimit=1000")),
    ]

    static let limits = "TaskTemplate.Resources.Limits."

    static let serviceCases: [CheckCase] = [
        .service("--limit-pids 100", taskTemplate: #""Resources":{"Limits":{"Pids":100}}"#, settings: capped, .allow),
        .service(
            "no limit", taskTemplate: #""Resources":{"Limits":{}}"#,
            .deny(reason: "a process limit is required: add --limit-pids", detail: "\(limits)Pids=0")),
        .service(
            "above the ceiling", taskTemplate: #""Resources":{"Limits":{"Pids":300}}"#, settings: capped,
            .deny(
                reason: "a process limit of 300 is above the 256 allowed: lower --limit-pids to at most 256",
                detail: "\(limits)Pids=300")),
        CheckCase(
            "API 1.40 zeroes it", "POST /v1.40/services/create",
            body: PolicyTest.serviceBody(taskTemplate: #""Resources":{"Limits":{"Pids":100}}"#),
            .deny(
                reason: "a service's process limit needs API 1.41 or later, and dockerd drops it below; send the"
                    + " request to /v1.41/ or later",
                detail: "API version 1.40")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.pidsLimit)
    }

    @Test(arguments: updateCases)
    func updates(_ row: CheckCase) throws {
        try row.verify(.pidsLimit)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.pidsLimit)
    }
}
