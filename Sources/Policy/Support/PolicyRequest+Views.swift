import DockerAPI

extension PolicyRequest {
    /// The create body, for `POST /containers/create`.
    var containerCreate: ContainerCreateView? {
        if case .containerCreate(let view) = body { return view }
        return nil
    }

    /// The HostConfig dockerd will apply, for `POST /containers/create`.
    var hostConfig: HostConfigView? { containerCreate?.hostConfig }

    /// The exec create body, for `POST /containers/{id}/exec`.
    var execCreate: ExecCreateView? {
        if case .execCreate(let view) = body { return view }
        return nil
    }

    /// The service spec, for `POST /services/create` and `POST /services/{id}/update`.
    var serviceSpec: ServiceSpecView? {
        if case .serviceSpec(let view) = body { return view }
        return nil
    }

    /// The service's `TaskTemplate`, or nil when the request is not a service spec or the spec
    /// has none; throws when it cannot be read.
    func taskTemplate() throws(ViewError) -> TaskSpecView? {
        try serviceSpec?.taskTemplate.get()
    }

    /// The service's `TaskTemplate.ContainerSpec`, as `taskTemplate()`.
    func containerSpec() throws(ViewError) -> ContainerSpecView? {
        try taskTemplate()?.containerSpec.get()
    }

    /// Every network a service's tasks join: `TaskTemplate.Networks`, then the deprecated
    /// top-level `Networks` (honoured by 20.10, and by later daemons below API 1.44; checked
    /// at every version). Empty when the request is not a service spec.
    func serviceNetworks() throws(ViewError) -> [NetworkAttachmentView] {
        guard let service = serviceSpec else { return [] }
        return (try taskTemplate()?.networks.get() ?? []) + (try service.networks.get() ?? [])
    }
}

/// `path=value` for a denial's detail.
func detail(_ path: String, _ value: String) -> String {
    "\(path)=\(quoted(value))"
}
