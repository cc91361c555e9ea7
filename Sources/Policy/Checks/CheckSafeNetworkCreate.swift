import DockerAPI

/// Check `safe-network-create`: a network created through dockgate is a private bridge (or a
/// swarm overlay) that reaches no host interface and takes no configuration from elsewhere.
///
/// Restricted fields (`POST /networks/create`):
/// - `Driver`: allowed `""` (the daemon's default, `bridge` on Linux), `bridge` and `overlay`
///   (a swarm VXLAN between the nodes' containers). Denied: `macvlan` and `ipvlan`, which hang
///   containers on a host interface (`parent`, or a VLAN sub-interface dockerd creates on the
///   host) straight onto the host's L2 network, past its firewall and Docker's NAT; `host` and
///   `null` (singletons dockerd refuses to create again); any other name, a network plugin.
///   Compared by bytes, as dockerd does.
/// - `Options`: only keys that change nothing outside the network —
///   `com.docker.network.bridge.enable_icc`, `com.docker.network.driver.mtu`,
///   `com.docker.network.enable_ipv4`, `com.docker.network.enable_ipv6`,
///   `com.docker.network.container_iface_prefix` and overlay's `encrypted`. Denied, among
///   others: `com.docker.network.bridge.name` (an existing host bridge such as `docker0` is
///   taken over), `…bridge.default_bridge`, `…bridge.gateway_mode_ipv4|ipv6` (`routed` and
///   `nat-unprotected` expose container ports without NAT), `…bridge.trusted_host_interfaces`,
///   `…bridge.host_binding_ipv4`, `…bridge.enable_ip_masquerade`, `…bridge.inhibit_ipv4`,
///   `com.docker.network.host_ipv4|ipv6` (the host source address), overlay's
///   `com.docker.network.driver.overlay.vxlanid_list` (another network's VXLAN ID), and
///   `parent`. Keys are compared by bytes, as the drivers do.
/// - `ConfigFrom`: denied unless absent or `null`. The network would take its driver options
///   and IPAM from a config-only network, which dockgate cannot see (an admin's macvlan
///   `parent`, a `bridge.name`). `ConfigOnly` itself is allowed: its options pass the rules
///   above, and nobody can use it through dockgate.
/// - `Ingress`: denied when true (the network replaces the swarm's routing mesh).
/// - `IPAM.Driver`: allowed `""` and `default`; any other name is an IPAM plugin.
///
/// Not restricted: `Name`, `Labels`, `Scope`, `Internal`, `Attachable`, `EnableIPv4`,
/// `EnableIPv6`, `IPAM.Config` (subnets) and `IPAM.Options`.
enum CheckSafeNetworkCreate {
    static let id = "safe-network-create"

    static let allowedDrivers = ["", "bridge", "overlay"]

    static let allowedOptions = [
        "com.docker.network.bridge.enable_icc", "com.docker.network.driver.mtu", "com.docker.network.enable_ipv4",
        "com.docker.network.enable_ipv6", "com.docker.network.container_iface_prefix", "encrypted",
    ]

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard case .networkCreate(let network) = context.request.body else { return .allowed }
        return .reading { () throws(ViewError) in
            let driver = try network.driver.get() ?? ""
            if !allowedDrivers.containsBytes(driver) {
                return .forbidden(
                    reason: "network driver \(quoted(driver)) is not allowed; use bridge",
                    detail: detail("Driver", driver))
            }
            for option in try network.options.get()?.entries ?? [] where !allowedOptions.containsBytes(option.key) {
                return .forbidden(
                    reason: "the network option \(shown(option.key)) is not allowed",
                    detail: detail("Options.\(option.key)", option.value))
            }
            if let reference = try network.configFrom.get() {
                let source = try reference.network.get() ?? ""
                return .forbidden(
                    reason: "taking a network's configuration from another network (ConfigFrom) is not allowed",
                    detail: detail("ConfigFrom.Network", source))
            }
            if try network.ingress.get() == true {
                return .forbidden(reason: "creating an ingress network is not allowed", detail: "Ingress=true")
            }
            if let ipamDriver = try network.ipam.get()?.driver.get(), !["", "default"].containsBytes(ipamDriver) {
                return .forbidden(
                    reason: "IPAM driver \(quoted(ipamDriver)) is not allowed",
                    detail: detail("IPAM.Driver", ipamDriver))
            }
            return .allowed
        }
    }
}

extension Check {
    public static let safeNetworkCreate = Check(id: CheckSafeNetworkCreate.id, CheckSafeNetworkCreate.evaluate)
}
