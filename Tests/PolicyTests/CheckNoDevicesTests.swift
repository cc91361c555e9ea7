import DockerAPI
import Policy
import Testing

@Suite("Check no-devices")
struct CheckNoDevicesTests {
    static let cases: [CheckCase] = [
        .create(
            "the CLI's defaults", hostConfig: #""Devices":[],"DeviceCgroupRules":null,"DeviceRequests":null"#, .allow),
        .create("all empty", hostConfig: #""Devices":null,"DeviceCgroupRules":[],"DeviceRequests":[]"#, .allow),
        .create(
            "a device",
            hostConfig:
                #""Devices":[{"PathOnHost":"/dev/kmsg","PathInContainer":"/dev/kmsg","CgroupPermissions":"rwm"}]"#,
            .deny(
                reason: "host devices are not allowed (/dev/kmsg)",
                detail: #"HostConfig.Devices[0].PathOnHost="/dev/kmsg""#)),
        .create(
            "a device given as null", hostConfig: #""Devices":[null]"#,
            .deny(reason: "host devices are not allowed (\"\")", detail: #"HostConfig.Devices[0].PathOnHost="""#)),
        .create(
            "a device cgroup rule", hostConfig: #""DeviceCgroupRules":["c 1:3 rwm"]"#,
            .deny(
                reason: "device cgroup rules are not allowed", detail: #"HostConfig.DeviceCgroupRules[0]="c 1:3 rwm""#)),
        .create(
            "all GPUs", hostConfig: #""DeviceRequests":[{"Driver":"","Count":-1,"Capabilities":[["gpu"]]}]"#,
            .deny(
                reason: "device requests (GPUs, CDI devices) are not allowed",
                detail: #"HostConfig.DeviceRequests[0].Driver="""#)),
        .create(
            "a CDI device", hostConfig: #""DeviceRequests":[{"Driver":"cdi","DeviceIDs":["vendor.com/class=x"]}]"#,
            .deny(
                reason: "device requests (GPUs, CDI devices) are not allowed",
                detail: #"HostConfig.DeviceRequests[0].Driver="cdi""#)),
        CheckCase(
            "top-level alias", body: #"{"Image":"x","devices":[{"PathOnHost":"/dev/sda"}]}"#,
            .deny(reason: "host devices are not allowed (/dev/sda)", detail: #"Devices[0].PathOnHost="/dev/sda""#)),
        .create(
            "Devices as an object", hostConfig: #""Devices":{"PathOnHost":"/dev/sda"}"#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: HostConfig.Devices holds an object where"
                    + " dockerd expects []container.DeviceMapping (json: cannot unmarshal object into Go value of type"
                    + " []container.DeviceMapping)",
                detail: "HostConfig.Devices")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noDevices)
    }
}
