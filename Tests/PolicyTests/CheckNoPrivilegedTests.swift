import DockerAPI
import Policy
import Testing

@Suite("Check no-privileged")
struct CheckNoPrivilegedTests {
    static let denied = CheckCase.Expected.deny(
        reason: "privileged containers are not allowed", detail: "HostConfig.Privileged=true")

    static let cases: [CheckCase] = [
        .create("Privileged false", hostConfig: #""Privileged":false"#, .allow),
        .create("Privileged null (Go leaves it false)", hostConfig: #""Privileged":null"#, .allow),
        .create("Privileged absent", hostConfig: "", .allow),
        .create("Privileged true", hostConfig: #""Privileged":true"#, denied),
        .create("lower-case key", hostConfig: #""privileged":true"#, denied),
        .create("escaped key", hostConfig: #""\u0050rivileged":true"#, denied),
        .create(
            "a string is not a bool", hostConfig: #""Privileged":"true""#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: HostConfig.Privileged holds a string"
                    + " where dockerd expects bool (json: cannot unmarshal string into Go value of type bool)",
                detail: "HostConfig.Privileged")),
        CheckCase(
            "top-level alias (daemons up to v26)", body: #"{"Image":"x","User":"1000","Privileged":true}"#,
            .deny(reason: "privileged containers are not allowed", detail: "Privileged=true")),
        CheckCase(
            "top-level alias with a null HostConfig", body: #"{"Image":"x","HostConfig":null,"PRIVILEGED":true}"#,
            .deny(reason: "privileged containers are not allowed", detail: "Privileged=true")),
        CheckCase(
            "exec create privileged", "POST /v1.41/containers/web/exec", body: #"{"Cmd":["sh"],"privileged":true}"#,
            .deny(reason: "privileged exec is not allowed", detail: "Privileged=true")),
        CheckCase(
            "exec create unprivileged", "POST /v1.41/containers/web/exec", body: #"{"Cmd":["sh"],"Privileged":false}"#,
            .allow),
        CheckCase(
            "exec start of a privileged exec", "POST /v1.41/exec/e1/start", body: #"{"Detach":false}"#,
            facts: Facts(execs: ["e1": .found(ExecFact(containerID: "c1", privileged: true, user: "1000"))]),
            .deny(reason: "privileged exec is not allowed", detail: "exec \"e1\": ProcessConfig.privileged=true")),
        CheckCase(
            "exec start of an ordinary exec", "POST /v1.41/exec/e1/start", body: #"{"Detach":false}"#,
            facts: Facts(execs: ["e1": .found(ExecFact(containerID: "c1", privileged: false, user: "1000"))]), .allow),
        CheckCase(
            "exec start of an exec the daemon does not have", "POST /v1.41/exec/e1/start", body: nil,
            facts: Facts(execs: ["e1": .notFound]), .allow),
        CheckCase(
            "exec start without the exec's record", "POST /v1.41/exec/e1/start", body: nil,
            .deny(
                reason: "could not determine whether exec \"e1\" is privileged", detail: "exec \"e1\"",
                missing: .exec("e1"))),
        CheckCase("another endpoint", "POST /v1.41/containers/web/start", body: nil, .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noPrivileged)
    }
}
