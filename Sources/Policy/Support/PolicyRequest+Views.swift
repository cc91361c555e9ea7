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
}

/// `path=value` for a denial's detail.
func detail(_ path: String, _ value: String) -> String {
    "\(path)=\(quoted(value))"
}
