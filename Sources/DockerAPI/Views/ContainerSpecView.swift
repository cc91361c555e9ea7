/// `swarm.ContainerSpec`: the container each task of a service runs, which the swarm
/// executor turns into a create body on the node (`daemon/cluster/executor/container`):
/// `User` and `Groups` become `Config.User` and `HostConfig.GroupAdd`, `CapabilityAdd` is
/// `CapAdd`, `Privileges` become `SecurityOpt` entries, `Mounts` are `HostConfig.Mounts`.
///
/// Unlike a container's, a service's mount `Type` and bind `Propagation` are upper-cased by Go's
/// `strings.ToUpper` and looked up in swarmkit's enums, where `""` is `BIND`.
public struct ContainerSpecView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// Where the fields sit in the body (`"TaskTemplate.ContainerSpec."`).
    public var path: String { reader.path }

    /// `Image`: as `Config.Image`; the CLI pins it by digest unless told not to.
    public var image: Field<String> { reader.string("Image") }
    /// `Labels`: the labels of each task's container.
    public var labels: Field<StringMap> { reader.stringMap("Labels") }
    /// `User`: as `Config.User`; `""` means the image's `USER`.
    public var user: Field<String> { reader.string("User") }
    /// `Groups`: supplementary groups, as `HostConfig.GroupAdd`.
    public var groups: Field<[String]> { reader.strings("Groups") }
    public var privileges: Field<PrivilegesView> {
        reader.structure("Privileges", goType: "swarm.Privileges", PrivilegesView.init)
    }
    public var mounts: Field<[MountView]> { reader.structures("Mounts", goType: "mount.Mount", MountView.init) }
    /// `CapabilityAdd` (API 1.41, `[]string`): as `HostConfig.CapAdd`.
    public var capabilityAdd: Field<[String]> { reader.strings("CapabilityAdd") }
    public var capabilityDrop: Field<[String]> { reader.strings("CapabilityDrop") }
    /// `Sysctls` (API 1.40): as `HostConfig.Sysctls`.
    public var sysctls: Field<StringMap> { reader.stringMap("Sysctls") }
    /// `OomScoreAdj` (API 1.46, int64): as `HostConfig.OomScoreAdj`.
    public var oomScoreAdj: Field<Int64> { reader.integer("OomScoreAdj", as: Int64.self) }
    public var initProcess: Field<Bool> { reader.bool("Init") }
    public var isolation: Field<String> { reader.string("Isolation") }
    public var readOnly: Field<Bool> { reader.bool("ReadOnly") }
    public var env: Field<[String]> { reader.strings("Env") }
    /// `Secrets`: the swarm secrets each task gets as files.
    public var secrets: Field<[SwarmReferenceView]> {
        reader.structures("Secrets", goType: "swarm.SecretReference") { SwarmReferenceView($0, kind: "Secret") }
    }
    /// `Configs`: the swarm configs each task gets as files.
    public var configs: Field<[SwarmReferenceView]> {
        reader.structures("Configs", goType: "swarm.ConfigReference") { SwarmReferenceView($0, kind: "Config") }
    }
}

/// `swarm.SecretReference` or `swarm.ConfigReference`: which secret or config, by `…ID` and
/// `…Name`. The swarm resolves the ID; the CLI sends both.
public struct SwarmReferenceView: Sendable {
    let reader: FieldReader
    let kind: String

    init(_ reader: FieldReader, kind: String) {
        self.reader = reader
        self.kind = kind
    }

    /// `SecretID` or `ConfigID`.
    public var id: Field<String> { reader.string(kind + "ID") }
    /// `SecretName` or `ConfigName`.
    public var name: Field<String> { reader.string(kind + "Name") }
}

/// `swarm.Privileges`: the security options of a service's containers.
public struct PrivilegesView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// Where the fields sit in the body (`"TaskTemplate.ContainerSpec.Privileges."`).
    public var path: String { reader.path }

    /// `Seccomp` (API 1.44): `Mode` `default`, `unconfined` or `custom` (with `Profile`).
    public var seccomp: Field<ModeView> { reader.structure("Seccomp", goType: "swarm.SeccompOpts", ModeView.init) }
    /// `AppArmor` (API 1.44): `Mode` `default` or `disabled`.
    public var appArmor: Field<ModeView> {
        reader.structure("AppArmor", goType: "swarm.AppArmorOpts", ModeView.init)
    }
    public var seLinuxContext: Field<SELinuxContextView> {
        reader.structure("SELinuxContext", goType: "swarm.SELinuxContext", SELinuxContextView.init)
    }
    /// `NoNewPrivileges` (API 1.44): true adds `no-new-privileges=true`; false adds nothing.
    public var noNewPrivileges: Field<Bool> { reader.bool("NoNewPrivileges") }
}

/// `swarm.SeccompOpts` and `swarm.AppArmorOpts`: a `Mode`, which dockerd's converter compares
/// exactly with its constants (anything else is the zero value, `default`).
public struct ModeView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var mode: Field<String> { reader.string("Mode") }
}

/// `swarm.SELinuxContext`: each set field becomes a `label=` security option.
public struct SELinuxContextView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var disable: Field<Bool> { reader.bool("Disable") }
    public var user: Field<String> { reader.string("User") }
    public var role: Field<String> { reader.string("Role") }
    public var type: Field<String> { reader.string("Type") }
    public var level: Field<String> { reader.string("Level") }
}
