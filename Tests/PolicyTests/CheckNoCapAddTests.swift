import DockerAPI
import Policy
import Testing

@Suite("Check no-cap-add")
struct CheckNoCapAddTests {
    static let allowBind = ProfileSettings(allowedCapabilities: ["CAP_NET_BIND_SERVICE"])

    static func denied(_ capability: String, _ raw: String, index: Int = 0) -> CheckCase.Expected {
        .deny(
            reason: "adding capability \(capability) is not allowed", detail: "HostConfig.CapAdd[\(index)]=\"\(raw)\"")
    }

    static let cases: [CheckCase] = [
        .create("CapAdd null", hostConfig: #""CapAdd":null"#, .allow),
        .create("CapAdd empty", hostConfig: #""CapAdd":[]"#, .allow),
        .create("CapDrop ALL is fine", hostConfig: #""CapDrop":["ALL"]"#, .allow),
        .create("NET_ADMIN", hostConfig: #""CapAdd":["NET_ADMIN"]"#, denied("CAP_NET_ADMIN", "NET_ADMIN")),
        .create("cap_net_admin", hostConfig: #""CapAdd":["cap_net_admin"]"#, denied("CAP_NET_ADMIN", "cap_net_admin")),
        .create("sys_admin", hostConfig: #""capadd":["sys_admin"]"#, denied("CAP_SYS_ADMIN", "sys_admin")),
        .create(
            "long s upper-cases to S in Go", hostConfig: "\"CapAdd\":[\"\u{017F}ys_admin\"]",
            denied("CAP_SYS_ADMIN", "\\u{17F}ys_admin")),
        .create(
            "dotless i upper-cases to I in Go", hostConfig: "\"CapAdd\":[\"sys_adm\u{0131}n\"]",
            denied("CAP_SYS_ADMIN", "sys_adm\\u{131}n")),
        .create(
            "ALL", hostConfig: #""CapAdd":["All"]"#,
            .deny(reason: "adding all capabilities is not allowed", detail: #"HostConfig.CapAdd[0]="All""#)),
        .create(
            "a single string (20.10 StrSlice)", hostConfig: #""CapAdd":"SYS_PTRACE""#,
            denied("CAP_SYS_PTRACE", "SYS_PTRACE")),
        .create(
            "a default capability is still an addition", hostConfig: #""CapAdd":["CHOWN"]"#,
            denied("CAP_CHOWN", "CHOWN")),
        .create(
            "an allowed capability", hostConfig: #""CapAdd":["net_bind_service","CAP_NET_BIND_SERVICE"]"#,
            settings: allowBind, .allow),
        .create(
            "an allowed one, then another", hostConfig: #""CapAdd":["NET_BIND_SERVICE","NET_RAW"]"#,
            settings: allowBind, denied("CAP_NET_RAW", "NET_RAW", index: 1)),
        .create(
            "the Kelvin sign does not make KILL", hostConfig: "\"CapAdd\":[\"\u{212A}ILL\"]",
            settings: ProfileSettings(allowedCapabilities: ["CAP_KILL"]),
            denied("\"CAP_\\u{212A}ILL\"", "\\u{212A}ILL")),
        .create(
            "19.03 Capabilities", hostConfig: #""Capabilities":["CAP_SYS_ADMIN"]"#,
            .deny(
                reason: "setting the capability set (Capabilities) is not allowed",
                detail: #"HostConfig.Capabilities[0]="CAP_SYS_ADMIN""#)),
        CheckCase(
            "top-level alias", body: #"{"Image":"x","CapAdd":["SYS_ADMIN"]}"#,
            .deny(reason: "adding capability CAP_SYS_ADMIN is not allowed", detail: #"CapAdd[0]="SYS_ADMIN""#)),
        .create(
            "a number in CapAdd", hostConfig: #""CapAdd":[21]"#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: HostConfig.CapAdd[0] holds a number where"
                    + " dockerd expects string (json: cannot unmarshal number into Go value of type string)",
                detail: "HostConfig.CapAdd[0]")),
    ]

    static let capabilityAdd = "TaskTemplate.ContainerSpec.CapabilityAdd"

    static let serviceCases: [CheckCase] = [
        .service("no CapabilityAdd", .allow),
        .service("CapabilityAdd null", containerSpec: #""CapabilityAdd":null"#, .allow),
        .service("CapabilityDrop ALL is fine", containerSpec: #""CapabilityDrop":["ALL"]"#, .allow),
        .service(
            "SYS_PTRACE", containerSpec: #""CapabilityAdd":["CAP_SYS_PTRACE"]"#,
            .deny(
                reason: "adding capability CAP_SYS_PTRACE is not allowed",
                detail: #"\#(capabilityAdd)[0]="CAP_SYS_PTRACE""#)),
        .service(
            "lower-case keys and name", containerSpec: #""capabilityadd":["net_admin"]"#,
            .deny(
                reason: "adding capability CAP_NET_ADMIN is not allowed", detail: #"\#(capabilityAdd)[0]="net_admin""#)),
        .service(
            "the long s in the name", containerSpec: "\"CapabilityAdd\":[\"\u{017F}ys_admin\"]",
            .deny(
                reason: "adding capability CAP_SYS_ADMIN is not allowed",
                detail: #"\#(capabilityAdd)[0]="\u{17F}ys_admin""#)),
        .service(
            "ALL", containerSpec: #""CapabilityAdd":["all"]"#,
            .deny(reason: "adding all capabilities is not allowed", detail: #"\#(capabilityAdd)[0]="all""#)),
        .service(
            "an allowed capability", containerSpec: #""CapabilityAdd":["NET_BIND_SERVICE"]"#, settings: allowBind,
            .allow),
        CheckCase(
            "service update", "POST /v1.44/services/web/update?version=3",
            body: PolicyTest.serviceBody(containerSpec: #""CapabilityAdd":["SYS_ADMIN"]"#),
            .deny(
                reason: "adding capability CAP_SYS_ADMIN is not allowed", detail: #"\#(capabilityAdd)[0]="SYS_ADMIN""#)),
        .service(
            "one string is not a list for a service", containerSpec: #""CapabilityAdd":"SYS_ADMIN""#,
            .unreadable(capabilityAdd, "string", "[]string")),
        CheckCase(
            "a ContainerSpec that is a list", "POST /v1.44/services/create",
            body: #"{"TaskTemplate":{"ContainerSpec":[]}}"#,
            .unreadable("TaskTemplate.ContainerSpec", "array", "swarm.ContainerSpec")),
        CheckCase("a service without a ContainerSpec", "POST /v1.44/services/create", body: #"{"Name":"x"}"#, .allow),
        CheckCase(
            "a TaskTemplate of the wrong type", "POST /v1.44/services/create", body: #"{"TaskTemplate":"x"}"#,
            .unreadable("TaskTemplate", "string", "swarm.TaskSpec")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noCapAdd)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.noCapAdd)
    }
}
