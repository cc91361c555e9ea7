import DockerAPI
import Policy
import Testing

@Suite("Check cpu-limit")
struct CheckCPULimitTests {
    static let capped = ProfileSettings(maximumNanoCPUs: 2_000_000_000)
    static let required = "a CPU limit is required: add --cpus"
    static let cappedRequired = required + " (at most 2 CPUs)"

    static func update(
        _ name: String, _ body: String, settings: ProfileSettings = capped, _ expected: CheckCase.Expected
    )
        -> CheckCase
    {
        CheckCase(name, "POST /v1.41/containers/web/update", body: body, settings: settings, expected)
    }

    static let cases: [CheckCase] = [
        .create("--cpus 1.5", hostConfig: #""NanoCpus":1500000000"#, settings: capped, .allow),
        .create("--cpus 2, the ceiling", hostConfig: #""NanoCpus":2000000000"#, settings: capped, .allow),
        .create(
            "a quota over the default period", hostConfig: #""CpuQuota":200000"#, settings: capped, .allow),
        .create(
            "a quota over its period", hostConfig: #""CpuQuota":50000,"CpuPeriod":25000"#, settings: capped, .allow),
        .create(
            "none", hostConfig: #""NanoCpus":0,"CpuQuota":0,"CpuPeriod":0,"CpuShares":512"#,
            .deny(reason: required, detail: "HostConfig.NanoCpus=0, HostConfig.CpuQuota=0")),
        .create(
            "a period alone is no limit", hostConfig: #""CpuPeriod":100000"#, settings: capped,
            .deny(reason: cappedRequired, detail: "HostConfig.NanoCpus=0, HostConfig.CpuQuota=0")),
        .create(
            "--cpus 4", hostConfig: #""NanoCpus":4000000000"#, settings: capped,
            .deny(
                reason: "a CPU limit of 4 CPUs is above the 2 CPUs allowed: lower --cpus to at most 2 CPUs",
                detail: "HostConfig.NanoCpus=4000000000, HostConfig.CpuQuota=0")),
        .create(
            "a quota of 2.00001 CPUs", hostConfig: #""CpuQuota":200001"#, settings: capped,
            .deny(
                reason: "a CPU limit of 2.00001 CPUs is above the 2 CPUs allowed: lower --cpus to at most 2 CPUs",
                detail: "HostConfig.CpuQuota=200001, HostConfig.CpuPeriod=0")),
        .create(
            "a short period multiplies the quota", hostConfig: #""CpuQuota":100000,"CpuPeriod":1000"#,
            settings: capped,
            .deny(
                reason: "a CPU limit of 100 CPUs is above the 2 CPUs allowed: lower --cpus to at most 2 CPUs",
                detail: "HostConfig.CpuQuota=100000, HostConfig.CpuPeriod=1000")),
        .create(
            "CpuQuota -1 beside NanoCpus removes the limit", hostConfig: #""NanoCpus":1000000000,"CpuQuota":-1"#,
            settings: capped,
            .deny(reason: cappedRequired, detail: "HostConfig.CpuQuota=-1, HostConfig.CpuPeriod=0")),
        .create(
            "a quota too large to count", hostConfig: #""CpuQuota":9223372036854775807"#, settings: capped,
            .deny(
                reason: "a CPU limit of 9223372036.854775807 CPUs is above the 2 CPUs allowed: lower --cpus to at most"
                    + " 2 CPUs",
                detail: "HostConfig.CpuQuota=9223372036854775807, HostConfig.CpuPeriod=0")),
        .create("no ceiling: any quota", hostConfig: #""CpuQuota":10000000"#, .allow),
        CheckCase("top-level alias", body: #"{"Image":"x","NanoCpus":1000000000}"#, .allow),
        .create(
            "a string", hostConfig: #""NanoCpus":"1""#, .unreadable("HostConfig.NanoCpus", "string", "int64")),
    ]

    static let updateCases: [CheckCase] = [
        update(
            "docker update --memory: every CPU field 0",
            #"{"Memory":1073741824,"NanoCpus":0,"CpuQuota":0,"CpuPeriod":0}"#, .allow),
        update("--cpus 1", #"{"NanoCpus":1000000000}"#, .allow),
        update(
            "--cpus 3", #"{"NanoCpus":3000000000}"#,
            .deny(
                reason: "a CPU limit of 3 CPUs is above the 2 CPUs allowed: lower --cpus to at most 2 CPUs",
                detail: "NanoCpus=3000000000")),
        update(
            "a negative NanoCpus", #"{"NanoCpus":-1}"#,
            .deny(
                reason: "removing a CPU limit is not allowed: give --cpus a positive value (at most 2 CPUs)",
                detail: "NanoCpus=-1")),
        update(
            "CpuQuota -1 lifts the quota at the next start", #"{"CpuQuota":-1}"#, settings: ProfileSettings(),
            .deny(
                reason: "removing a CPU limit is not allowed: give --cpus a positive value",
                detail: "CpuQuota=-1, CpuPeriod=0")),
        update("quota and period together", #"{"CpuQuota":150000,"CpuPeriod":100000}"#, .allow),
        update(
            "quota and period above the ceiling", #"{"CpuQuota":300000,"CpuPeriod":100000}"#,
            .deny(
                reason: "a CPU limit of 3 CPUs is above the 2 CPUs allowed: lower --cpus to at most 2 CPUs",
                detail: "CpuQuota=300000, CpuPeriod=100000")),
        update(
            "a quota alone, with a ceiling", #"{"CpuQuota":150000}"#,
            .deny(
                reason: "the new CPU limit cannot be checked against the ceiling: update --cpu-quota and"
                    + " --cpu-period together, or use --cpus (at most 2 CPUs)",
                detail: "CpuQuota=150000, CpuPeriod=0")),
        update(
            "a period alone, with a ceiling", #"{"CpuPeriod":1000}"#,
            .deny(
                reason: "the new CPU limit cannot be checked against the ceiling: update --cpu-quota and"
                    + " --cpu-period together, or use --cpus (at most 2 CPUs)",
                detail: "CpuQuota=0, CpuPeriod=1000")),
        update("a quota alone, without a ceiling", #"{"CpuQuota":150000}"#, settings: ProfileSettings(), .allow),
    ]

    static let limits = "TaskTemplate.Resources.Limits."

    static let serviceCases: [CheckCase] = [
        .service("--limit-cpu 1", taskTemplate: #""Resources":{"Limits":{"NanoCPUs":1000000000}}"#, .allow),
        .service(
            "no limit", taskTemplate: #""Resources":{"Limits":{}}"#, settings: capped,
            .deny(reason: "a CPU limit is required: add --limit-cpu (at most 2 CPUs)", detail: "\(limits)NanoCPUs=0")),
        .service(
            "--limit-cpu 2.5", taskTemplate: #""Resources":{"Limits":{"NanoCPUs":2500000000}}"#, settings: capped,
            .deny(
                reason: "a CPU limit of 2.5 CPUs is above the 2 CPUs allowed: lower --limit-cpu to at most 2 CPUs",
                detail: "\(limits)NanoCPUs=2500000000")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.cpuLimit)
    }

    @Test(arguments: updateCases)
    func updates(_ row: CheckCase) throws {
        try row.verify(.cpuLimit)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.cpuLimit)
    }
}
