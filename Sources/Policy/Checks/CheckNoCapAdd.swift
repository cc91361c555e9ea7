import DockerAPI

/// Check `no-cap-add`: no added capability (`--cap-add`), unless the profile allows that one.
///
/// Restricted fields:
/// - `POST /containers/create`: `HostConfig.CapAdd` (a `StrSlice` on 20.10: one string
///   counts as a list of one), and `HostConfig.Capabilities` (Docker 19.03's replacement set,
///   ignored since 20.10; denied when it lists anything);
/// - `POST /services/create`, `POST /services/{id}/update`:
///   `TaskTemplate.ContainerSpec.CapabilityAdd` (API 1.41, `[]string`), which the executor
///   passes on as `CapAdd` (dockerd drops it below API 1.41; it is checked at every version).
///
/// Allowed values: names that normalise — as dockerd does: Go's `strings.ToUpper` (in which
/// `ı` becomes `I` and `ſ` becomes `S`), then a `CAP_` prefix — to a capability in the
/// profile's `allowedCapabilities` (default: none). `ALL`, in any case, is never allowed.
/// `CapDrop` and `CapabilityDrop` only remove and are not restricted.
enum CheckNoCapAdd {
    static let id = "no-cap-add"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        .reading { () throws(ViewError) in
            if let host = context.request.hostConfig {
                let result = added(try host.capAdd.get() ?? [], path: "\(host.path)CapAdd", context: context)
                if result != .allowed { return result }
                if let first = try host.capabilities.get()?.first {
                    return .forbidden(
                        reason: "setting the capability set (Capabilities) is not allowed",
                        detail: detail("\(host.path)Capabilities[0]", first))
                }
            }
            if let spec = try context.request.containerSpec() {
                return added(try spec.capabilityAdd.get() ?? [], path: "\(spec.path)CapabilityAdd", context: context)
            }
            return .allowed
        }
    }

    /// The verdict on a list of added capabilities at `path`.
    static func added(_ capabilities: [String], path: String, context: CheckContext) -> CheckResult {
        for (index, raw) in capabilities.enumerated() {
            let fieldDetail = detail("\(path)[\(index)]", raw)
            switch CapabilityName.normalise(raw) {
            case .all:
                return .forbidden(reason: "adding all capabilities is not allowed", detail: fieldDetail)
            case .name(let name) where context.settings.allowedCapabilities.containsBytes(name):
                continue
            case .name(let name):
                return .forbidden(reason: "adding capability \(shown(name)) is not allowed", detail: fieldDetail)
            }
        }
        return .allowed
    }
}

extension Check {
    public static let noCapAdd = Check(id: CheckNoCapAdd.id, CheckNoCapAdd.evaluate)
}
