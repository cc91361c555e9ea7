import DockerAPI

/// Check `no-host-network`: the container must not share the host's network namespace.
///
/// Restricted fields (`POST /containers/create`):
/// - `HostConfig.NetworkMode` (and its top-level alias): `host` is denied; `container:<ref>`
///   is followed through the referenced container's own `NetworkMode` (facts, transitively:
///   X in `container:Y` mode shares Y's namespace) and denied when the chain ends in `host`,
///   loops, or names a container that does not exist.
/// - `NetworkingConfig.EndpointsConfig`: an entry keyed exactly `host`.
///
/// Allowed values: every other mode — `""`, `default`, `bridge`, `none`, a network name or ID.
/// dockerd compares the mode byte for byte, so `HOST` or `host ` is a network name (not
/// found, or an ordinary network), not the host namespace (docker-api-surface.md §3.1). A
/// network named by ID is not the host namespace either, even the `host` network's ID
/// (observed on 20.10.24).
enum CheckNoHostNetwork {
    static let id = "no-host-network"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let create = context.request.containerCreate else { return .allowed }
        let host = create.hostConfig
        return .reading { () throws(ViewError) in
            if let mode = try host.networkMode.get() {
                let result = NamespaceResolver.check(
                    mode, kind: .network, path: "\(host.path)NetworkMode", facts: context.facts)
                if result != .allowed { return result }
            }
            guard let networking = try create.networkingConfig.get() else { return .allowed }
            for entry in try networking.endpointsConfig.get() ?? [] where entry.network.bytesEqual("host") {
                return .forbidden(
                    reason: "the host network is not allowed",
                    detail: "NetworkingConfig.EndpointsConfig has the key \"host\"")
            }
            return .allowed
        }
    }
}

extension Check {
    public static let noHostNetwork = Check(id: CheckNoHostNetwork.id, CheckNoHostNetwork.evaluate)
}
