/// `mount.Mount`: one `HostConfig.Mounts` entry (`docker run --mount`).
public struct MountView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// `Type`: `bind`, `volume`, `tmpfs`, `npipe`, `cluster`, `image` — compared by dockerd
    /// exactly (`BIND` is "mount type unknown").
    public var type: Field<String> { reader.string("Type") }
    /// `Source`: a host path for `bind`, a volume name for `volume`.
    public var source: Field<String> { reader.string("Source") }
    public var target: Field<String> { reader.string("Target") }
    public var readOnly: Field<Bool> { reader.bool("ReadOnly") }
    public var bindOptions: Field<BindOptionsView> {
        reader.structure("BindOptions", goType: "mount.BindOptions", BindOptionsView.init)
    }
    public var volumeOptions: Field<VolumeOptionsView> {
        reader.structure("VolumeOptions", goType: "mount.VolumeOptions", VolumeOptionsView.init)
    }
}

/// `mount.BindOptions`.
public struct BindOptionsView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// `Propagation`: `private`, `rprivate`, `slave`, `rslave`, `shared`, `rshared`.
    public var propagation: Field<String> { reader.string("Propagation") }
    public var nonRecursive: Field<Bool> { reader.bool("NonRecursive") }
    /// `CreateMountpoint` (API 1.42): the daemon creates a missing host directory, as root.
    public var createMountpoint: Field<Bool> { reader.bool("CreateMountpoint") }
    /// `ReadOnlyNonRecursive` (API 1.44): submounts stay writable.
    public var readOnlyNonRecursive: Field<Bool> { reader.bool("ReadOnlyNonRecursive") }
    public var readOnlyForceRecursive: Field<Bool> { reader.bool("ReadOnlyForceRecursive") }
}

/// `mount.VolumeOptions`.
public struct VolumeOptionsView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var noCopy: Field<Bool> { reader.bool("NoCopy") }
    public var labels: Field<StringMap> { reader.stringMap("Labels") }
    public var subpath: Field<String> { reader.string("Subpath") }
    /// `DriverConfig`: the driver that creates the volume and its options. The `local` driver
    /// with `type`/`o`/`device` options mounts a host path or device (§3.7).
    public var driverConfig: Field<DriverView> {
        reader.structure("DriverConfig", goType: "mount.Driver", DriverView.init)
    }
}

/// `mount.Driver` (a volume's driver) and `swarm.Driver` (a service's log driver), which have
/// the same two fields: the driver's name and its options.
public struct DriverView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var name: Field<String> { reader.string("Name") }
    public var options: Field<StringMap> { reader.stringMap("Options") }
}
