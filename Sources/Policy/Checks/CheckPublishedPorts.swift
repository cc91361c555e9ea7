import DockerAPI

/// Check `published-ports`: a published port listens on one chosen host address and on a
/// host port the profile allows (CIS Docker Benchmark 5.8, 5.9, 5.14).
///
/// Restricted fields (`POST /containers/create`, `HostConfig.*` or the top-level aliases):
/// - `PublishAllPorts` (`-P`): denied; it publishes every exposed port on every address;
/// - each binding of `PortBindings`:
///   - `HostIp` must be one address, read as Go's `net.ParseIP` reads it: not empty (every
///     address, or the daemon's `ip` setting), not `0.0.0.0`, `::` or `::ffff:0.0.0.0`, not
///     unreadable; and one of `allowedHostIPs` (compared as addresses) when the profile
///     lists them;
///   - `HostPort`: a port or a range (`8000-8010`, decimal, as go-connections reads it) that
///     lies wholly within `allowedHostPorts` (default 1024–65535). Empty (or `0`) lets the
///     daemon pick a free port from the kernel's ephemeral range; dockgate cannot read that
///     range, so it is allowed only when `allowedHostPorts` covers every port from 1024 to
///     65535, where an ephemeral range lies. Anything else (`80/udp`, `1-2-3`, spaces) is
///     denied: releases read it differently.
///
/// Restricted fields (`POST /services/create`, `POST /services/{id}/update`):
/// `EndpointSpec.Ports`: any published port is denied. The routing mesh listens on every
/// address of every node (and `host` mode is `no-host-network`'s denial), so no service port
/// can be bound to a chosen address; services are reached over overlay networks instead.
enum CheckPublishedPorts {
    static let id = "published-ports"

    static let example = "-p 127.0.0.1:8080:80"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        .reading { () throws(ViewError) in
            if let host = context.request.hostConfig {
                if try host.publishAllPorts.get() == true {
                    return .forbidden(
                        reason: "publishing every exposed port (-P) binds all host addresses: publish each port on"
                            + " one address instead, e.g. \(example)",
                        detail: "\(host.path)PublishAllPorts=true")
                }
                for mapping in try host.portBindings.get() ?? [] {
                    for binding in mapping.bindings {
                        let result = try verdict(binding, settings: context.settings)
                        if result != .allowed { return result }
                    }
                }
                return .allowed
            }
            if let port = try context.request.serviceSpec?.endpointSpec.get()?.ports.get()?.first {
                let published = try port.publishedPort.get() ?? 0
                return .forbidden(
                    reason: "a service cannot publish ports: the routing mesh listens on every address of every node;"
                        + " reach the service over an overlay network",
                    detail: "\(port.path)PublishedPort=\(published)")
            }
            return .allowed
        }
    }

    static func verdict(_ binding: PortBindingView, settings: ProfileSettings) throws(ViewError) -> CheckResult {
        let address = try binding.hostIP.get() ?? ""
        let addressDetail = detail("\(binding.path)HostIp", address)
        let allowedAddresses = settings.allowedHostIPs
        let addresses = allowedAddresses.map { " (allowed: \($0.joined(separator: ", ")))" } ?? ""
        guard IPAddressText.isSpecific(address) else {
            let example =
                allowedAddresses?.first.map { "-p \($0.containsByte(":") ? "[\($0)]" : $0):8080:80" } ?? self.example
            return .forbidden(
                reason: "published ports must be bound to one host address, e.g. \(example)\(addresses)",
                detail: addressDetail)
        }
        if let allowedAddresses, !allowedAddresses.contains(where: { IPAddressText.sameAddress($0, address) }) {
            return .forbidden(
                reason: "publishing on host address \(shown(address)) is not allowed\(addresses)",
                detail: addressDetail)
        }
        let port = try binding.hostPort.get() ?? ""
        let portDetail = detail("\(binding.path)HostPort", port)
        let ports = settings.allowedHostPorts
        let allowed = ports.isEmpty ? "none" : ports.map(\.description).joined(separator: ", ")
        switch HostPortText.parse(port) {
        case .anyPort:
            if ports.covers(1024, 65535) { return .allowed }
            return .forbidden(
                reason: "a published port needs a host port the profile allows (allowed: \(allowed)); the daemon"
                    + " would pick one at random",
                detail: portDetail)
        case .range(let range):
            if ports.covers(range.lower, range.upper) { return .allowed }
            return .forbidden(
                reason: "host port \(range) is not allowed (allowed: \(allowed))", detail: portDetail)
        case .unreadable:
            return .forbidden(
                reason: "host port \(quoted(port)) is not a port or a range such as 8000-8010", detail: portDetail)
        }
    }
}

extension Check {
    public static let publishedPorts = Check(id: CheckPublishedPorts.id, CheckPublishedPorts.evaluate)
}
