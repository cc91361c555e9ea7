import DockerAPI

/// Check `drop-all-capabilities`: containers start from no capability at all, and add back
/// only what `no-cap-add` lets through (PSS restricted: drop ALL, add only NET_BIND_SERVICE).
///
/// Restricted fields:
/// - `POST /containers/create` (`HostConfig.*` or the top-level aliases): `CapDrop` (a
///   `StrSlice` on 20.10) must contain `ALL`, in any case — dockerd upper-cases each entry
///   with Go's `strings.ToUpper` and then keeps exactly `CapAdd` (`CAP_ALL` is not `ALL`, and
///   dockerd refuses it as an unknown capability);
/// - `POST /services/create`, `POST /services/{id}/update`:
///   `TaskTemplate.ContainerSpec.CapabilityDrop` (`[]string`), which the executor passes on as
///   `CapDrop`; dockerd drops it below API 1.41, so the request must name API 1.41 or later.
///
/// Which capabilities may be added back is `no-cap-add`'s (the profile's
/// `allowedCapabilities`; the restricted default is `CAP_NET_BIND_SERVICE`).
enum CheckDropAllCapabilities {
    static let id = "drop-all-capabilities"

    static let serviceAPIVersion: APIVersion = "1.41"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let request = context.request
        return .reading { () throws(ViewError) in
            if let host = request.hostConfig {
                return verdict(try host.capDrop.get() ?? [], path: "\(host.path)CapDrop", context: context)
            }
            if request.serviceSpec != nil {
                let spec = try request.containerSpec()
                let path = "\(spec?.path ?? "TaskTemplate.ContainerSpec.")CapabilityDrop"
                let result = verdict(try spec?.capabilityDrop.get() ?? [], path: path, context: context)
                if result != .allowed { return result }
                return request.requiresAPIVersion(serviceAPIVersion, for: "a service's CapabilityDrop")
            }
            return .allowed
        }
    }

    static func verdict(_ drops: [String], path: String, context: CheckContext) -> CheckResult {
        if drops.contains(where: { CapabilityName.normalise($0) == .all }) { return .allowed }
        let addable = context.settings.allowedCapabilities.map {
            $0.bytesHavePrefix("CAP_") ? String($0.dropFirst(4)) : $0
        }
        let addBack =
            addable.isEmpty ? "" : " (and --cap-add \(addable.joined(separator: ", ")) if the program needs it)"
        return .forbidden(
            reason: "every capability must be dropped: add --cap-drop ALL" + addBack, detail: detail(path, list: drops))
    }
}

extension Check {
    public static let dropAllCapabilities = Check(id: CheckDropAllCapabilities.id, CheckDropAllCapabilities.evaluate)
}
