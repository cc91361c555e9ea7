/// The body of `POST /containers/{id}/update` (`container.UpdateConfig`): the `Resources`
/// fields at the top level, plus `RestartPolicy`.
///
/// dockerd applies only the resource limits (Blkio*, CPU, cpuset, memory, pids) and the
/// restart policy from it; `Devices`, `DeviceCgroupRules`, `Ulimits`, `OomKillDisable` and
/// `CgroupParent` decode but are ignored (docker-api-surface.md §3.4).
public struct ContainerUpdateView: Sendable {
    let reader: FieldReader

    /// Throws for a body that is not a JSON object.
    public init(_ body: JSONValue) throws(ViewError) {
        reader = try FieldReader.body(body, goType: "container.UpdateConfig")
    }

    public var resources: ResourcesView { ResourcesView(reader) }
    public var restartPolicy: Field<RestartPolicyView> {
        reader.structure("RestartPolicy", goType: "container.RestartPolicy", RestartPolicyView.init)
    }
}
