import DockerAPI
import Policy
import Testing

@Suite("Check memory-limit")
struct CheckMemoryLimitTests {
    static let capped = ProfileSettings(maximumMemory: 2 << 30)
    static let gi = Int64(1) << 30

    static func update(
        _ name: String, _ body: String, settings: ProfileSettings = capped, _ expected: CheckCase.Expected
    )
        -> CheckCase
    {
        CheckCase(name, "POST /v1.41/containers/web/update", body: body, settings: settings, expected)
    }

    static let required = "a memory limit is required: add --memory"
    static let cappedRequired = required + " (at most 2Gi)"

    static let cases: [CheckCase] = [
        .create("a limit", hostConfig: #""Memory":67108864"#, .allow),
        .create("a limit at the ceiling", hostConfig: #""Memory":\#(2 * gi)"#, settings: capped, .allow),
        .create("no ceiling: any limit", hostConfig: #""Memory":\#(64 * gi)"#, .allow),
        .create("none", hostConfig: #""Memory":0"#, .deny(reason: required, detail: "HostConfig.Memory=0")),
        .create(
            "absent, with a ceiling", hostConfig: #""Privileged":false"#, settings: capped,
            .deny(reason: cappedRequired, detail: "HostConfig.Memory=0")),
        .create(
            "negative", hostConfig: #""Memory":-1"#, settings: capped,
            .deny(reason: cappedRequired, detail: "HostConfig.Memory=-1")),
        .create(
            "above the ceiling", hostConfig: #""Memory":\#(2 * gi + 1)"#, settings: capped,
            .deny(
                reason: "a memory limit of 2147483649 bytes is above the 2Gi allowed: lower --memory to at most 2Gi",
                detail: "HostConfig.Memory=\(2 * gi + 1)")),
        .create(
            "far above", hostConfig: #""Memory":\#(8 * gi)"#, settings: capped,
            .deny(
                reason: "a memory limit of 8Gi is above the 2Gi allowed: lower --memory to at most 2Gi",
                detail: "HostConfig.Memory=\(8 * gi)")),
        .create(
            "swap 0: as much swap as memory", hostConfig: #""Memory":\#(gi),"MemorySwap":0"#, settings: capped, .allow),
        .create(
            "swap up to twice the ceiling", hostConfig: #""Memory":\#(gi),"MemorySwap":\#(4 * gi)"#, settings: capped,
            .allow),
        .create(
            "unlimited swap", hostConfig: #""Memory":\#(gi),"MemorySwap":-1"#,
            .deny(
                reason: "unlimited swap (--memory-swap -1) is not allowed: leave --memory-swap out, or give the total"
                    + " of memory and swap",
                detail: "HostConfig.MemorySwap=-1")),
        .create(
            "swap above twice the ceiling", hostConfig: #""Memory":\#(gi),"MemorySwap":\#(5 * gi)"#, settings: capped,
            .deny(
                reason: "memory plus swap of 5Gi is above the 4Gi allowed (twice the 2Gi memory ceiling): lower"
                    + " --memory-swap",
                detail: "HostConfig.MemorySwap=\(5 * gi)")),
        .create("no ceiling: any swap total", hostConfig: #""Memory":\#(gi),"MemorySwap":\#(500 * gi)"#, .allow),
        CheckCase("top-level alias", body: #"{"Image":"x","Memory":67108864}"#, .allow),
        CheckCase(
            "no HostConfig", body: #"{"Image":"x"}"#, .deny(reason: required, detail: "Memory=0")),
        .create(
            "1e9 is not an int64", hostConfig: #""Memory":1e9"#, .unreadable("HostConfig.Memory", "number 1e9", "int64")
        ),
        CheckCase("another endpoint", "POST /v1.41/containers/web/start", body: nil, .allow),
    ]

    /// `docker update` sends every resource field; 0 leaves the container's value alone.
    static let updateCases: [CheckCase] = [
        update(
            "docker update --cpus 1: Memory 0 is unchanged", #"{"Memory":0,"MemorySwap":0,"NanoCpus":1000000000}"#,
            .allow),
        update("a body without Memory", #"{"RestartPolicy":{"Name":"no"}}"#, .allow),
        update("a lower limit", #"{"Memory":\#(gi),"MemorySwap":\#(2 * gi)}"#, .allow),
        update(
            "a negative limit", #"{"Memory":-1}"#,
            .deny(
                reason: "removing a memory limit is not allowed: give --memory a positive value (at most 2Gi)",
                detail: "Memory=-1")),
        update(
            "above the ceiling", #"{"Memory":\#(3 * gi)}"#,
            .deny(
                reason: "a memory limit of 3Gi is above the 2Gi allowed: lower --memory to at most 2Gi",
                detail: "Memory=\(3 * gi)")),
        update(
            "unlimited swap", #"{"Memory":0,"MemorySwap":-1}"#,
            .deny(
                reason: "unlimited swap (--memory-swap -1) is not allowed: leave --memory-swap out, or give the total"
                    + " of memory and swap",
                detail: "MemorySwap=-1")),
        update("no ceiling: a higher limit", #"{"Memory":\#(64 * gi)}"#, settings: ProfileSettings(), .allow),
    ]

    static let limits = "TaskTemplate.Resources.Limits."

    static let serviceCases: [CheckCase] = [
        .service(
            "a limit", taskTemplate: #""Resources":{"Limits":{"MemoryBytes":67108864}}"#, settings: capped, .allow),
        .service(
            "the CLI's empty Limits", taskTemplate: #""Resources":{"Limits":{},"Reservations":{}}"#, settings: capped,
            .deny(
                reason: "a memory limit is required: add --limit-memory (at most 2Gi)", detail: "\(limits)MemoryBytes=0"
            )),
        .service(
            "no Resources",
            .deny(reason: "a memory limit is required: add --limit-memory", detail: "\(limits)MemoryBytes=0")),
        .service(
            "Limits null", taskTemplate: #""Resources":{"Limits":null}"#,
            .deny(reason: "a memory limit is required: add --limit-memory", detail: "\(limits)MemoryBytes=0")),
        .service(
            "above the ceiling", taskTemplate: #""Resources":{"Limits":{"MemoryBytes":\#(4 * gi)}}"#, settings: capped,
            .deny(
                reason: "a memory limit of 4Gi is above the 2Gi allowed: lower --limit-memory to at most 2Gi",
                detail: "\(limits)MemoryBytes=\(4 * gi)")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.memoryLimit)
    }

    @Test(arguments: updateCases)
    func updates(_ row: CheckCase) throws {
        try row.verify(.memoryLimit)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.memoryLimit)
    }
}
