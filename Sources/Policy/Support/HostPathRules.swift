/// Whether a host path may be bind-mounted: cleaned as dockerd cleans it (`path.Clean`),
/// never a protected system path, one of its parents or something inside it, and otherwise
/// only under a profile-allowed prefix — checked again on the path with its symbolic links
/// resolved (a fact), because dockerd follows them (`<allowed>/escape` → `/` mounted the host
/// root, docker-api-surface.md §3.1). All comparisons are on bytes.
enum HostPathRules {
    /// Never mountable, whatever the profile allows: the host root, kernel and device
    /// filesystems, system configuration and binaries (CIS 5.6), the runtime directories that
    /// hold the Docker and containerd sockets (CIS 5.32), and the daemons' state.
    static let protectedPaths = [
        "/", "/boot", "/dev", "/etc", "/lib", "/proc", "/run", "/sys", "/usr", "/var/lib/containerd",
        "/var/lib/docker", "/var/run",
    ]

    /// The verdict on `raw`, a bind source as sent; `detail` names the field it came from.
    static func check(_ raw: String, detail: String, context: CheckContext) -> CheckResult {
        let path = GoPath.clean(raw)
        guard GoPath.isAbsolute(path) else {
            return .forbidden(reason: "a bind mount needs an absolute host path, not \(quoted(raw))", detail: detail)
        }
        if let problem = problem(path, settings: context.settings) {
            return .forbidden(reason: problem, detail: detail)
        }
        switch context.facts.hostPaths[path] {
        case nil:
            return .undetermined(
                "where host path \(shown(path)) leads (symbolic links are followed)", missing: .hostPath(path),
                detail: detail)
        case .notFound:
            return .forbidden(reason: "host path \(shown(path)) could not be resolved on the host", detail: detail)
        case .found(let resolved):
            let cleaned = GoPath.clean(resolved)
            if !GoPath.isAbsolute(cleaned) {
                return .forbidden(reason: "host path \(shown(path)) could not be resolved on the host", detail: detail)
            }
            if let problem = problem(cleaned, settings: context.settings) {
                return .forbidden(
                    reason: "host path \(shown(path)) resolves to \(shown(cleaned)): \(problem)", detail: detail)
            }
            return .allowed
        }
    }

    /// Why a clean absolute path may not be mounted, or nil.
    static func problem(_ path: String, settings: ProfileSettings) -> String? {
        for protected in protectedPaths + settings.additionalProtectedHostPaths where overlaps(path, protected) {
            return "mounting host path \(shown(path)) is not allowed: it is, contains or lies inside \(protected)"
        }
        if settings.allowedHostPathPrefixes.isEmpty {
            return "mounting host paths is not allowed (\(shown(path))); use a named volume instead"
        }
        if !settings.allowedHostPathPrefixes.contains(where: { GoPath.isWithin(path, $0) }) {
            return "host path \(shown(path)) is outside the host directories this profile allows"
        }
        return nil
    }

    /// `path` is `protected`, lies inside it, or contains it (a parent exposes the child).
    /// `/` overlaps only itself: every path lies inside it.
    static func overlaps(_ path: String, _ protected: String) -> Bool {
        if protected.bytesEqual("/") { return path.bytesEqual("/") }
        return GoPath.isWithin(path, protected) || GoPath.isWithin(protected, path)
    }
}
