import DockerAPI
import Policy
import Testing

@Suite("Check no-root-group")
struct CheckNoRootGroupTests {
    static let cases: [CheckCase] = [
        .create("no groups", user: "1000", hostConfig: #""GroupAdd":null"#, .allow),
        .create("uid and gid", user: "1000:1000", hostConfig: "", .allow),
        .create("an empty group part", user: "1000:", hostConfig: "", .allow),
        .create(
            "gid 0", user: "1000:0", hostConfig: "",
            .deny(reason: "the root group is not allowed", detail: #"User="1000:0""#)),
        .create(
            "gid 00", user: "1000:00", hostConfig: "",
            .deny(reason: "the root group is not allowed", detail: #"User="1000:00""#)),
        .create(
            "group root", user: "1000:root", hostConfig: "",
            .deny(reason: "the root group is not allowed", detail: #"User="1000:root""#)),
        .create(
            "an untrusted group name", user: "1000:staff", hostConfig: "",
            .deny(
                reason:
                    "group name \"staff\" is resolved inside the image and may be the root group; use a numeric group id",
                detail: #"User="1000:staff""#)),
        .create(
            "a trusted group name", user: "1000:video", hostConfig: "",
            settings: ProfileSettings(trustedGroupNames: ["video"]), .allow),
        .create("GroupAdd numeric", hostConfig: #""GroupAdd":["1000","44"]"#, .allow),
        .create(
            "GroupAdd 0", hostConfig: #""GroupAdd":["1000","0"]"#,
            .deny(reason: "the root group is not allowed", detail: #"HostConfig.GroupAdd[1]="0""#)),
        .create(
            "GroupAdd +0", hostConfig: #""GroupAdd":["+0"]"#,
            .deny(reason: "the root group is not allowed", detail: #"HostConfig.GroupAdd[0]="+0""#)),
        .create(
            "GroupAdd root", hostConfig: #""groupadd":["root"]"#,
            .deny(reason: "the root group is not allowed", detail: #"HostConfig.GroupAdd[0]="root""#)),
        .create(
            "GroupAdd empty", hostConfig: #""GroupAdd":[""]"#,
            .deny(reason: "the root group is not allowed", detail: #"HostConfig.GroupAdd[0]="""#)),
        .create(
            "GroupAdd out of range", hostConfig: #""GroupAdd":["4294967296"]"#,
            .deny(reason: "group id 4294967296 is out of range", detail: #"HostConfig.GroupAdd[0]="4294967296""#)),
        .create(
            "GroupAdd docker", hostConfig: #""GroupAdd":["docker"]"#,
            .deny(
                reason:
                    "group name \"docker\" is resolved inside the image and may be the root group; use a numeric group id",
                detail: #"HostConfig.GroupAdd[0]="docker""#)),
        CheckCase(
            "exec with gid 0", "POST /v1.41/containers/web/exec", body: #"{"User":"1000:0"}"#,
            .deny(reason: "the root group is not allowed", detail: #"User="1000:0""#)),
        CheckCase(
            "exec start with gid 0", "POST /v1.41/exec/e1/start", body: nil,
            facts: Facts(execs: ["e1": .found(ExecFact(containerID: "c", privileged: false, user: "1000:0"))]),
            .deny(reason: "the root group is not allowed", detail: #"exec "e1": ProcessConfig.user="1000:0""#)),
        CheckCase(
            "exec start as 1000", "POST /v1.41/exec/e1/start", body: nil,
            facts: Facts(execs: ["e1": .found(ExecFact(containerID: "c", privileged: false, user: "1000"))]), .allow),
        CheckCase(
            "exec start without the record", "POST /v1.41/exec/e1/start", body: nil,
            .deny(
                reason: "could not determine which group exec \"e1\" runs with", detail: #"exec "e1""#,
                missing: .exec("e1"))),
        CheckCase(
            "top-level GroupAdd", body: #"{"Image":"x","User":"1000","GroupAdd":["0"]}"#,
            .deny(reason: "the root group is not allowed", detail: #"GroupAdd[0]="0""#)),
    ]

    static let serviceCases: [CheckCase] = [
        .service("uid and gid", user: "1000:1000", .allow),
        .service("numeric Groups", containerSpec: #""Groups":["1000","44"]"#, .allow),
        .service(
            "gid 0", user: "1000:0",
            .deny(reason: "the root group is not allowed", detail: #"TaskTemplate.ContainerSpec.User="1000:0""#)),
        .service(
            "Groups 0", containerSpec: #""Groups":["1000","0"]"#,
            .deny(reason: "the root group is not allowed", detail: #"TaskTemplate.ContainerSpec.Groups[1]="0""#)),
        .service(
            "groups root, lower-case key", containerSpec: #""groups":["root"]"#,
            .deny(reason: "the root group is not allowed", detail: #"TaskTemplate.ContainerSpec.Groups[0]="root""#)),
        .service(
            "Groups docker", containerSpec: #""Groups":["docker"]"#,
            .deny(
                reason:
                    "group name \"docker\" is resolved inside the image and may be the root group; use a numeric group id",
                detail: #"TaskTemplate.ContainerSpec.Groups[0]="docker""#)),
        .service(
            "Groups of the wrong type", containerSpec: #""Groups":"0""#,
            .unreadable("TaskTemplate.ContainerSpec.Groups", "string", "[]string")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noRootGroup)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.noRootGroup)
    }
}
