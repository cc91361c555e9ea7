import DockerAPI
import Policy
import Testing

@Suite("Check drop-all-capabilities")
struct CheckDropAllCapabilitiesTests {
    static let reason = "every capability must be dropped: add --cap-drop ALL"
    static let restrictedReason = reason + " (and --cap-add NET_BIND_SERVICE if the program needs it)"

    static let cases: [CheckCase] = [
        .create("CapDrop ALL", hostConfig: #""CapDrop":["ALL"]"#, .allow),
        .create("any case", hostConfig: #""CapDrop":["all"]"#, .allow),
        .create("among others", hostConfig: #""CapDrop":["NET_RAW","aLL"]"#, .allow),
        .create("a single string (20.10 StrSlice)", hostConfig: #""CapDrop":"ALL""#, .allow),
        .create(
            "with NET_BIND_SERVICE added back", hostConfig: #""CapDrop":["ALL"],"CapAdd":["NET_BIND_SERVICE"]"#,
            .allow),
        .create(
            "no CapDrop", hostConfig: #""Privileged":false"#, .deny(reason: reason, detail: "HostConfig.CapDrop=[]")),
        .create("CapDrop null", hostConfig: #""CapDrop":null"#, .deny(reason: reason, detail: "HostConfig.CapDrop=[]")),
        .create(
            "some capabilities only", hostConfig: #""CapDrop":["NET_RAW","MKNOD"]"#,
            .deny(reason: reason, detail: #"HostConfig.CapDrop=["NET_RAW","MKNOD"]"#)),
        .create(
            "CAP_ALL is an unknown capability, not ALL", hostConfig: #""CapDrop":["CAP_ALL"]"#,
            .deny(reason: reason, detail: #"HostConfig.CapDrop=["CAP_ALL"]"#)),
        .create(
            "the Kelvin sign does not spell ALL", hostConfig: "\"CapDrop\":[\"A\u{212A}L\"]",
            .deny(reason: reason, detail: #"HostConfig.CapDrop=["A\u{212A}L"]"#)),
        .create(
            "the restricted profile names what may be added back", hostConfig: #""CapDrop":[]"#,
            settings: .restricted, .deny(reason: restrictedReason, detail: "HostConfig.CapDrop=[]")),
        CheckCase("top-level alias", body: #"{"Image":"x","CapDrop":["ALL"]}"#, .allow),
        CheckCase("no HostConfig at all", body: #"{"Image":"x"}"#, .deny(reason: reason, detail: "CapDrop=[]")),
        .create(
            "a number in CapDrop", hostConfig: #""CapDrop":[1]"#,
            .unreadable("HostConfig.CapDrop[0]", "number", "string")),
        CheckCase("another endpoint", "POST /v1.41/containers/web/update", body: #"{"Memory":1}"#, .allow),
    ]

    static let drop = "TaskTemplate.ContainerSpec.CapabilityDrop"

    static let serviceCases: [CheckCase] = [
        .service("CapabilityDrop ALL", containerSpec: #""CapabilityDrop":["ALL"]"#, .allow),
        .service("folded key, lower-case value", containerSpec: #""capabilitydrop":["all"]"#, .allow),
        .service("no CapabilityDrop", .deny(reason: reason, detail: "\(drop)=[]")),
        .service(
            "some capabilities only", containerSpec: #""CapabilityDrop":["NET_RAW"]"#,
            .deny(reason: reason, detail: #"\#(drop)=["NET_RAW"]"#)),
        CheckCase(
            "below API 1.41 dockerd drops it", "POST /v1.40/services/create",
            body: PolicyTest.serviceBody(containerSpec: #""CapabilityDrop":["ALL"]"#),
            .deny(
                reason:
                    "a service's CapabilityDrop needs API 1.41 or later, and dockerd drops it below; send the request"
                    + " to /v1.41/ or later",
                detail: "API version 1.40")),
        CheckCase(
            "without a version the daemon's may be older", "POST /services/create",
            body: PolicyTest.serviceBody(containerSpec: #""CapabilityDrop":["ALL"]"#),
            .deny(
                reason:
                    "a service's CapabilityDrop needs API 1.41 or later, and dockerd drops it below; send the request"
                    + " to /v1.41/ or later",
                detail: "API version unversioned")),
        CheckCase(
            "a service without a ContainerSpec", "POST /v1.44/services/create", body: #"{"Name":"x"}"#,
            .deny(reason: reason, detail: "\(drop)=[]")),
        .service(
            "one string is not a list for a service", containerSpec: #""CapabilityDrop":"ALL""#,
            .unreadable(drop, "string", "[]string")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.dropAllCapabilities)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.dropAllCapabilities)
    }
}
