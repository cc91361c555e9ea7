import DockerAPI

/// Check `no-host-namespaces`: no host PID, IPC, UTS, user or cgroup namespace.
///
/// Restricted fields (`POST /containers/create`, `HostConfig.*` or the top-level aliases):
/// - `PidMode`, `IpcMode`: `host` is denied; `container:<ref>` is followed through the
///   referenced containers' own modes (facts) and denied when the chain ends in `host`,
///   loops, or names a container that does not exist;
/// - `UTSMode`, `UsernsMode`, `CgroupnsMode`: `host` is denied.
///
/// Allowed values: everything else — `""`, `private`, `shareable`, `none`, `container:<ref>`
/// of a container that is not in the host namespace. Compared byte for byte as dockerd does
/// (`PidMode: "HOST"` was silently private on 20.10.24). An empty `CgroupnsMode` is allowed
/// although it means the host cgroup namespace on cgroup v1 daemons: set the daemon's
/// `default-cgroupns-mode` to `private` there.
enum CheckNoHostNamespaces {
    static let id = "no-host-namespaces"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            let followed: [(Field<String>, NamespaceResolver.Kind)] = [(host.pidMode, .pid), (host.ipcMode, .ipc)]
            for (field, kind) in followed {
                guard let mode = try field.get() else { continue }
                let result = NamespaceResolver.check(
                    mode, kind: kind, path: host.path + kind.field, facts: context.facts)
                if result != .allowed { return result }
            }
            let plain: [(Field<String>, String, String)] = [
                (host.utsMode, "UTSMode", "the host UTS namespace (hostname)"),
                (host.usernsMode, "UsernsMode", "the host user namespace"),
                (host.cgroupnsMode, "CgroupnsMode", "the host cgroup namespace"),
            ]
            for (field, name, what) in plain {
                if let mode = try field.get(), mode.bytesEqual("host") {
                    return .forbidden(reason: "\(what) is not allowed", detail: detail(host.path + name, mode))
                }
            }
            return .allowed
        }
    }
}

extension Check {
    public static let noHostNamespaces = Check(id: CheckNoHostNamespaces.id, CheckNoHostNamespaces.evaluate)
}
