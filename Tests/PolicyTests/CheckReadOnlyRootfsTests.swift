import DockerAPI
import Policy
import Testing

@Suite("Check read-only-rootfs")
struct CheckReadOnlyRootfsTests {
    static let reason =
        "a read-only root filesystem is required: add --read-only (and --tmpfs for the directories the program"
        + " writes to)"

    static let cases: [CheckCase] = [
        .create("ReadonlyRootfs", hostConfig: #""ReadonlyRootfs":true"#, .allow),
        .create("folded key", hostConfig: #""readonlyrootfs":true"#, .allow),
        .create(
            "false", hostConfig: #""ReadonlyRootfs":false"#,
            .deny(reason: reason, detail: "HostConfig.ReadonlyRootfs=false")),
        .create(
            "absent", hostConfig: #""Privileged":false"#,
            .deny(reason: reason, detail: "HostConfig.ReadonlyRootfs=false")),
        .create(
            "null keeps Go's false", hostConfig: #""ReadonlyRootfs":null"#,
            .deny(reason: reason, detail: "HostConfig.ReadonlyRootfs=false")),
        CheckCase("top-level alias", body: #"{"Image":"x","ReadonlyRootfs":true}"#, .allow),
        .create(
            "a string is not a bool", hostConfig: #""ReadonlyRootfs":"true""#,
            .unreadable("HostConfig.ReadonlyRootfs", "string", "bool")),
        .service("a service's ReadOnly", containerSpec: #""ReadOnly":true"#, .allow),
        .service(
            "a service without ReadOnly",
            .deny(
                reason: "a read-only root filesystem is required: add --read-only",
                detail: "TaskTemplate.ContainerSpec.ReadOnly=false")),
        CheckCase("a volume", "POST /v1.41/volumes/create", body: #"{"Name":"data"}"#, .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.readOnlyRootfs)
    }
}
