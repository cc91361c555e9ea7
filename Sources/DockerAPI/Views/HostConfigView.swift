/// `container.HostConfig` as dockerd will apply it: inside `"HostConfig"` of a create body,
/// or — on daemons up to v26 — at the top level of it (`ContainerCreateView` decides which).
///
/// Read-only and lazy: each accessor decodes its field when asked, with Go's rules for the
/// field's type, and keeps absent, `null`, value and invalid apart (`Field`). Namespace modes
/// are returned exactly as sent: dockerd compares them byte for byte (`HOST` is not `host`).
public struct HostConfigView: Sendable {
    let reader: FieldReader

    /// `object` holds the fields; `path` is where (`"HostConfig."`, or `""` for top-level aliases).
    init(_ object: JSONObject, path: String) {
        self.reader = FieldReader(object, path: path)
    }

    /// Where the fields sit in the body: `"HostConfig."`, or `""` for the top-level aliases.
    public var path: String { reader.path }

    /// The embedded `Resources` fields (memory, CPU, pids, devices, cgroup parent, OOM).
    public var resources: ResourcesView { ResourcesView(reader) }

    // Privilege and namespaces.
    public var privileged: Field<Bool> { reader.bool("Privileged") }
    /// `NetworkMode`: `""`, `default`, `bridge`, `none`, `host`, `container:<ref>`, or a network.
    public var networkMode: Field<String> { reader.string("NetworkMode") }
    /// `PidMode`: `""`, `host`, `container:<ref>`.
    public var pidMode: Field<String> { reader.string("PidMode") }
    /// `IpcMode`: `""`, `none`, `private`, `shareable`, `host`, `container:<ref>`.
    public var ipcMode: Field<String> { reader.string("IpcMode") }
    public var utsMode: Field<String> { reader.string("UTSMode") }
    public var usernsMode: Field<String> { reader.string("UsernsMode") }
    public var cgroupnsMode: Field<String> { reader.string("CgroupnsMode") }
    /// `Cgroup`: `""` or `container:<ref>` (share another container's cgroup).
    public var cgroup: Field<String> { reader.string("Cgroup") }
    public var cgroupParent: Field<String> { resources.cgroupParent }

    // Capabilities, devices, security options.
    /// `CapAdd` (a `StrSlice` on 20.10: one string is a list of one).
    public var capAdd: Field<[String]> { reader.stringOrStrings("CapAdd") }
    public var capDrop: Field<[String]> { reader.stringOrStrings("CapDrop") }
    /// `Capabilities`: Docker 19.03 (API 1.40) only, a list that replaced the default set;
    /// 20.10 and later ignore it.
    public var capabilities: Field<[String]> { reader.strings("Capabilities") }
    public var devices: Field<[DeviceMappingView]> { resources.devices }
    public var deviceCgroupRules: Field<[String]> { resources.deviceCgroupRules }
    public var deviceRequests: Field<[DeviceRequestView]> { resources.deviceRequests }
    public var securityOpt: Field<[String]> { reader.strings("SecurityOpt") }
    /// `MaskedPaths`: `null` keeps dockerd's defaults; any list, `[]` included, replaces them.
    public var maskedPaths: Field<[String]> { reader.strings("MaskedPaths") }
    /// `ReadonlyPaths`: as `MaskedPaths`.
    public var readonlyPaths: Field<[String]> { reader.strings("ReadonlyPaths") }
    public var sysctls: Field<StringMap> { reader.stringMap("Sysctls") }
    public var runtime: Field<String> { reader.string("Runtime") }
    /// `Annotations` (API 1.43): passed unchanged to the OCI runtime.
    public var annotations: Field<StringMap> { reader.stringMap("Annotations") }
    public var oomScoreAdj: Field<Int> { reader.integer("OomScoreAdj", as: Int.self) }
    public var oomKillDisable: Field<Bool> { resources.oomKillDisable }
    public var groupAdd: Field<[String]> { reader.strings("GroupAdd") }
    public var readonlyRootfs: Field<Bool> { reader.bool("ReadonlyRootfs") }
    public var isolation: Field<String> { reader.string("Isolation") }
    /// `Init` (*bool): run docker-init as PID 1.
    public var initProcess: Field<Bool> { reader.bool("Init") }

    // Storage.
    /// `Binds`: `src:dst[:opts]`; an absolute `src` is a host path, another a volume name.
    public var binds: Field<[String]> { reader.strings("Binds") }
    public var mounts: Field<[MountView]> { reader.structures("Mounts", goType: "mount.Mount", MountView.init) }
    /// `VolumesFrom`: `<container>[:ro|rw]`.
    public var volumesFrom: Field<[String]> { reader.strings("VolumesFrom") }
    /// `VolumeDriver`: the driver for named and anonymous volumes of this container.
    public var volumeDriver: Field<String> { reader.string("VolumeDriver") }
    public var tmpfs: Field<StringMap> { reader.stringMap("Tmpfs") }
    public var storageOpt: Field<StringMap> { reader.stringMap("StorageOpt") }
    public var shmSize: Field<Int64> { reader.integer("ShmSize", as: Int64.self) }

    // Logging, restart, network extras.
    public var logConfig: Field<LogConfigView> {
        reader.structure("LogConfig", goType: "container.LogConfig", LogConfigView.init)
    }
    public var restartPolicy: Field<RestartPolicyView> {
        reader.structure("RestartPolicy", goType: "container.RestartPolicy", RestartPolicyView.init)
    }
    public var autoRemove: Field<Bool> { reader.bool("AutoRemove") }
    public var portBindings: Field<[PortMapping]> { reader.read("PortBindings", PortMapping.decodeMap) }
    public var publishAllPorts: Field<Bool> { reader.bool("PublishAllPorts") }
    public var extraHosts: Field<[String]> { reader.strings("ExtraHosts") }
    public var links: Field<[String]> { reader.strings("Links") }
}
