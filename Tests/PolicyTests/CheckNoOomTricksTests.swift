import DockerAPI
import Policy
import Testing

@Suite("Check no-oom-tricks")
struct CheckNoOomTricksTests {
    static let cases: [CheckCase] = [
        .create("the CLI's defaults", hostConfig: #""OomScoreAdj":0,"OomKillDisable":false"#, .allow),
        .create("a positive score", hostConfig: #""OomScoreAdj":500,"OomKillDisable":null"#, .allow),
        .create(
            "-1000", hostConfig: #""OomScoreAdj":-1000"#,
            .deny(reason: "a negative OOM score adjustment is not allowed", detail: "HostConfig.OomScoreAdj=-1000")),
        .create(
            "OOM killer off", hostConfig: #""OomKillDisable":true"#,
            .deny(reason: "disabling the OOM killer is not allowed", detail: "HostConfig.OomKillDisable=true")),
        .create(
            "a score with a fraction", hostConfig: #""OomScoreAdj":-1.5"#,
            .deny(
                reason:
                    "the request cannot be read as dockerd would read it: HostConfig.OomScoreAdj holds a number -1.5"
                    + " where dockerd expects int (json: cannot unmarshal number -1.5 into Go value of type int)",
                detail: "HostConfig.OomScoreAdj")),
    ]

    static let serviceCases: [CheckCase] = [
        .service("no score", .allow),
        .service("a positive score", containerSpec: #""OomScoreAdj":500"#, .allow),
        .service(
            "-1000", containerSpec: #""oomscoreadj":-1000"#,
            .deny(
                reason: "a negative OOM score adjustment is not allowed",
                detail: "TaskTemplate.ContainerSpec.OomScoreAdj=-1000")),
        .service(
            "a score as a string", containerSpec: #""OomScoreAdj":"-1000""#,
            .unreadable("TaskTemplate.ContainerSpec.OomScoreAdj", "string", "int64")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noOomTricks)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.noOomTricks)
    }
}
