import DockerAPI
import Testing

/// `HostConfigView` and its parts: Go's type rules per field, null versus empty versus absent.
@Suite("View: HostConfig fields")
struct ViewHostConfigTests {
    @Test("MaskedPaths and ReadonlyPaths: absent, null, [] and a list are four different things")
    func maskedPaths() throws {
        #expect(try ViewTest.hostConfig("{}").maskedPaths == .absent)
        #expect(try ViewTest.hostConfig(#"{"MaskedPaths":null}"#).maskedPaths == .null)
        #expect(try ViewTest.hostConfig(#"{"MaskedPaths":[]}"#).maskedPaths == .value([]))
        #expect(try ViewTest.hostConfig(#"{"maskedpaths":["/proc/kcore"]}"#).maskedPaths == .value(["/proc/kcore"]))
        #expect(try ViewTest.hostConfig(#"{"ReadonlyPaths":[]}"#).readonlyPaths == .value([]))
    }

    typealias TypeErrorCase = (hostConfig: String, field: @Sendable (HostConfigView) -> ViewError?, expected: ViewError)

    static let typeErrorCases: [TypeErrorCase] = [
        (
            #"{"Privileged":"true"}"#, { $0.privileged.error },
            ViewTest.mismatch("HostConfig.Privileged", "string", "bool")
        ),
        (#"{"Privileged":1}"#, { $0.privileged.error }, ViewTest.mismatch("HostConfig.Privileged", "number", "bool")),
        (
            #"{"OomScoreAdj":1e3}"#, { $0.oomScoreAdj.error },
            ViewTest.mismatch("HostConfig.OomScoreAdj", "number 1e3", "int")
        ),
        (
            #"{"NetworkMode":["host"]}"#, { $0.networkMode.error },
            ViewTest.mismatch("HostConfig.NetworkMode", "array", "string")
        ),
        (#"{"CapAdd":[1]}"#, { $0.capAdd.error }, ViewTest.mismatch("HostConfig.CapAdd[0]", "number", "string")),
        (#"{"CapAdd":{}}"#, { $0.capAdd.error }, ViewTest.mismatch("HostConfig.CapAdd", "object", "[]string")),
        (#"{"Binds":"/:/h"}"#, { $0.binds.error }, ViewTest.mismatch("HostConfig.Binds", "string", "[]string")),
        (
            #"{"Sysctls":[]}"#, { $0.sysctls.error },
            ViewTest.mismatch("HostConfig.Sysctls", "array", "map[string]string")
        ),
        (#"{"Sysctls":{"a":1}}"#, { $0.sysctls.error }, ViewTest.mismatch("HostConfig.Sysctls.a", "number", "string")),
        (#"{"Mounts":"x"}"#, { $0.mounts.error }, ViewTest.mismatch("HostConfig.Mounts", "string", "[]mount.Mount")),
        (#"{"Mounts":[1]}"#, { $0.mounts.error }, ViewTest.mismatch("HostConfig.Mounts[0]", "number", "mount.Mount")),
        (
            #"{"PidsLimit":1.5}"#, { $0.resources.pidsLimit.error },
            ViewTest.mismatch("HostConfig.PidsLimit", "number 1.5", "int64")
        ),
        (
            #"{"BlkioWeight":-1}"#, { $0.resources.blkioWeight.error },
            ViewTest.mismatch("HostConfig.BlkioWeight", "number -1", "uint16")
        ),
        (
            #"{"LogConfig":"syslog"}"#, { $0.logConfig.error },
            ViewTest.mismatch("HostConfig.LogConfig", "string", "container.LogConfig")
        ),
        (
            #"{"PortBindings":{"80/tcp":{}}}"#, { $0.portBindings.error },
            ViewTest.mismatch("HostConfig.PortBindings.80/tcp", "object", "[]nat.PortBinding")
        ),
    ]

    @Test("a value Go refuses for the field's type is an error naming the field", arguments: typeErrorCases)
    func typeErrors(hostConfig: String, field: @Sendable (HostConfigView) -> ViewError?, expected: ViewError) throws {
        #expect(field(try ViewTest.hostConfig(hostConfig)) == expected)
    }

    @Test("the error reads as a sentence for the docker user")
    func errorWording() {
        let error = ViewTest.mismatch("HostConfig.Privileged", "string", "bool")
        #expect(
            error.description
                == "HostConfig.Privileged holds a string where dockerd expects bool"
                + " (json: cannot unmarshal string into Go value of type bool)")
        #expect(ViewTest.mismatch("Binds", "object", "[]string").description.hasPrefix("Binds holds an object"))
    }

    @Test("null on a bool is no change, null elements are zero values, a StrSlice takes one string")
    func goZeroValues() throws {
        #expect(try ViewTest.hostConfig(#"{"Privileged":null}"#).privileged == .null)
        #expect(try ViewTest.hostConfig(#"{"Binds":[null,"a:/a"]}"#).binds == .value(["", "a:/a"]))
        #expect(try ViewTest.hostConfig(#"{"CapAdd":"SYS_ADMIN"}"#).capAdd == .value(["SYS_ADMIN"]))
        #expect(try ViewTest.hostConfig(#"{"CapDrop":"ALL"}"#).capDrop == .value(["ALL"]))
        #expect(try ViewTest.hostConfig(#"{"Sysctls":{"net.x":null}}"#).sysctls.value?["net.x"] == "")
        let mounts = try #require(try ViewTest.hostConfig(#"{"Mounts":[null]}"#).mounts.value)
        #expect(mounts.count == 1)
        #expect(mounts[0].type == .absent)
    }

    @Test("map keys are compared by bytes: the Kelvin sign is not K")
    func mapKeysByBytes() throws {
        let sysctls = try #require(try ViewTest.hostConfig("{\"Sysctls\":{\"\u{212A}\":\"1\"}}").sysctls.value)
        #expect(sysctls["K"] == nil)
        #expect(sysctls["\u{212A}"] == "1")
        #expect(sysctls.keys.count == 1)
    }

    @Test("Mounts: type, source, bind options and the volume driver's options")
    func mounts() throws {
        let host = try ViewTest.hostConfig(
            #"{"Mounts":[{"Type":"bind","Source":"/srv","Target":"/s","ReadOnly":true,"#
                + #""BindOptions":{"Propagation":"rshared","CreateMountpoint":true}},"#
                + #"{"type":"volume","source":"v","target":"/v","VolumeOptions":{"NoCopy":true,"#
                + #""DriverConfig":{"Name":"local","Options":{"type":"none","o":"bind","device":"/etc"}}}}]}"#)
        let mounts = try #require(host.mounts.value)
        #expect(mounts.count == 2)
        #expect(mounts[0].type == .value("bind"))
        #expect(mounts[0].source == .value("/srv"))
        #expect(mounts[0].readOnly == .value(true))
        #expect(mounts[0].bindOptions.value?.propagation == .value("rshared"))
        #expect(mounts[0].bindOptions.value?.createMountpoint == .value(true))
        #expect(!mounts[0].volumeOptions.isPresent)
        #expect(mounts[1].type == .value("volume"))
        let driver = try #require(mounts[1].volumeOptions.value?.driverConfig.value)
        #expect(driver.name == .value("local"))
        #expect(driver.options.value?.keys == ["type", "o", "device"])
        #expect(driver.options.value?["device"] == "/etc")
        #expect(
            mounts[1].volumeOptions.value?.driverConfig.value?.options.value
                == StringMap([
                    .init(key: "type", value: "none"), .init(key: "o", value: "bind"),
                    .init(key: "device", value: "/etc"),
                ]))
    }

    @Test("devices, device requests, namespaces, security options, runtime, OOM, groups")
    func otherFields() throws {
        let host = try ViewTest.hostConfig(
            #"{"Devices":[{"PathOnHost":"/dev/kmsg","PathInContainer":"/dev/kmsg","CgroupPermissions":"rwm"}],"#
                + #""DeviceCgroupRules":["c 1:3 rwm"],"DeviceRequests":[{"Driver":"nvidia","Count":-1}],"#
                + #""PidMode":"container:db","IpcMode":"host","UTSMode":"host","UsernsMode":"host","#
                + #""CgroupnsMode":"host","Cgroup":"container:x","CgroupParent":"/evil","#
                + #""SecurityOpt":["seccomp=unconfined"],"Runtime":"runsc","OomScoreAdj":-1000,"#
                + #""OomKillDisable":true,"GroupAdd":["0"],"Annotations":{"org.criu.config":"/x"},"#
                + #""VolumesFrom":["donor:ro"],"VolumeDriver":"evil","ReadonlyRootfs":true,"#
                + #""NanoCpus":1000000000,"CpuQuota":50000,"Memory":1048576,"PidsLimit":100,"PublishAllPorts":true}"#)
        #expect(host.devices.value?.first?.pathOnHost == .value("/dev/kmsg"))
        #expect(host.devices.value?.first?.cgroupPermissions == .value("rwm"))
        #expect(host.deviceCgroupRules == .value(["c 1:3 rwm"]))
        #expect(host.deviceRequests.value?.first?.driver == .value("nvidia"))
        #expect(host.deviceRequests.value?.first?.count == .value(-1))
        #expect(host.pidMode == .value("container:db"))
        #expect(host.ipcMode == .value("host"))
        #expect(host.utsMode == .value("host"))
        #expect(host.usernsMode == .value("host"))
        #expect(host.cgroupnsMode == .value("host"))
        #expect(host.cgroup == .value("container:x"))
        #expect(host.cgroupParent == .value("/evil"))
        #expect(host.securityOpt == .value(["seccomp=unconfined"]))
        #expect(host.runtime == .value("runsc"))
        #expect(host.oomScoreAdj == .value(-1000))
        #expect(host.oomKillDisable == .value(true))
        #expect(host.groupAdd == .value(["0"]))
        #expect(host.annotations.value?["org.criu.config"] == "/x")
        #expect(host.volumesFrom == .value(["donor:ro"]))
        #expect(host.volumeDriver == .value("evil"))
        #expect(host.readonlyRootfs == .value(true))
        #expect(host.resources.nanoCpus == .value(1_000_000_000))
        #expect(host.resources.cpuQuota == .value(50000))
        #expect(host.resources.memory == .value(1_048_576))
        #expect(host.resources.pidsLimit == .value(100))
        #expect(host.publishAllPorts == .value(true))
    }
}
