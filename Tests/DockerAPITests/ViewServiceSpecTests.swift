import DockerAPI
import Testing

/// `ServiceSpecView` and the views under it.
@Suite("View: service spec")
struct ViewServiceSpecTests {
    /// The parts of a `docker service create --name web --user 1000 --network web-net -p 8080:80`
    /// body the policy reads (the whole CLI body is in EngineServiceTests).
    static let body =
        #"{"Name":"web","Labels":{},"TaskTemplate":{"ContainerSpec":{"Image":"local/busybox:1","User":"1000","#
        + #""Init":false,"Isolation":"default"},"Networks":[{"Target":"web-net"}],"Runtime":"container"},"#
        + #""EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"#
        + #""PublishMode":"ingress"}]}}"#

    @Test("a service create body")
    func body() throws {
        let view = try ServiceSpecView(JSONTest.parse(Self.body))
        #expect(view.name == .value("web"))
        let template = try #require(view.taskTemplate.value)
        #expect(template.path == "TaskTemplate.")
        #expect(template.runtime == .value("container"))
        #expect(template.pluginSpec == .absent)
        #expect(!template.logDriver.isPresent)
        let spec = try #require(template.containerSpec.value)
        #expect(spec.path == "TaskTemplate.ContainerSpec.")
        #expect(spec.user == .value("1000"))
        #expect(spec.initProcess == .value(false))
        #expect(spec.isolation == .value("default"))
        #expect(!spec.mounts.isPresent)
        let networks = try #require(template.networks.value)
        #expect(networks.first?.target == .value("web-net"))
        #expect(networks.first?.path == "TaskTemplate.Networks[0].")
        let port = try #require(view.endpointSpec.value?.ports.value?.first)
        #expect(port.publishMode == .value("ingress"))
        #expect(port.publishedPort == .value(8080))
        #expect(port.path == "EndpointSpec.Ports[0].")
        #expect(!view.networks.isPresent)
    }

    @Test("the container spec's privilege fields, with folded keys")
    func privileges() throws {
        let view = try ServiceSpecView(
            JSONTest.parse(
                "{\"taskTemplate\":{\"containerspec\":{\"user\":\"0\",\"groups\":[\"0\"],\"capabilityadd\":[\"SYS_ADMIN\"],"
                    + "\"\u{017F}ysctls\":{\"kernel.x\":\"1\"},\"oom\u{017F}coreadj\":-1000,"
                    + "\"privileges\":{\"seccomp\":{\"mode\":\"unconfined\"},\"apparmor\":{\"mode\":\"disabled\"},"
                    + "\"selinuxcontext\":{\"disable\":true,\"type\":\"spc_t\"},\"nonewprivileges\":false},"
                    + "\"mounts\":[{\"source\":\"/etc\",\"target\":\"/e\"}]},"
                    + "\"runtime\":\"plugin\",\"pluginspec\":{\"name\":\"p\"},\"logdriver\":{\"name\":\"syslog\"}},"
                    + "\"networks\":[{\"target\":\"host\",\"driveropts\":{\"a\":\"b\"}}]}"))
        let template = try #require(view.taskTemplate.value)
        let spec = try #require(template.containerSpec.value)
        #expect(spec.user == .value("0"))
        #expect(spec.groups == .value(["0"]))
        #expect(spec.capabilityAdd == .value(["SYS_ADMIN"]))
        #expect(spec.sysctls.value?["kernel.x"] == "1")
        #expect(spec.oomScoreAdj == .value(-1000))
        let privileges = try #require(spec.privileges.value)
        #expect(privileges.path == "TaskTemplate.ContainerSpec.Privileges.")
        #expect(privileges.seccomp.value?.mode == .value("unconfined"))
        #expect(privileges.appArmor.value?.mode == .value("disabled"))
        #expect(privileges.seLinuxContext.value?.disable == .value(true))
        #expect(privileges.seLinuxContext.value?.type == .value("spc_t"))
        #expect(privileges.noNewPrivileges == .value(false))
        #expect(spec.mounts.value?.first?.type == .absent)
        #expect(spec.mounts.value?.first?.source == .value("/etc"))
        #expect(template.runtime == .value("plugin"))
        #expect(template.pluginSpec.value?.count == 1)
        #expect(template.logDriver.value?.name == .value("syslog"))
        #expect(view.networks.value?.first?.target == .value("host"))
        #expect(view.networks.value?.first?.path == "Networks[0].")
    }

    @Test("CapabilityAdd is a []string (no StrSlice), and errors name the field by its Go name")
    func typeErrors() throws {
        let spec = try #require(
            try ServiceSpecView(JSONTest.parse(#"{"TaskTemplate":{"ContainerSpec":{"capabilityadd":"SYS_ADMIN"}}}"#))
                .taskTemplate.value?.containerSpec.value)
        #expect(
            spec.capabilityAdd.error
                == ViewTest.mismatch("TaskTemplate.ContainerSpec.CapabilityAdd", "string", "[]string"))
        #expect(
            try ServiceSpecView(JSONTest.parse(#"{"TaskTemplate":[]}"#)).taskTemplate.error
                == ViewTest.mismatch("TaskTemplate", "array", "swarm.TaskSpec"))
        #expect(
            try ServiceSpecView(JSONTest.parse(#"{"EndpointSpec":{"Ports":[{"PublishedPort":-1}]}}"#))
                .endpointSpec.value?.ports.value?.first?.publishedPort.error
                == ViewTest.mismatch("EndpointSpec.Ports[0].PublishedPort", "number -1", "uint32"))
        #expect(throws: ViewTest.mismatch("", "array", "swarm.ServiceSpec")) {
            try ServiceSpecView(JSONTest.parse("[]"))
        }
    }

    @Test("TaskTemplate.Resources.Limits, as --limit-memory, --limit-cpu and --limit-pids send them")
    func resources() throws {
        let template = try #require(
            try ServiceSpecView(
                JSONTest.parse(
                    #"{"TaskTemplate":{"Resources":{"Limits":{"NanoCPUs":500000000,"MemoryBytes":67108864,"#
                        + #""Pids":100},"Reservations":{}}}}"#)
            ).taskTemplate.value)
        let resources = try #require(template.resources.value)
        #expect(resources.path == "TaskTemplate.Resources.")
        let limits = try #require(resources.limits.value)
        #expect(limits.path == "TaskTemplate.Resources.Limits.")
        #expect(limits.nanoCPUs == .value(500_000_000))
        #expect(limits.memoryBytes == .value(67_108_864))
        #expect(limits.pids == .value(100))
        let folded = try #require(
            try ServiceSpecView(JSONTest.parse(#"{"TaskTemplate":{"resources":{"limits":{"memorybytes":"1"}}}}"#))
                .taskTemplate.value?.resources.value?.limits.value)
        #expect(
            folded.memoryBytes.error
                == ViewTest.mismatch("TaskTemplate.Resources.Limits.MemoryBytes", "string", "int64"))
        #expect(folded.pids == .absent)
        #expect(
            try ServiceSpecView(JSONTest.parse(#"{"TaskTemplate":{"Resources":{"Limits":null}}}"#)).taskTemplate.value?
                .resources.value?.limits.isNull == true)
    }

    @Test("TaskTemplate and ContainerSpec null")
    func nulls() throws {
        #expect(try ServiceSpecView(JSONTest.parse(#"{"TaskTemplate":null}"#)).taskTemplate.isNull)
        #expect(
            try ServiceSpecView(JSONTest.parse(#"{"TaskTemplate":{"ContainerSpec":null}}"#)).taskTemplate.value?
                .containerSpec.isNull == true)
    }
}
