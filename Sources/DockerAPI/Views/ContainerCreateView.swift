/// The body of `POST /containers/create` as dockerd applies it.
///
/// dockerd 20.10 through 26.x decode it into `ContainerConfigWrapper`, which embeds both
/// `container.Config` and an unnamed `container.HostConfig` next to `"HostConfig"`, so every
/// HostConfig field is also accepted at the top level (docker-api-surface.md §2.2):
/// - no `"HostConfig"` member, or `"HostConfig": null`: the top-level fields are the
///   HostConfig (`{"Image":"x","Privileged":true}` is privileged);
/// - `"HostConfig"` an object: it wins, and the top-level fields are ignored except five
///   (`Memory`, `MemorySwap`, `CpuShares`, `CpusetCpus`, `VolumeDriver`) that fill zero
///   inner values; v27 and later ignore every top-level HostConfig field.
/// A body with both an inner object and top-level HostConfig fields is read differently by
/// daemon generation, and no client needs it: the view refuses it (`ambiguousHostConfig`).
/// A body with only top-level fields is read as 20.10–26.x read it, which is the stricter
/// reading (later daemons ignore those fields).
public struct ContainerCreateView: Sendable {
    /// Where the HostConfig the daemon applies comes from.
    public enum HostConfigSource: Sendable, Hashable {
        /// Neither `"HostConfig"` nor any top-level HostConfig field: the daemon's defaults.
        case none
        /// The `"HostConfig"` object; `key` as sent (`hostconfig` is the same field to Go).
        case inner(key: String)
        /// The legacy top-level fields, names as sent.
        case topLevel(keys: [String])
    }

    public let body: JSONObject
    /// The Config fields (`Image`, `User`, `Env`, `Cmd`, …) at the top level.
    public let config: ContainerConfigView
    /// The HostConfig the daemon will apply, wherever it sits; all fields absent for `.none`.
    public let hostConfig: HostConfigView
    public let hostConfigSource: HostConfigSource

    /// Reads a parsed body; throws for a body that is not an object, a `"HostConfig"` that is
    /// neither an object nor `null`, and HostConfig fields in both places.
    public init(_ body: JSONValue) throws(ViewError) {
        guard !body.isNull else {
            throw ViewError.mismatch(at: "", found: "null", goType: "runconfig.ContainerConfigWrapper")
        }
        let object = try FieldDecoding.object(body, at: "", goType: "runconfig.ContainerConfigWrapper")
        let topLevelKeys = object.keys.filter(HostConfigFieldNames.isHostConfigField)
        let inner = object.value(forField: "HostConfig")
        switch inner {
        case .present(let member) where !member.value.isNull:
            let innerObject = try FieldDecoding.object(member.value, at: "HostConfig", goType: "container.HostConfig")
            guard topLevelKeys.isEmpty else {
                throw ViewError(path: "", kind: .ambiguousHostConfig(topLevelKeys: topLevelKeys))
            }
            hostConfig = HostConfigView(innerObject, path: "HostConfig.")
            hostConfigSource = .inner(key: member.key)
        case .absent, .present:
            hostConfig = HostConfigView(object, path: "")
            hostConfigSource = topLevelKeys.isEmpty ? .none : .topLevel(keys: topLevelKeys)
        }
        self.body = object
        self.config = ContainerConfigView(FieldReader(object, path: ""))
    }

    /// `NetworkingConfig`: the networks to join at create.
    public var networkingConfig: Field<NetworkingConfigView> {
        FieldReader(body, path: "").structure(
            "NetworkingConfig", goType: "network.NetworkingConfig", NetworkingConfigView.init)
    }
}
