import DockerAPI

/// Check `private-cgroupns`: the container gets a cgroup namespace of its own, so it sees
/// only its own cgroup tree (docker-api-surface.md §3.1: with cgroup v1, the host's cgroup
/// namespace is a step towards the `release_agent` escape).
///
/// Restricted fields (`POST /containers/create`, `HostConfig.*` or the top-level aliases):
/// `CgroupnsMode` must be `private`, or empty: empty would mean the daemon's
/// `default-cgroupns-mode` (`host` on cgroup v1 hosts, `private` on v2 — dockgate cannot see
/// which), so the gate fills in `private` before forwarding (`ProfileDefaults`). Anything
/// else is denied (`host` is also `no-host-namespaces`' denial).
///
/// Not restricted: services, whose spec has no cgroup namespace field — their tasks get the
/// default of the daemon on each node, so run swarm nodes on cgroup v2 or with
/// `default-cgroupns-mode: private`.
enum CheckPrivateCgroupns {
    static let id = "private-cgroupns"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            let mode = try host.cgroupnsMode.get() ?? ""
            if mode.isEmpty || mode.bytesEqual("private") { return .allowed }
            return .forbidden(
                reason: "a private cgroup namespace is required: add --cgroupns private",
                detail: detail("\(host.path)CgroupnsMode", mode))
        }
    }
}

extension Check {
    public static let privateCgroupns = Check(id: CheckPrivateCgroupns.id, CheckPrivateCgroupns.evaluate)
}
