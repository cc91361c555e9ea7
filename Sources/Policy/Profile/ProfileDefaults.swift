import DockerAPI

/// Safe values a profile fills in where an allowed request leaves a field to the daemon's
/// default, applied by the gate to the checked tree before forwarding it.
///
/// - Profiles with `private-cgroupns`: an empty `CgroupnsMode` on container create becomes
///   `private`. The daemon's own default is `host` on cgroup v1 hosts, which the gate cannot
///   see; filling it in keeps the checklist's plain `docker run` (no `--cgroupns`) compliant
///   on every host. The field goes where the body keeps its HostConfig (the `HostConfig`
///   object, or the legacy top-level fields), never both.
public enum ProfileDefaults {
    public static func apply(to body: JSONValue, request: PolicyRequest, profile: Profile) -> JSONValue? {
        guard profile.checks.contains(where: { $0.id.bytesEqual(CheckPrivateCgroupns.id) }),
            case .containerCreate(let create) = request.body,
            (try? create.hostConfig.cgroupnsMode.get() ?? "")?.isEmpty == true
        else { return nil }
        let path: [String]
        switch create.hostConfigSource {
        case .none: path = ["HostConfig", "CgroupnsMode"]
        case .inner(let key): path = [key, "CgroupnsMode"]
        case .topLevel: path = ["CgroupnsMode"]
        }
        return JSONEdit.updating(body, at: path[...]) { _ in .string("private") }
    }
}
