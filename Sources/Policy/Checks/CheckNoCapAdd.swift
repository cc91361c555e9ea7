import DockerAPI

/// Check `no-cap-add`: no added capability (`--cap-add`), unless the profile allows that one.
///
/// Restricted fields (`POST /containers/create`): `HostConfig.CapAdd` (a `StrSlice` on
/// 20.10: one string counts as a list of one), and `HostConfig.Capabilities` (Docker 19.03's
/// replacement set, ignored since 20.10; denied when it lists anything).
///
/// Allowed values: names that normalise — as dockerd does: Go's `strings.ToUpper` (in which
/// `ı` becomes `I` and `ſ` becomes `S`), then a `CAP_` prefix — to a capability in the
/// profile's `allowedCapabilities` (default: none). `ALL`, in any case, is never allowed.
/// `CapDrop` only removes and is not restricted.
enum CheckNoCapAdd {
    static let id = "no-cap-add"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            for (index, raw) in (try host.capAdd.get() ?? []).enumerated() {
                let fieldDetail = detail("\(host.path)CapAdd[\(index)]", raw)
                switch CapabilityName.normalise(raw) {
                case .all:
                    return .forbidden(reason: "adding all capabilities is not allowed", detail: fieldDetail)
                case .name(let name) where context.settings.allowedCapabilities.containsBytes(name):
                    continue
                case .name(let name):
                    return .forbidden(reason: "adding capability \(shown(name)) is not allowed", detail: fieldDetail)
                }
            }
            if let first = try host.capabilities.get()?.first {
                return .forbidden(
                    reason: "setting the capability set (Capabilities) is not allowed",
                    detail: detail("\(host.path)Capabilities[0]", first))
            }
            return .allowed
        }
    }
}

extension Check {
    public static let noCapAdd = Check(id: CheckNoCapAdd.id, CheckNoCapAdd.evaluate)
}
