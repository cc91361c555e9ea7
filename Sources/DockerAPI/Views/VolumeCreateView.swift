/// The body of `POST /volumes/create` (`volume.VolumeCreateBody` on 20.10,
/// `volume.CreateOptions` from 23.0, `volume.CreateRequest` on master).
///
/// The `local` driver (the default when `Driver` is `""`) mounts whatever its options say
/// when a container first uses the volume: `type=none,o=bind,device=/etc` binds a host path,
/// `type=ext4,device=/dev/sda1` a host block device, `type=nfs` a share reached from the host
/// (docker-api-surface.md §3.7). Any other driver is a volume plugin. From API 1.42 a
/// `ClusterVolumeSpec` object (`{}` included) makes the daemon create a swarm CSI volume
/// instead.
public struct VolumeCreateView: Sendable {
    let reader: FieldReader

    /// Throws for a body that is not a JSON object.
    public init(_ body: JSONValue) throws(ViewError) {
        reader = try FieldReader.body(body, goType: "volume.VolumeCreateBody")
    }

    public var name: Field<String> { reader.string("Name") }
    /// `Driver`: `""` or `local` for the built-in driver, else a volume plugin.
    public var driver: Field<String> { reader.string("Driver") }
    /// `DriverOpts`: for `local`, `type`, `o`, `device` and `size`.
    public var driverOpts: Field<StringMap> { reader.stringMap("DriverOpts") }
    public var labels: Field<StringMap> { reader.stringMap("Labels") }
    /// `ClusterVolumeSpec` (API 1.42): present and not `null` makes a cluster (CSI) volume.
    public var clusterVolumeSpec: Field<JSONObject> {
        reader.opaqueStructure("ClusterVolumeSpec", goType: "volume.ClusterVolumeSpec")
    }
}
