import DockerAPI

/// Check `no-cgroup-escape`: the container stays in the cgroup dockerd gives it.
///
/// Restricted fields (`POST /containers/create`, `HostConfig.*` or the top-level aliases):
/// - `Cgroup`: `container:<ref>` shares another container's cgroup;
/// - `CgroupParent`: places the container under any cgroup, outside its limits (CIS 5.25).
///
/// Allowed values: absent, `null` or `""` for both. (`CgroupnsMode` is `no-host-namespaces`.)
enum CheckNoCgroupEscape {
    static let id = "no-cgroup-escape"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            if let cgroup = try host.cgroup.get(), !cgroup.isEmpty {
                return .forbidden(
                    reason: "sharing another container's cgroup is not allowed",
                    detail: detail("\(host.path)Cgroup", cgroup))
            }
            if let parent = try host.cgroupParent.get(), !parent.isEmpty {
                return .forbidden(
                    reason: "choosing the parent cgroup is not allowed",
                    detail: detail("\(host.path)CgroupParent", parent))
            }
            return .allowed
        }
    }
}

extension Check {
    public static let noCgroupEscape = Check(id: CheckNoCgroupEscape.id, CheckNoCgroupEscape.evaluate)
}
