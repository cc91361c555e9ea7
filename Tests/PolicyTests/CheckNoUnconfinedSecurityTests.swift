import DockerAPI
import Policy
import Testing

@Suite("Check no-unconfined-security")
struct CheckNoUnconfinedSecurityTests {
    static func option(_ name: String, _ raw: String, _ expected: CheckCase.Expected) -> CheckCase {
        .create(name, hostConfig: #""SecurityOpt":["no-new-privileges",\#(quotedString(raw))]"#, expected)
    }

    static func deniedOption(_ name: String, _ raw: String, _ reason: String) -> CheckCase {
        option(name, raw, .deny(reason: reason, detail: "HostConfig.SecurityOpt[1]=\(quotedString(raw))"))
    }

    /// `text` in double quotes with `\\` and `"` escaped: a JSON string, and a detail's quoting.
    static func quotedString(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\\" || character == "\"" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    static let cases: [CheckCase] = [
        .create(
            "the CLI's defaults", hostConfig: #""SecurityOpt":null,"MaskedPaths":null,"ReadonlyPaths":null"#, .allow),
        option("no-new-privileges=true", "no-new-privileges=true", .allow),
        option("no-new-privileges:1", "no-new-privileges:1", .allow),
        option("seccomp=builtin", "seccomp=builtin", .allow),
        option("seccomp= (the default)", "seccomp=", .allow),
        option("apparmor=docker-default", "apparmor=docker-default", .allow),
        option("label=level:s0:c100,c200", "label=level:s0:c100,c200", .allow),
        option("label=type:container_t", "label=type:container_t", .allow),
        option("writable-cgroups=false", "writable-cgroups=false", .allow),
        deniedOption("seccomp=unconfined", "seccomp=unconfined", "running without seccomp is not allowed"),
        deniedOption("seccomp:unconfined", "seccomp:unconfined", "running without seccomp is not allowed"),
        deniedOption(
            "an inline seccomp profile", #"seccomp={"defaultAction":"SCMP_ACT_ALLOW"}"#,
            "custom seccomp profiles are not allowed"),
        deniedOption("Unconfined is a custom profile", "seccomp=Unconfined", "custom seccomp profiles are not allowed"),
        deniedOption("apparmor=unconfined", "apparmor=unconfined", "running without AppArmor is not allowed"),
        deniedOption("apparmor:unconfined", "apparmor:unconfined", "running without AppArmor is not allowed"),
        deniedOption("label=disable", "label=disable", "disabling SELinux labels is not allowed"),
        deniedOption("label:disable", "label:disable", "disabling SELinux labels is not allowed"),
        deniedOption("disable", "disable", "disabling SELinux labels is not allowed"),
        deniedOption("label=type:spc_t", "label=type:spc_t", "this SELinux label option is not allowed"),
        deniedOption("label=user:system_u", "label=user:system_u", "this SELinux label option is not allowed"),
        deniedOption(
            "no-new-privileges=false", "no-new-privileges=false", "turning no-new-privileges off is not allowed"),
        deniedOption("no-new-privileges:0", "no-new-privileges:0", "turning no-new-privileges off is not allowed"),
        deniedOption("no-new-privileges=no", "no-new-privileges=no", "dockerd does not accept this security option"),
        deniedOption("writable-cgroups", "writable-cgroups", "writable cgroups are not allowed"),
        deniedOption("writable-cgroups=true", "writable-cgroups=true", "writable cgroups are not allowed"),
        deniedOption("systempaths=unconfined", "systempaths=unconfined", "systempaths=unconfined is not allowed"),
        deniedOption("keys are case-sensitive", "SECCOMP=unconfined", "dockerd does not accept this security option"),
        deniedOption("no separator", "seccomp", "dockerd does not accept this security option"),
        deniedOption(
            "= before : decides the separator", "seccomp:x=unconfined", "dockerd does not accept this security option"),
        .create(
            "MaskedPaths []", hostConfig: #""MaskedPaths":[]"#,
            .deny(
                reason: "changing MaskedPaths is not allowed: it would remove the /proc and /sys protections",
                detail: "HostConfig.MaskedPaths=[]")),
        .create(
            "ReadonlyPaths with an entry", hostConfig: #""readonlypaths":["/proc/sys"]"#,
            .deny(
                reason: "changing ReadonlyPaths is not allowed: it would remove the /proc and /sys protections",
                detail: #"HostConfig.ReadonlyPaths=["/proc/sys"]"#)),
        CheckCase(
            "top-level alias", body: #"{"Image":"x","SecurityOpt":["seccomp=unconfined"]}"#,
            .deny(reason: "running without seccomp is not allowed", detail: #"SecurityOpt[0]="seccomp=unconfined""#)),
        .create(
            "MaskedPaths of the wrong type", hostConfig: #""MaskedPaths":{}"#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: HostConfig.MaskedPaths holds an object"
                    + " where dockerd expects []string (json: cannot unmarshal object into Go value of type []string)",
                detail: "HostConfig.MaskedPaths")),
    ]

    static let privileges = "TaskTemplate.ContainerSpec.Privileges"

    static func privileged(_ name: String, _ members: String, _ expected: CheckCase.Expected) -> CheckCase {
        .service(name, containerSpec: #""Privileges":{"# + members + "}", expected)
    }

    static let serviceCases: [CheckCase] = [
        .service("no privileges", .allow),
        .service("Privileges null", containerSpec: #""Privileges":null"#, .allow),
        privileged(
            "the defaults", #""Seccomp":{"Mode":"default"},"AppArmor":{"Mode":"default"},"NoNewPrivileges":true"#,
            .allow),
        privileged("no-new-privileges false adds nothing", #""NoNewPrivileges":false"#, .allow),
        privileged("empty modes", #""Seccomp":{"Mode":""},"AppArmor":{}"#, .allow),
        privileged(
            "seccomp unconfined", #""Seccomp":{"Mode":"unconfined"}"#,
            .deny(
                reason: "running without seccomp is not allowed", detail: #"\#(privileges).Seccomp.Mode="unconfined""#)),
        privileged(
            "a custom seccomp profile, lower-case keys", #""seccomp":{"mode":"custom","profile":"e30="}"#,
            .deny(reason: "custom seccomp profiles are not allowed", detail: #"\#(privileges).Seccomp.Mode="custom""#)),
        privileged(
            "Unconfined is not a mode dockgate accepts", #""Seccomp":{"Mode":"Unconfined"}"#,
            .deny(
                reason: "Seccomp mode \"Unconfined\" is not allowed; use default",
                detail: #"\#(privileges).Seccomp.Mode="Unconfined""#)),
        privileged(
            "AppArmor disabled", #""AppArmor":{"Mode":"disabled"}"#,
            .deny(
                reason: "running without AppArmor is not allowed", detail: #"\#(privileges).AppArmor.Mode="disabled""#)),
        privileged(
            "AppArmor unconfined is not a mode", #""appArmor":{"Mode":"unconfined"}"#,
            .deny(
                reason: "AppArmor mode \"unconfined\" is not allowed; use default",
                detail: #"\#(privileges).AppArmor.Mode="unconfined""#)),
        privileged(
            "SELinux disabled", #""SELinuxContext":{"Disable":true}"#,
            .deny(
                reason: "disabling SELinux labels is not allowed", detail: "\(privileges).SELinuxContext.Disable=true")),
        privileged("SELinux not disabled", #""SELinuxContext":{"Disable":false,"Level":"s0:c100,c200"}"#, .allow),
        privileged("an allowed SELinux type", #""SELinuxContext":{"Type":"container_t"}"#, .allow),
        privileged(
            "spc_t", #""selinuxcontext":{"type":"spc_t"}"#,
            .deny(
                reason: "this SELinux label option is not allowed",
                detail: #"\#(privileges).SELinuxContext.Type="spc_t""#)),
        privileged(
            "an SELinux user", #""SELinuxContext":{"User":"system_u"}"#,
            .deny(
                reason: "this SELinux label option is not allowed",
                detail: #"\#(privileges).SELinuxContext.User="system_u""#)),
        privileged(
            "an SELinux role", #""SELinuxContext":{"Role":"system_r"}"#,
            .deny(
                reason: "this SELinux label option is not allowed",
                detail: #"\#(privileges).SELinuxContext.Role="system_r""#)),
        privileged(
            "a mode of the wrong type", #""Seccomp":{"Mode":0}"#,
            .unreadable("\(privileges).Seccomp.Mode", "number", "string")),
        privileged(
            "Disable of the wrong type", #""SELinuxContext":{"Disable":"true"}"#,
            .unreadable("\(privileges).SELinuxContext.Disable", "string", "bool")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noUnconfinedSecurity)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.noUnconfinedSecurity)
    }
}
