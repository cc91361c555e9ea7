import DockerAPI
import Policy
import Testing

@Suite("Check allowed-runtime")
struct CheckAllowedRuntimeTests {
    static let cases: [CheckCase] = [
        .create("absent", hostConfig: "", .allow),
        .create("the daemon's default", hostConfig: #""Runtime":"""#, .allow),
        .create("runc", hostConfig: #""Runtime":"runc""#, .allow),
        .create(
            "a containerd shim", hostConfig: #""Runtime":"io.containerd.runsc.v1""#,
            .deny(
                reason: "runtime \"io.containerd.runsc.v1\" is not allowed",
                detail: #"HostConfig.Runtime="io.containerd.runsc.v1""#)),
        .create(
            "RUNC is another name", hostConfig: #""Runtime":"RUNC""#,
            .deny(reason: "runtime \"RUNC\" is not allowed", detail: #"HostConfig.Runtime="RUNC""#)),
        .create(
            "allowed by the profile", hostConfig: #""Runtime":"runsc""#,
            settings: ProfileSettings(allowedRuntimes: ["runc", "runsc"]), .allow),
    ]

    static let serviceCases: [CheckCase] = [
        .service("no runtime", .allow),
        .service("container", taskTemplate: #""Runtime":"container""#, .allow),
        .service("empty", taskTemplate: #""Runtime":"""#, .allow),
        .service(
            "plugin", taskTemplate: #""Runtime":"plugin","PluginSpec":{"Name":"evil","Remote":"evil/plugin"}"#,
            .deny(
                reason: "services that run \"plugin\" tasks are not allowed; run containers",
                detail: #"TaskTemplate.Runtime="plugin""#)),
        .service(
            "Container is another runtime to dockerd", taskTemplate: #""runtime":"Container""#,
            .deny(
                reason: "services that run \"Container\" tasks are not allowed; run containers",
                detail: #"TaskTemplate.Runtime="Container""#)),
        .service(
            "a PluginSpec beside a container", taskTemplate: #""pluginspec":{"name":"evil"}"#,
            .deny(reason: "services that install plugins are not allowed", detail: "TaskTemplate.PluginSpec")),
        .service("PluginSpec null", taskTemplate: #""PluginSpec":null"#, .allow),
        .service(
            "a runtime of the wrong type", taskTemplate: #""Runtime":1"#,
            .unreadable("TaskTemplate.Runtime", "number", "string")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.allowedRuntime)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.allowedRuntime)
    }
}
