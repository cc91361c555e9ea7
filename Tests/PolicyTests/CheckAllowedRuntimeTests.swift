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

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.allowedRuntime)
    }
}
