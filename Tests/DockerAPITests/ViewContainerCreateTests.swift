import DockerAPI
import Testing

/// `ContainerCreateView`: where the HostConfig comes from (docker-api-surface.md §2.2) and the
/// Config fields at the top level.
@Suite("View: container create")
struct ViewContainerCreateTests {
    @Test("the docker 20.10 CLI body: HostConfig inside, every field read as dockerd will")
    func cliBody() throws {
        let view = try ViewTest.create(JSONDockerRunBodyTests.createBody)
        #expect(view.hostConfigSource == .inner(key: "HostConfig"))
        #expect(view.config.image == .value("local/busybox:1"))
        #expect(view.config.user == .value(""))
        #expect(view.config.cmd == .value(["sleep", "1000"]))
        #expect(view.config.entrypoint == .null)
        #expect(view.config.env == .value(["FOO=bar"]))
        #expect(view.config.labels == .value(StringMap([])))
        #expect(view.config.volumes == .value([]))
        #expect(view.config.exposedPorts == .value(["80/tcp"]))
        let host = view.hostConfig
        #expect(host.path == "HostConfig.")
        #expect(host.privileged == .value(false))
        #expect(host.networkMode == .value("default"))
        #expect(host.binds == .value(["data:/data"]))
        #expect(host.capAdd == .null)
        #expect(host.maskedPaths == .null)
        #expect(host.readonlyPaths == .null)
        #expect(host.mounts.isPresent == false)
        #expect(host.devices.value?.isEmpty == true)
        #expect(host.deviceRequests.isNull)
        #expect(host.oomScoreAdj == .value(0))
        #expect(host.oomKillDisable == .value(false))
        #expect(host.resources.pidsLimit == .null)
        #expect(host.resources.memory == .value(0))
        #expect(host.logConfig.value?.type == .value(""))
        #expect(host.restartPolicy.value?.name == .value("unless-stopped"))
        let ports = try #require(host.portBindings.value)
        #expect(ports.map(\.port) == ["80/tcp"])
        #expect(ports.first?.bindings.first?.hostPort == .value("8080"))
        #expect(ports.first?.bindings.first?.hostIP == .value(""))
        #expect(host.annotations == .absent)
        #expect(view.networkingConfig.value?.endpointsConfig.value?.isEmpty == true)
    }

    @Test("top-level HostConfig fields are the HostConfig when there is no inner one")
    func topLevelAliases() throws {
        let view = try ViewTest.create(
            #"{"Image":"x","privileged":true,"binds":["/:/host"],"NetworkMode":"host","PidMode":"host"}"#)
        #expect(view.hostConfigSource == .topLevel(keys: ["privileged", "binds", "NetworkMode", "PidMode"]))
        #expect(view.hostConfig.path == "")
        #expect(view.hostConfig.privileged == .value(true))
        #expect(view.hostConfig.binds == .value(["/:/host"]))
        #expect(view.hostConfig.networkMode == .value("host"))
        #expect(view.hostConfig.pidMode == .value("host"))
        #expect(view.config.image == .value("x"))
    }

    @Test("\"HostConfig\": null leaves the top-level fields in charge, as Go's nil InnerHostConfig does")
    func nullInner() throws {
        let view = try ViewTest.create(#"{"Privileged":true,"HostConfig":null}"#)
        #expect(view.hostConfigSource == .topLevel(keys: ["Privileged"]))
        #expect(view.hostConfig.privileged == .value(true))
    }

    @Test("K and long-s folds reach top-level aliases too")
    func foldedAliases() throws {
        let view = try ViewTest.create("{\"Bind\u{017F}\":[\"/etc:/h\"],\"Networ\u{212A}Mode\":\"host\"}")
        #expect(view.hostConfigSource == .topLevel(keys: ["Bind\u{017F}", "Networ\u{212A}Mode"]))
        #expect(view.hostConfig.binds == .value(["/etc:/h"]))
        #expect(view.hostConfig.networkMode == .value("host"))
    }

    @Test("an inner HostConfig under any key case is the HostConfig")
    func innerAnyCase() throws {
        let view = try ViewTest.create(#"{"hostconfig":{"PRIVILEGED":true}}"#)
        #expect(view.hostConfigSource == .inner(key: "hostconfig"))
        #expect(view.hostConfig.privileged == .value(true))
    }

    @Test("no HostConfig anywhere: every field absent")
    func noHostConfig() throws {
        let view = try ViewTest.create(#"{"Image":"x","Cpuset":"0-1","Labels":{"a":"b"}}"#)
        #expect(view.hostConfigSource == .none)
        #expect(view.hostConfig.privileged == .absent)
        #expect(view.hostConfig.binds == .absent)
    }

    @Test(
        "HostConfig fields in both places are refused",
        arguments: [
            (#"{"Privileged":true,"HostConfig":{}}"#, ["Privileged"]),
            (#"{"HostConfig":{"Privileged":false},"capadd":["ALL"],"Memory":1}"#, ["capadd", "Memory"]),
            (#"{"VolumeDriver":"evil","HostConfig":{"Binds":["v:/v"]}}"#, ["VolumeDriver"]),
        ])
    func ambiguous(body: String, keys: [String]) throws {
        let error = try #require(try ViewTest.createError(body))
        #expect(error == ViewError(path: "", kind: .ambiguousHostConfig(topLevelKeys: keys)))
        #expect(error.description.hasPrefix("the body sets HostConfig fields both inside \"HostConfig\""))
    }

    @Test("the wrapper's own Cpuset is not a HostConfig alias")
    func cpusetIsNotAnAlias() throws {
        let view = try ViewTest.create(#"{"Cpuset":"0","HostConfig":{"CpusetCpus":""}}"#)
        #expect(view.hostConfigSource == .inner(key: "HostConfig"))
    }

    @Test(
        "bodies dockerd cannot decode into the wrapper",
        arguments: [
            ("[]", ViewTest.mismatch("", "array", "runconfig.ContainerConfigWrapper")),
            ("null", ViewTest.mismatch("", "null", "runconfig.ContainerConfigWrapper")),
            (#""x""#, ViewTest.mismatch("", "string", "runconfig.ContainerConfigWrapper")),
            (#"{"HostConfig":"x"}"#, ViewTest.mismatch("HostConfig", "string", "container.HostConfig")),
            (#"{"HostConfig":[]}"#, ViewTest.mismatch("HostConfig", "array", "container.HostConfig")),
        ])
    func undecodable(body: String, expected: ViewError) throws {
        #expect(try ViewTest.createError(body) == expected)
    }

    @Test("NetworkingConfig: endpoint keys as sent, null settings kept apart")
    func networking() throws {
        let view = try ViewTest.create(
            #"{"NetworkingConfig":{"EndpointsConfig":{"web":{"Aliases":["a"],"DriverOpts":{"k":"v"}},"host":null}}}"#)
        let entries = try #require(view.networkingConfig.value?.endpointsConfig.value)
        #expect(entries.map(\.network) == ["web", "host"])
        #expect(entries[0].settings?.aliases == .value(["a"]))
        #expect(entries[0].settings?.driverOpts.value?["k"] == "v")
        #expect(entries[1].settings == nil)
        let bad = try ViewTest.create(#"{"NetworkingConfig":{"EndpointsConfig":[]}}"#)
        #expect(
            bad.networkingConfig.value?.endpointsConfig.error
                == ViewTest.mismatch(
                    "NetworkingConfig.EndpointsConfig", "array", "map[string]*network.EndpointSettings"))
    }

    @Test("no two field names of a create body fold together, so each member reaches one field")
    func namesAreDistinctUnderFolding() {
        let names = HostConfigFieldNames.all + HostConfigFieldNames.otherCreateFields
        #expect(Set(names.map(GoKey.fold)).count == names.count)
        for name in HostConfigFieldNames.otherCreateFields {
            #expect(!HostConfigFieldNames.isHostConfigField(name), "\(name)")
        }
    }
}
