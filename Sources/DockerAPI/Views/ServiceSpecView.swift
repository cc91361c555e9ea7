/// The body of `POST /services/create` and `POST /services/{id}/update` (`swarm.ServiceSpec`;
/// master decodes it into `serviceWithLegacy`, the same spec plus the deprecated top-level
/// `Networks`).
///
/// A service's tasks are containers the swarm creates on every node it schedules them on,
/// with a HostConfig the executor builds from `TaskTemplate` (docker-api-surface.md §3.10):
/// `ContainerSpec` for the container, `Networks` for its networks, `LogDriver`, and
/// `Runtime`, which picks a plugin instead of a container. dockerd drops some fields for old
/// API versions (`CapabilityAdd` below 1.41, `Privileges.Seccomp`/`AppArmor` below 1.44);
/// the view reads them all, whatever the version.
public struct ServiceSpecView: Sendable {
    let reader: FieldReader

    /// Throws for a body that is not a JSON object.
    public init(_ body: JSONValue) throws(ViewError) {
        reader = try FieldReader.body(body, goType: "swarm.ServiceSpec")
    }

    public var name: Field<String> { reader.string("Name") }
    public var labels: Field<StringMap> { reader.stringMap("Labels") }
    /// `TaskTemplate` (a struct, not a pointer: `null` leaves it empty).
    public var taskTemplate: Field<TaskSpecView> {
        reader.structure("TaskTemplate", goType: "swarm.TaskSpec", TaskSpecView.init)
    }
    /// The deprecated top-level `Networks`: dockerd honours it below API 1.44 when
    /// `TaskTemplate.Networks` is empty (20.10 always merges it in).
    public var networks: Field<[NetworkAttachmentView]> {
        reader.structures("Networks", goType: "swarm.NetworkAttachmentConfig", NetworkAttachmentView.init)
    }
    public var endpointSpec: Field<EndpointSpecView> {
        reader.structure("EndpointSpec", goType: "swarm.EndpointSpec", EndpointSpecView.init)
    }
}

/// `swarm.TaskSpec`: what each task of a service runs.
public struct TaskSpecView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// Where the fields sit in the body (`"TaskTemplate."`).
    public var path: String { reader.path }

    public var containerSpec: Field<ContainerSpecView> {
        reader.structure("ContainerSpec", goType: "swarm.ContainerSpec", ContainerSpecView.init)
    }
    /// `PluginSpec`: the plugin a `plugin` runtime installs and runs on every node.
    public var pluginSpec: Field<JSONObject> { reader.opaqueStructure("PluginSpec", goType: "runtime.PluginSpec") }
    public var networks: Field<[NetworkAttachmentView]> {
        reader.structures("Networks", goType: "swarm.NetworkAttachmentConfig", NetworkAttachmentView.init)
    }
    /// `LogDriver`: `Name` and `Options`, as a container's `LogConfig`.
    public var logDriver: Field<DriverView> { reader.structure("LogDriver", goType: "swarm.Driver", DriverView.init) }
    /// `Resources`: the limits (and reservations) of each task.
    public var resources: Field<ResourceRequirementsView> {
        reader.structure("Resources", goType: "swarm.ResourceRequirements", ResourceRequirementsView.init)
    }
    /// `Runtime`: `""` or `container` (compared exactly) for a container, `plugin` for a plugin.
    public var runtime: Field<String> { reader.string("Runtime") }
}

/// `swarm.NetworkAttachmentConfig`: one network a service's tasks join.
public struct NetworkAttachmentView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// Where the fields sit in the body (`"TaskTemplate.Networks[0]."`).
    public var path: String { reader.path }

    /// `Target`: a network name, ID or unique ID prefix (swarm or local); `host` is the
    /// host's network namespace.
    public var target: Field<String> { reader.string("Target") }
    public var aliases: Field<[String]> { reader.strings("Aliases") }
    /// `DriverOpts`: the endpoint's driver options, as `EndpointSettings.DriverOpts`.
    public var driverOpts: Field<StringMap> { reader.stringMap("DriverOpts") }
}

/// `swarm.EndpointSpec`: how a service is reached.
public struct EndpointSpecView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var mode: Field<String> { reader.string("Mode") }
    public var ports: Field<[PortConfigView]> {
        reader.structures("Ports", goType: "swarm.PortConfig", PortConfigView.init)
    }
}

/// `swarm.PortConfig`: one published port.
public struct PortConfigView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// Where the fields sit in the body (`"EndpointSpec.Ports[0]."`).
    public var path: String { reader.path }

    public var targetPort: Field<UInt32> { reader.integer("TargetPort", as: UInt32.self) }
    public var publishedPort: Field<UInt32> { reader.integer("PublishedPort", as: UInt32.self) }
    /// `PublishMode`: `ingress` (the routing mesh) or `host`; dockerd upper-cases it with Go's
    /// `strings.ToUpper` before looking it up, and anything unknown is `ingress`.
    public var publishMode: Field<String> { reader.string("PublishMode") }
}
