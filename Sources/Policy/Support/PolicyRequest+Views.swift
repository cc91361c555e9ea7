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

    /// The update body, for `POST /containers/{id}/update`.
    var containerUpdate: ContainerUpdateView? {
        if case .containerUpdate(let view) = body { return view }
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

    /// One of a service's `TaskTemplate.Resources.Limits` (`name` is its Go name, 0 when not
    /// set) and the detail naming it; nil when the request is not a service spec.
    func serviceLimit(_ field: (LimitView) -> Field<Int64>, named name: String) throws(ViewError) -> (
        value: Int64, detail: String
    )? {
        guard serviceSpec != nil else { return nil }
        let limits = try taskTemplate()?.resources.get()?.limits.get()
        let value = try limits.map(field)?.get() ?? 0
        return (value, "\(limits?.path ?? "TaskTemplate.Resources.Limits.")\(name)=\(value)")
    }

    /// Allowed when the request names API `version` or later in its path; else denied, saying
    /// that `what` (`a service's process limit`) needs it. dockerd drops some service fields
    /// below their version (`adjustForAPIVersion`), and a request without a version gets the
    /// daemon's newest, which on an older daemon may be older still.
    func requiresAPIVersion(_ version: APIVersion, for what: String) -> CheckResult {
        if case .versioned(let asked) = self.version, asked >= version { return .allowed }
        return .forbidden(
            reason: "\(what) needs API \(version) or later, and dockerd drops it below; send the request to"
                + " /v\(version)/ or later",
            detail: "API version \(self.version)")
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

/// `path=["a","b"]` for a denial's detail about a list (`[]` when absent or `null`).
func detail(_ path: String, list: [String]) -> String {
    "\(path)=[" + list.map(quoted).joined(separator: ",") + "]"
}
