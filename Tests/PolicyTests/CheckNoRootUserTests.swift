import DockerAPI
import Policy
import Testing

@Suite("Check no-root-user")
struct CheckNoRootUserTests {
    static func create(_ user: String, image: String = "local/busybox:1") -> String {
        #"{"Image":"\#(image)","User":"\#(user)","HostConfig":{}}"#
    }

    static func root(_ user: String) -> CheckCase.Expected {
        .deny(reason: "running as root is not allowed; set a non-root user (--user UID)", detail: "User=\"\(user)\"")
    }

    static let images = Facts(images: [
        "local/busybox:1": .found(ImageFact(user: "")),
        "app:root": .found(ImageFact(user: "0:0")),
        "app:1000": .found(ImageFact(user: "1000")),
        "node:20": .found(ImageFact(user: "node")),
        "missing:1": .notFound,
    ])

    static let trusting = ProfileSettings(trustedUserNames: ["node"])

    static let cases: [CheckCase] = [
        CheckCase("uid 1000", body: create("1000"), .allow),
        CheckCase("uid and gid", body: create("1000:1000"), .allow),
        CheckCase("uid with a plus sign", body: create("+1000"), .allow),
        CheckCase("the largest uid", body: create("2147483647"), .allow),
        CheckCase("0", body: create("0"), root("0")),
        CheckCase("00", body: create("00"), root("00")),
        CheckCase("+0", body: create("+0"), root("+0")),
        CheckCase("-0", body: create("-0"), root("-0")),
        CheckCase("0:0", body: create("0:0"), root("0:0")),
        CheckCase("0:1000", body: create("0:1000"), root("0:1000")),
        CheckCase("root", body: create("root"), root("root")),
        CheckCase("root:root", body: create("root:root"), root("root:root")),
        CheckCase(
            "an empty user part keeps uid 0", body: create(":1000"),
            .deny(
                reason: "an empty user means root, which is not allowed; set a non-root user (--user UID)",
                detail: "User=\":1000\"")),
        CheckCase(
            "a negative uid", body: create("-1"), .deny(reason: "user id -1 is out of range", detail: "User=\"-1\"")),
        CheckCase(
            "a uid beyond runc's range", body: create("2147483648"),
            .deny(reason: "user id 2147483648 is out of range", detail: "User=\"2147483648\"")),
        CheckCase(
            "a name that may be uid 0", body: create("toor"),
            .deny(
                reason: "user name \"toor\" is resolved inside the image and may be root; use a numeric user id",
                detail: "User=\"toor\"")),
        CheckCase(
            "a number with a space is a name", body: create(" 0"),
            .deny(
                reason: "user name \" 0\" is resolved inside the image and may be root; use a numeric user id",
                detail: "User=\" 0\"")),
        CheckCase(
            "a name with the Kelvin sign is not a trusted ASCII name", body: create("\u{212A}ube"),
            settings: ProfileSettings(trustedUserNames: ["Kube"]),
            .deny(
                reason:
                    "user name \"\\u{212A}ube\" is resolved inside the image and may be root; use a numeric user id",
                detail: "User=\"\\u{212A}ube\"")),
        CheckCase("a trusted name", body: create("node"), settings: trusting, .allow),
        CheckCase("lower-case key", body: #"{"Image":"x","user":"0"}"#, root("0")),
        CheckCase(
            "empty user, image runs as root", body: create(""), facts: images,
            .deny(
                reason: "image local/busybox:1 runs as \"\", and an empty user means root, which is not allowed;"
                    + " set a non-root user (--user UID)",
                detail: "User=\"\", image local/busybox:1 has USER \"\"")),
        CheckCase(
            "no User at all, image runs as 0:0", body: #"{"Image":"app:root"}"#, facts: images,
            .deny(
                reason: "image app:root runs as \"0:0\", and running as root is not allowed;"
                    + " set a non-root user (--user UID)",
                detail: "User=\"\", image app:root has USER \"0:0\"")),
        CheckCase("empty user, image runs as 1000", body: create("", image: "app:1000"), facts: images, .allow),
        CheckCase(
            "empty user, image user trusted", body: create("", image: "node:20"), facts: images, settings: trusting,
            .allow),
        CheckCase(
            "empty user, image user a name", body: create("", image: "node:20"), facts: images,
            .deny(
                reason: "image node:20 runs as \"node\", and user name \"node\" is resolved inside the image and may"
                    + " be root; use a numeric user id",
                detail: "User=\"\", image node:20 has USER \"node\"")),
        CheckCase(
            "empty user, image not looked up", body: create("", image: "other:1"), facts: images,
            .deny(
                reason: "could not determine which user image other:1 runs as", detail: "User=\"\"",
                missing: .image("other:1"))),
        CheckCase(
            "empty user, image not on the daemon", body: create("", image: "missing:1"), facts: images,
            .deny(
                reason: "image missing:1 is not on the daemon, so the user it runs as is unknown;"
                    + " pull it first or set a non-root user (--user UID)",
                detail: "User=\"\"")),
        CheckCase(
            "empty user and no image", body: #"{"User":""}"#,
            .deny(reason: "the request names no image, so the user it runs as is unknown", detail: "User=\"\"")),
        CheckCase(
            "User of the wrong type", body: #"{"Image":"x","User":0}"#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: User holds a number where dockerd"
                    + " expects string (json: cannot unmarshal number into Go value of type string)",
                detail: "User")),
        CheckCase(
            "exec as 0", "POST /v1.41/containers/web/exec", body: #"{"Cmd":["id"],"User":"0"}"#, root("0")),
        CheckCase("exec as 1000", "POST /v1.41/containers/web/exec", body: #"{"Cmd":["id"],"User":"1000"}"#, .allow),
        CheckCase(
            "exec as the container's user, root", "POST /v1.41/containers/web/exec", body: #"{"Cmd":["id"]}"#,
            facts: Facts(containers: ["web": .found(ContainerFact(id: "c1", user: ""))]),
            .deny(
                reason: "container web runs as \"\", and an empty user means root, which is not allowed;"
                    + " set a non-root user (--user UID)",
                detail: "User=\"\", container web has User \"\"")),
        CheckCase(
            "exec as the container's user, 1000", "POST /v1.41/containers/web/exec", body: #"{"User":""}"#,
            facts: Facts(containers: ["web": .found(ContainerFact(id: "c1", user: "1000"))]), .allow),
        CheckCase(
            "exec in a container not looked up", "POST /v1.41/containers/web/exec", body: #"{"User":""}"#,
            .deny(
                reason: "could not determine which user container web runs as", detail: "User=\"\"",
                missing: .container("web"))),
        CheckCase(
            "exec start as root", "POST /v1.41/exec/e1/start", body: #"{"Detach":true}"#,
            facts: Facts(execs: ["e1": .found(ExecFact(containerID: "c1", privileged: false, user: "0:0"))]),
            .deny(
                reason: "running as root is not allowed; set a non-root user (--user UID)",
                detail: "exec \"e1\": ProcessConfig.user=\"0:0\"")),
        CheckCase(
            "exec start as 1000", "POST /v1.41/exec/e1/start", body: nil,
            facts: Facts(execs: ["e1": .found(ExecFact(containerID: "c1", privileged: false, user: "1000"))]), .allow),
        CheckCase(
            "exec start without the record", "POST /v1.41/exec/e1/start", body: nil,
            .deny(
                reason: "could not determine which user exec \"e1\" runs as", detail: "exec \"e1\"",
                missing: .exec("e1"))),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noRootUser)
    }
}
