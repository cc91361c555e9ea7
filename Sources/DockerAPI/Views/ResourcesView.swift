/// `container.Resources`: the fields `HostConfig` embeds (so they sit directly in the
/// HostConfig object) and that `POST /containers/{id}/update` takes at the top level of its
/// body. Each accessor keeps absent, `null`, value and invalid apart (see `Field`).
public struct ResourcesView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// Where the fields sit in the body: `"HostConfig."`, `""` for the top-level aliases and
    /// for an update body.
    public var path: String { reader.path }

    /// `Memory` (int64, bytes; 0 means unlimited).
    public var memory: Field<Int64> { reader.integer("Memory", as: Int64.self) }
    /// `MemorySwap` (int64; -1 means unlimited swap).
    public var memorySwap: Field<Int64> { reader.integer("MemorySwap", as: Int64.self) }
    public var memoryReservation: Field<Int64> { reader.integer("MemoryReservation", as: Int64.self) }
    /// `NanoCpus` (int64, 10⁻⁹ CPUs).
    public var nanoCpus: Field<Int64> { reader.integer("NanoCpus", as: Int64.self) }
    public var cpuShares: Field<Int64> { reader.integer("CpuShares", as: Int64.self) }
    public var cpuPeriod: Field<Int64> { reader.integer("CpuPeriod", as: Int64.self) }
    public var cpuQuota: Field<Int64> { reader.integer("CpuQuota", as: Int64.self) }
    public var cpusetCpus: Field<String> { reader.string("CpusetCpus") }
    public var cpusetMems: Field<String> { reader.string("CpusetMems") }
    public var blkioWeight: Field<UInt16> { reader.integer("BlkioWeight", as: UInt16.self) }
    /// `PidsLimit` (*int64): 0 and -1 mean unlimited, `null` unset.
    public var pidsLimit: Field<Int64> { reader.integer("PidsLimit", as: Int64.self) }
    /// `CgroupParent`: the cgroup the container is placed under.
    public var cgroupParent: Field<String> { reader.string("CgroupParent") }
    /// `Devices`: host devices mapped into the container.
    public var devices: Field<[DeviceMappingView]> {
        reader.structures("Devices", goType: "container.DeviceMapping", DeviceMappingView.init)
    }
    /// `DeviceCgroupRules`: `"c 1:3 rwm"` rules added to the device cgroup.
    public var deviceCgroupRules: Field<[String]> { reader.strings("DeviceCgroupRules") }
    /// `DeviceRequests`: GPUs and CDI devices (`--gpus`, `--device vendor/class=name`).
    public var deviceRequests: Field<[DeviceRequestView]> {
        reader.structures("DeviceRequests", goType: "container.DeviceRequest", DeviceRequestView.init)
    }
    /// `OomKillDisable` (*bool).
    public var oomKillDisable: Field<Bool> { reader.bool("OomKillDisable") }
}

/// `container.DeviceMapping`: one `Devices` entry.
public struct DeviceMappingView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var pathOnHost: Field<String> { reader.string("PathOnHost") }
    public var pathInContainer: Field<String> { reader.string("PathInContainer") }
    public var cgroupPermissions: Field<String> { reader.string("CgroupPermissions") }
}

/// `container.DeviceRequest`: one `DeviceRequests` entry.
public struct DeviceRequestView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var driver: Field<String> { reader.string("Driver") }
    /// `Count` (int): -1 means every device.
    public var count: Field<Int> { reader.integer("Count", as: Int.self) }
    public var deviceIDs: Field<[String]> { reader.strings("DeviceIDs") }
    public var options: Field<StringMap> { reader.stringMap("Options") }
}
