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
///
/// Restricted (`POST /networks/{id}/connect`): the network `host` in the path (dockerd
/// refuses it too).
///
/// Restricted fields (`POST /services/create`, `POST /services/{id}/update`):
/// - `TaskTemplate.Networks[].Target` and the legacy top-level `Networks[].Target`: denied
///   when `host`, empty, or made only of `0-9` and `a-z`. dockerd resolves a target as a swarm
///   network name, else a swarm network ID or unique ID prefix (25 characters of `0-9a-z`),
///   else a local network ID or prefix (hex) — and the host network found by ID or prefix
///   attaches the tasks to the host's namespace. dockgate cannot look networks up, so a
///   target that could be an ID is refused; names with another character (`web-net`,
///   `stack_default`) are allowed. (`docker service update` sends back the IDs dockerd
///   stored, so a service attached to networks must be updated with names.)
/// - `EndpointSpec.Ports[].PublishMode`: `host` (upper-cased by Go's `strings.ToUpper`
///   before dockerd looks it up, so `Host` and `hoſt` too) publishes the port directly on the
///   node's interfaces, outside the routing mesh; denied. Anything else is `ingress`.
enum CheckNoHostNetwork {
    static let id = "no-host-network"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        if context.request.endpoint == .networkConnect {
            let network = context.request.parameters["id"] ?? ""
            guard network.bytesEqual("host") else { return .allowed }
            return .forbidden(reason: "the host network is not allowed", detail: "network \"host\"")
        }
        switch context.request.body {
        case .containerCreate(let create):
            return containerCreate(create, context: context)
        case .serviceSpec(let service):
            return .reading { () throws(ViewError) in try self.service(service, context: context) }
        default:
            return .allowed
        }
    }

    static func containerCreate(_ create: ContainerCreateView, context: CheckContext) -> CheckResult {
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

    static func service(_ service: ServiceSpecView, context: CheckContext) throws(ViewError) -> CheckResult {
        for attachment in try context.request.serviceNetworks() {
            let target = try attachment.target.get() ?? ""
            let targetDetail = detail("\(attachment.path)Target", target)
            if target.bytesEqual("host") {
                return .forbidden(reason: "the host network is not allowed", detail: targetDetail)
            }
            if target.isEmpty {
                return .forbidden(reason: "a service network must name a network", detail: targetDetail)
            }
            if couldBeNetworkID(target) {
                return .forbidden(
                    reason: "service network \(quoted(target)) could be a network ID or ID prefix, and dockgate"
                        + " cannot tell whether it is the host network's; name the network by a name with a"
                        + " character other than a-z and 0-9 (such as web-net)",
                    detail: targetDetail)
            }
        }
        for port in try service.endpointSpec.get()?.ports.get() ?? [] {
            guard let mode = try port.publishMode.get(), mode.goUppercased.bytesEqual("HOST") else { continue }
            return .forbidden(
                reason: "publishing a port in host mode is not allowed; publish it through the routing mesh"
                    + " (mode=ingress)",
                detail: detail("\(port.path)PublishMode", mode))
        }
        return .allowed
    }

    /// Whether dockerd could read `target` as a swarm network ID prefix (`0-9a-z`) or a local
    /// one (hex, a subset).
    static func couldBeNetworkID(_ target: String) -> Bool {
        target.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }
}

extension Check {
    public static let noHostNetwork = Check(id: CheckNoHostNetwork.id, CheckNoHostNetwork.evaluate)
}
