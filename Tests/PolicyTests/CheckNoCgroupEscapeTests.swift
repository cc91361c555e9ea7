import DockerAPI
import Policy
import Testing

@Suite("Check no-cgroup-escape")
struct CheckNoCgroupEscapeTests {
    static let cases: [CheckCase] = [
        .create("the CLI's defaults", hostConfig: #""Cgroup":"","CgroupParent":"""#, .allow),
        .create(
            "another container's cgroup", hostConfig: #""Cgroup":"container:web""#,
            .deny(
                reason: "sharing another container's cgroup is not allowed",
                detail: #"HostConfig.Cgroup="container:web""#)),
        .create(
            "a parent cgroup", hostConfig: #""CgroupParent":"/system.slice""#,
            .deny(
                reason: "choosing the parent cgroup is not allowed", detail: #"HostConfig.CgroupParent="/system.slice""#
            )),
        CheckCase(
            "top-level CgroupParent", body: #"{"Image":"x","cgroupparent":"/"}"#,
            .deny(reason: "choosing the parent cgroup is not allowed", detail: #"CgroupParent="/""#)),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noCgroupEscape)
    }
}
