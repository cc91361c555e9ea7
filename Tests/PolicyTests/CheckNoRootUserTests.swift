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

    static let pinned = "local/busybox:1@sha256:" + String(repeating: "ab", count: 32)
    static let imageID = "sha256:" + String(repeating: "cd", count: 32)

    /// A service create whose ContainerSpec has exactly these members.
    static func service(_ name: String, _ containerSpec: String, facts: Facts = Facts(), _ expected: CheckCase.Expected)
        -> CheckCase
    {
        CheckCase(
            name, "POST /v1.44/services/create",
            body: #"{"Name":"web","TaskTemplate":{"ContainerSpec":{"# + containerSpec + "}}}",
            facts: facts, expected)
    }

    static func serviceRoot(_ user: String) -> CheckCase.Expected {
        .deny(
            reason: "running as root is not allowed; set a non-root user (--user UID)",
            detail: "TaskTemplate.ContainerSpec.User=\"\(user)\"")
    }

    static let byTag = CheckCase.Expected.deny(
        reason: "the service runs image local/busybox:1 by tag with no user, and each node pulls that tag again, so"
            + " the user it runs as cannot be checked; set a non-root user (--user UID) or pin the image by digest",
        detail: "TaskTemplate.ContainerSpec.User=\"\"")

    static let serviceCases: [CheckCase] = [
        .service("uid 1000", .allow),
        .service("uid 0", user: "0", serviceRoot("0")),
        .service("0:0", user: "0:0", serviceRoot("0:0")),
        service("lower-case keys, root", #""image":"x","user":"root""#, serviceRoot("root")),
        service(
            "an untrusted name", #""Image":"x","User":"toor""#,
            .deny(
                reason: "user name \"toor\" is resolved inside the image and may be root; use a numeric user id",
                detail: #"TaskTemplate.ContainerSpec.User="toor""#)),
        service("an empty user and a tag", #""Image":"local/busybox:1","User":"""#, byTag),
        service("no user and a tag", #""Image":"local/busybox:1""#, byTag),
        service(
            "no user and a pinned image not looked up", #""Image":"\#(pinned)""#,
            .deny(
                reason: "could not determine which user image \(pinned) runs as",
                detail: "TaskTemplate.ContainerSpec.User=\"\"", missing: .image(pinned))),
        service(
            "no user and a pinned image that runs as 1000", #""Image":"\#(pinned)""#,
            facts: Facts(images: [pinned: .found(ImageFact(user: "1000"))]), .allow),
        service(
            "no user and a pinned image that runs as root", #""Image":"\#(pinned)""#,
            facts: Facts(images: [pinned: .found(ImageFact(user: ""))]),
            .deny(
                reason: "image \(pinned) runs as \"\", and an empty user means root, which is not allowed;"
                    + " set a non-root user (--user UID)",
                detail: "TaskTemplate.ContainerSpec.User=\"\", image \(pinned) has USER \"\"")),
        service(
            "no user and a pinned image this daemon lacks", #""Image":"\#(pinned)""#,
            facts: Facts(images: [pinned: .notFound]),
            .deny(
                reason: "image \(pinned) is not on the daemon, so the user it runs as is unknown;"
                    + " pull it first or set a non-root user (--user UID)",
                detail: "TaskTemplate.ContainerSpec.User=\"\"")),
        service(
            "no user and an image ID", #""Image":"\#(imageID)""#,
            facts: Facts(images: [imageID: .found(ImageFact(user: "1000"))]), .allow),
        service(
            "an upper-case digest is a tag to dockgate", #""Image":"x@sha256:\#(String(repeating: "AB", count: 32))""#,
            .deny(
                reason: "the service runs image x@sha256:\(String(repeating: "AB", count: 32)) by tag with no user,"
                    + " and each node pulls that tag again, so the user it runs as cannot be checked; set a non-root"
                    + " user (--user UID) or pin the image by digest",
                detail: "TaskTemplate.ContainerSpec.User=\"\"")),
        service(
            "no user and no image", #""Env":["A=1"]"#,
            .deny(
                reason: "the request names no image, so the user it runs as is unknown",
                detail: "TaskTemplate.ContainerSpec.User=\"\"")),
        service(
            "a user of the wrong type", #""Image":"x","User":1000"#,
            .unreadable("TaskTemplate.ContainerSpec.User", "number", "string")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noRootUser)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.noRootUser)
    }
}
