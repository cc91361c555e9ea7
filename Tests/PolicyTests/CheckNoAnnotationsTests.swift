import DockerAPI
import Policy
import Testing

@Suite("Check no-annotations")
struct CheckNoAnnotationsTests {
    static let cases: [CheckCase] = [
        .create("absent", hostConfig: "", .allow),
        .create("null", hostConfig: #""Annotations":null"#, .allow),
        .create("empty", hostConfig: #""Annotations":{}"#, .allow),
        .create(
            "a systemd property", hostConfig: #""Annotations":{"org.systemd.property.ExecStartPre":"/x"}"#,
            .deny(
                reason: "OCI annotations are not allowed",
                detail: #"HostConfig.Annotations.org.systemd.property.ExecStartPre="/x""#)),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noAnnotations)
    }
}
