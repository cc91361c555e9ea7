import DockerAPI

/// Check `safe-sysctls`: only namespaced sysctls that cannot affect the host or other
/// containers.
///
/// Restricted fields:
/// - `POST /containers/create`: `HostConfig.Sysctls` (or the top-level alias): every key must
///   be in the profile's `allowedSysctls` — by default Kubernetes' PSS baseline set
///   (docker-api-surface.md §5.1): `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`,
///   `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`,
///   `net.ipv4.ping_group_range`, `net.ipv4.ip_local_reserved_ports`,
///   `net.ipv4.tcp_keepalive_time`, `net.ipv4.tcp_fin_timeout`,
///   `net.ipv4.tcp_keepalive_intvl`, `net.ipv4.tcp_keepalive_probes`. Keys are compared by
///   bytes, so the `/`-separated spelling runc also accepts is denied.
/// - `POST /containers/create`: `NetworkingConfig.EndpointsConfig.*.DriverOpts` with the key
///   `com.docker.network.endpoint.sysctls` (API 1.46): per-interface sysctls, none of which is
///   in the set; denied. The same key in `POST /networks/{id}/connect`'s
///   `EndpointConfig.DriverOpts`, and in a service's `TaskTemplate.Networks[].DriverOpts` and
///   legacy top-level `Networks[].DriverOpts` (the executor passes them to the endpoint).
/// - `POST /services/create`, `POST /services/{id}/update`:
///   `TaskTemplate.ContainerSpec.Sysctls` (API 1.40), as `HostConfig.Sysctls`.
///
/// Values are not restricted.
enum CheckSafeSysctls {
    static let id = "safe-sysctls"

    static let endpointSysctlsOption = "com.docker.network.endpoint.sysctls"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        .reading { () throws(ViewError) in
            switch context.request.body {
            case .containerCreate(let create):
                let host = create.hostConfig
                let result = try sysctls(host.sysctls, path: "\(host.path)Sysctls", context: context)
                if result != .allowed { return result }
                for endpoint in try create.networkingConfig.get()?.endpointsConfig.get() ?? [] {
                    let result = try endpointOptions(
                        endpoint.settings?.driverOpts ?? .absent,
                        path: "NetworkingConfig.EndpointsConfig.\(endpoint.network).DriverOpts")
                    if result != .allowed { return result }
                }
                return .allowed
            case .networkConnect(let connect):
                guard let settings = try connect.endpointConfig.get() else { return .allowed }
                return try endpointOptions(settings.driverOpts, path: "EndpointConfig.DriverOpts")
            case .serviceSpec:
                if let spec = try context.request.containerSpec() {
                    let result = try sysctls(spec.sysctls, path: "\(spec.path)Sysctls", context: context)
                    if result != .allowed { return result }
                }
                for attachment in try context.request.serviceNetworks() {
                    let result = try endpointOptions(attachment.driverOpts, path: "\(attachment.path)DriverOpts")
                    if result != .allowed { return result }
                }
                return .allowed
            default:
                return .allowed
            }
        }
    }

    /// A `Sysctls` map at `path`: every key in the profile's set.
    static func sysctls(_ field: Field<StringMap>, path: String, context: CheckContext) throws(ViewError)
        -> CheckResult
    {
        for entry in try field.get()?.entries ?? [] where !context.settings.allowedSysctls.containsBytes(entry.key) {
            return .forbidden(
                reason: "sysctl \(shown(entry.key)) is not allowed", detail: detail("\(path).\(entry.key)", entry.value)
            )
        }
        return .allowed
    }

    /// An endpoint's `DriverOpts` at `path`: no per-interface sysctls.
    static func endpointOptions(_ field: Field<StringMap>, path: String) throws(ViewError) -> CheckResult {
        guard let value = try field.get()?[endpointSysctlsOption] else { return .allowed }
        return .forbidden(
            reason: "per-interface sysctls are not allowed", detail: detail("\(path).\(endpointSysctlsOption)", value))
    }
}

extension Check {
    public static let safeSysctls = Check(id: CheckSafeSysctls.id, CheckSafeSysctls.evaluate)
}
