import DockerAPI
import Policy
import Testing

@Suite("Check no-new-privileges")
struct CheckNoNewPrivilegesTests {
    static let reason = "no-new-privileges is required: add --security-opt no-new-privileges"

    static func denied(_ list: String, path: String = "HostConfig.") -> CheckCase.Expected {
        .deny(reason: reason, detail: "\(path)SecurityOpt=[\(list)]")
    }

    static let cases: [CheckCase] = [
        .create("the bare word", hostConfig: #""SecurityOpt":["no-new-privileges"]"#, .allow),
        .create("=true", hostConfig: #""SecurityOpt":["no-new-privileges=true"]"#, .allow),
        .create("the deprecated :true", hostConfig: #""SecurityOpt":["no-new-privileges:true"]"#, .allow),
        .create("=1, as Go's ParseBool reads it", hostConfig: #""SecurityOpt":["no-new-privileges=1"]"#, .allow),
        .create("=True", hostConfig: #""SecurityOpt":["no-new-privileges=True"]"#, .allow),
        .create(
            "beside other options", hostConfig: #""SecurityOpt":["seccomp=builtin","no-new-privileges"]"#, .allow),
        .create("no SecurityOpt", hostConfig: #""Privileged":false"#, denied("")),
        .create("SecurityOpt null", hostConfig: #""SecurityOpt":null"#, denied("")),
        .create(
            "=false", hostConfig: #""SecurityOpt":["no-new-privileges=false"]"#,
            denied(#""no-new-privileges=false""#)),
        .create(
            "the last entry decides", hostConfig: #""SecurityOpt":["no-new-privileges","no-new-privileges=false"]"#,
            denied(#""no-new-privileges","no-new-privileges=false""#)),
        .create(
            "true after false", hostConfig: #""SecurityOpt":["no-new-privileges=false","no-new-privileges:true"]"#,
            .allow),
        .create(
            "=yes is not a Go bool", hostConfig: #""SecurityOpt":["no-new-privileges=yes"]"#,
            denied(#""no-new-privileges=yes""#)),
        .create(
            "keys are case-sensitive", hostConfig: #""SecurityOpt":["No-New-Privileges"]"#,
            denied(#""No-New-Privileges""#)),
        .create(
            "=TRUE with a trailing space", hostConfig: #""SecurityOpt":["no-new-privileges=true "]"#,
            denied(#""no-new-privileges=true ""#)),
        CheckCase(
            "top-level alias", body: #"{"Image":"x","SecurityOpt":["no-new-privileges"]}"#, .allow),
        .create(
            "a string where dockerd wants a list", hostConfig: #""SecurityOpt":"no-new-privileges""#,
            .unreadable("HostConfig.SecurityOpt", "string", "[]string")),
        CheckCase(
            "exec create is not a container", "POST /v1.41/containers/web/exec", body: #"{"Cmd":["id"]}"#, .allow),
    ]

    static let privileges = "TaskTemplate.ContainerSpec.Privileges."
    static let serviceReason = "no-new-privileges is required: set the service's Privileges.NoNewPrivileges to true"
    static let versionReason =
        "a service's NoNewPrivileges needs API 1.44 or later, and dockerd drops it below; send the request to /v1.44/"
        + " or later"

    static let serviceCases: [CheckCase] = [
        .service("NoNewPrivileges", containerSpec: #""Privileges":{"NoNewPrivileges":true}"#, .allow),
        .service("folded keys", containerSpec: #""privileges":{"nonewprivileges":true}"#, .allow),
        .service(
            "false", containerSpec: #""Privileges":{"NoNewPrivileges":false}"#,
            .deny(reason: serviceReason, detail: "\(privileges)NoNewPrivileges=false")),
        .service(
            "no Privileges", .deny(reason: serviceReason, detail: "\(privileges)NoNewPrivileges=false")),
        .service(
            "Privileges null", containerSpec: #""Privileges":null"#,
            .deny(reason: serviceReason, detail: "\(privileges)NoNewPrivileges=false")),
        CheckCase(
            "API 1.43 drops it", "POST /v1.43/services/create",
            body: PolicyTest.serviceBody(containerSpec: #""Privileges":{"NoNewPrivileges":true}"#),
            .deny(reason: versionReason, detail: "API version 1.43")),
        CheckCase(
            "a service update at 1.44", "POST /v1.44/services/web/update?version=4",
            body: PolicyTest.serviceBody(containerSpec: #""Privileges":{"NoNewPrivileges":true}"#), .allow),
        .service(
            "a number is not a bool", containerSpec: #""Privileges":{"NoNewPrivileges":1}"#,
            .unreadable("\(privileges)NoNewPrivileges", "number", "bool")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noNewPrivileges)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.noNewPrivileges)
    }
}
