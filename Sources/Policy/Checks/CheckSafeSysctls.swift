import DockerAPI

/// Check `safe-sysctls`: only namespaced sysctls that cannot affect the host or other
/// containers.
///
/// Restricted fields (`POST /containers/create`):
/// - `HostConfig.Sysctls` (or the top-level alias): every key must be in the profile's
///   `allowedSysctls` — by default Kubernetes' PSS baseline set (docker-api-surface.md §5.1):
///   `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`,
///   `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`,
///   `net.ipv4.ping_group_range`, `net.ipv4.ip_local_reserved_ports`,
///   `net.ipv4.tcp_keepalive_time`, `net.ipv4.tcp_fin_timeout`,
///   `net.ipv4.tcp_keepalive_intvl`, `net.ipv4.tcp_keepalive_probes`. Keys are compared by
///   bytes, so the `/`-separated spelling runc also accepts is denied.
/// - `NetworkingConfig.EndpointsConfig.*.DriverOpts["com.docker.network.endpoint.sysctls"]`
///   (API 1.46): per-interface sysctls, none of which is in the set; denied.
///
/// Values are not restricted.
enum CheckSafeSysctls {
    static let id = "safe-sysctls"

    static let endpointSysctlsOption = "com.docker.network.endpoint.sysctls"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let create = context.request.containerCreate else { return .allowed }
        let host = create.hostConfig
        return .reading { () throws(ViewError) in
            for entry in (try host.sysctls.get())?.entries ?? []
            where !context.settings.allowedSysctls.containsBytes(entry.key) {
                return .forbidden(
                    reason: "sysctl \(shown(entry.key)) is not allowed",
                    detail: detail("\(host.path)Sysctls.\(entry.key)", entry.value))
            }
            for endpoint in try create.networkingConfig.get()?.endpointsConfig.get() ?? [] {
                guard let options = try endpoint.settings?.driverOpts.get(),
                    let value = options[endpointSysctlsOption]
                else { continue }
                return .forbidden(
                    reason: "per-interface sysctls are not allowed",
                    detail: detail(
                        "NetworkingConfig.EndpointsConfig.\(endpoint.network).DriverOpts.\(endpointSysctlsOption)",
                        value))
            }
            return .allowed
        }
    }
}

extension Check {
    public static let safeSysctls = Check(id: CheckSafeSysctls.id, CheckSafeSysctls.evaluate)
}
