import DockerAPI

/// Check `no-volumes-from-host`: `VolumesFrom` must not bring host paths or host-bound volumes
/// in from another container.
///
/// Restricted field (`POST /containers/create`): `HostConfig.VolumesFrom` entries
/// `<container>[:ro|rw]` (the reference is everything before the first colon). dockerd copies
/// every mount of that container, so each of its mounts (`Mounts` of the container, a fact)
/// is held to the `no-host-mounts` rules: a bind as a host path, a volume by its driver and
/// how it was created (a fact), `tmpfs`/`image` allowed, anything else denied.
///
/// Allowed values: containers whose mounts all pass; denied when the container does not
/// exist or could not be looked up.
enum CheckNoVolumesFromHost {
    static let id = "no-volumes-from-host"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            for (index, raw) in (try host.volumesFrom.get() ?? []).enumerated() {
                let result = entry(raw, detail: detail("\(host.path)VolumesFrom[\(index)]", raw), context: context)
                if result != .allowed { return result }
            }
            return .allowed
        }
    }

    static func entry(_ raw: String, detail: String, context: CheckContext) -> CheckResult {
        let reference = String(raw.splitBytes(":", maxSplits: 1)[0])
        guard !reference.isEmpty else {
            return .forbidden(reason: "VolumesFrom names no container", detail: detail)
        }
        let container: ContainerFact
        switch context.facts.containers[reference] {
        case nil:
            return .undetermined(
                "which mounts container \(quoted(reference)) has", missing: .container(reference), detail: detail)
        case .notFound:
            return .forbidden(
                reason: "VolumesFrom names container \(quoted(reference)), which does not exist", detail: detail)
        case .found(let found):
            container = found
        }
        for mount in container.mounts {
            let mounted = mount.type.bytesEqual("volume") ? mount.name : mount.source
            let mountDetail = "\(detail) (\(quoted(reference)) mounts \(mount.type) \(quoted(mounted)))"
            let result: CheckResult
            switch mount.type {
            case _ where mount.type.bytesEqual("bind"):
                result = HostPathRules.check(mount.source, detail: mountDetail, context: context)
            case _ where mount.type.bytesEqual("volume"):
                let driver = VolumeRules.check(
                    driver: mount.driver, options: StringMap([]), what: "volume \(quoted(mount.name))",
                    detail: mountDetail, settings: context.settings)
                result =
                    driver != .allowed
                    ? driver : VolumeRules.checkNamed(mount.name, detail: mountDetail, context: context)
            case _ where mount.type.bytesEqual("tmpfs") || mount.type.bytesEqual("image"):
                result = .allowed
            default:
                result = .forbidden(reason: "mounts of type \(quoted(mount.type)) are not allowed", detail: mountDetail)
            }
            if result != .allowed {
                return result.prefixingReason("VolumesFrom \(quoted(reference)): ")
            }
        }
        return .allowed
    }
}

extension Check {
    public static let noVolumesFromHost = Check(id: CheckNoVolumesFromHost.id, CheckNoVolumesFromHost.evaluate)
}
