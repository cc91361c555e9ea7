/// The body of `POST /networks/create` (`types.NetworkCreateRequest` on 20.10: the embedded
/// `NetworkCreate` plus `Name`; `network.CreateRequest` on master, same JSON names).
///
/// `Driver` picks how the network reaches the host: `bridge` (the default for `""`) makes a
/// private bridge with NAT, `macvlan`/`ipvlan` hang containers on a host interface
/// (`Options.parent`), anything else is a singleton (`host`, `null`) or a plugin. `Options`
/// go to the driver as they are (keys compared byte for byte), `ConfigFrom` takes them from
/// an existing config-only network instead (docker-api-surface.md §3.8).
public struct NetworkCreateView: Sendable {
    let reader: FieldReader

    /// Throws for a body that is not a JSON object.
    public init(_ body: JSONValue) throws(ViewError) {
        reader = try FieldReader.body(body, goType: "types.NetworkCreateRequest")
    }

    public var name: Field<String> { reader.string("Name") }
    /// `Driver`: `""` (the daemon's default, `bridge` on Linux), `bridge`, `overlay`,
    /// `macvlan`, `ipvlan`, `host`, `null`, or a plugin.
    public var driver: Field<String> { reader.string("Driver") }
    /// `Scope`: `""`, `local`, `swarm`, `global`.
    public var scope: Field<String> { reader.string("Scope") }
    /// `Options`: driver options (`com.docker.network.bridge.name`, `parent`, …).
    public var options: Field<StringMap> { reader.stringMap("Options") }
    public var labels: Field<StringMap> { reader.stringMap("Labels") }
    public var ipam: Field<IPAMView> { reader.structure("IPAM", goType: "network.IPAM", IPAMView.init) }
    public var isInternal: Field<Bool> { reader.bool("Internal") }
    public var attachable: Field<Bool> { reader.bool("Attachable") }
    /// `Ingress`: the network replaces the swarm's routing mesh.
    public var ingress: Field<Bool> { reader.bool("Ingress") }
    public var configOnly: Field<Bool> { reader.bool("ConfigOnly") }
    /// `ConfigFrom` (*ConfigReference): take driver, options and IPAM from this config-only
    /// network; `null` is no reference.
    public var configFrom: Field<ConfigReferenceView> {
        reader.structure("ConfigFrom", goType: "network.ConfigReference", ConfigReferenceView.init)
    }
    public var enableIPv4: Field<Bool> { reader.bool("EnableIPv4") }
    public var enableIPv6: Field<Bool> { reader.bool("EnableIPv6") }
}

/// `network.IPAM`: the address-management driver and its configuration.
public struct IPAMView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// `Driver`: `""` or `default` for the built-in allocator, else an IPAM plugin.
    public var driver: Field<String> { reader.string("Driver") }
    public var options: Field<StringMap> { reader.stringMap("Options") }
}

/// `network.ConfigReference`: the config-only network to take the configuration from.
public struct ConfigReferenceView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var network: Field<String> { reader.string("Network") }
}
