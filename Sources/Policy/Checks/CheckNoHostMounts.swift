import DockerAPI

/// Check `no-host-mounts`: no host path or host device reaches the container through a mount.
///
/// Restricted fields (`POST /containers/create`, `HostConfig.*` or the top-level aliases):
/// - `Binds`: a source starting with `/` is a host path (see `HostPathRules`: cleaned, never
///   a protected system path, else only under an allowed prefix, checked again after
///   resolving symbolic links; `shared`/`rshared` propagation denied); any other source is a
///   named volume, checked as it was created (a fact);
/// - `Mounts`: `Type` `bind` as a host path (plus `BindOptions.Propagation`); `volume` with
///   its `VolumeOptions.DriverConfig` (see `VolumeRules`) and, when named, the existing
///   volume (a fact); `tmpfs` and `image` allowed; `npipe`, `cluster` and anything dockerd
///   does not know denied;
/// - `VolumeDriver`: the driver for the container's named and anonymous volumes.
///
/// Restricted fields (`POST /services/create`, `POST /services/{id}/update`):
/// - `TaskTemplate.ContainerSpec.Mounts`, as `Mounts` above, with the type and propagation
///   read as swarmkit reads them (see `MountMode`: upper-cased, and a missing or empty
///   `Type` is a bind mount); there is no `image` type. A service's host paths and named
///   volumes are looked up on this daemon, although its tasks may run on other nodes.
///
/// Allowed values: named and anonymous volumes of the `local` driver without host-binding
/// options, tmpfs and image mounts, and (only if the profile allows host path prefixes)
/// bind mounts beneath them — read-only (`Binds` mode `ro`; `Mounts` `ReadOnly: true` without
/// `BindOptions.ReadOnlyNonRecursive`) when the profile sets `hostPathsReadOnly`. `VolumesFrom` is the `no-volumes-from-host` check.
enum CheckNoHostMounts {
    static let id = "no-host-mounts"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        .reading { () throws(ViewError) in
            if let host = context.request.hostConfig {
                if let driver = try host.volumeDriver.get(),
                    !VolumeRules.driverAllowed(driver, settings: context.settings)
                {
                    return .forbidden(
                        reason: "volume driver \(quoted(driver)) is not allowed",
                        detail: detail("\(host.path)VolumeDriver", driver))
                }
                for (index, raw) in (try host.binds.get() ?? []).enumerated() {
                    let result = bind(raw, detail: detail("\(host.path)Binds[\(index)]", raw), context: context)
                    if result != .allowed { return result }
                }
                return try mounts(host.mounts, path: "\(host.path)Mounts", mode: .container, context: context)
            }
            if let spec = try context.request.containerSpec() {
                return try mounts(spec.mounts, path: "\(spec.path)Mounts", mode: .service, context: context)
            }
            return .allowed
        }
    }

    static func mounts(_ field: Field<[MountView]>, path: String, mode: MountMode, context: CheckContext)
        throws(ViewError) -> CheckResult
    {
        for (index, mount) in (try field.get() ?? []).enumerated() {
            let result = try self.mount(mount, path: "\(path)[\(index)]", mode: mode, context: context)
            if result != .allowed { return result }
        }
        return .allowed
    }

    static func bind(_ raw: String, detail: String, context: CheckContext) -> CheckResult {
        let spec = BindSpec(raw)
        if let hostPath = spec.hostPath {
            if let mode = spec.sharedPropagation {
                return .forbidden(reason: "\(mode) mount propagation to the host is not allowed", detail: detail)
            }
            return readOnlyRequirement(
                HostPathRules.check(hostPath, detail: detail, context: context), hostPath: hostPath,
                readOnly: spec.isReadOnly, hint: "add :ro to -v", detail: detail, context: context)
        }
        if let name = spec.volumeName {
            return VolumeRules.checkNamed(name, detail: detail, context: context)
        }
        return .allowed
    }

    static func mount(_ mount: MountView, path: String, mode: MountMode, context: CheckContext) throws(ViewError)
        -> CheckResult
    {
        let type = try mount.type.get() ?? ""
        let source = try mount.source.get() ?? ""
        let fieldDetail = "\(path).Type=\(quoted(type)), Source=\(quoted(source))"
        switch mode.type(type) {
        case .bind:
            if let propagation = try mount.bindOptions.get()?.propagation.get(), mode.isShared(propagation) {
                return .forbidden(
                    reason: "\(propagation) mount propagation to the host is not allowed",
                    detail: "\(path).BindOptions.Propagation=\(quoted(propagation))")
            }
            let nonRecursive = try mount.bindOptions.get()?.readOnlyNonRecursive.get() == true
            let readOnly = try mount.readOnly.get() == true && !nonRecursive
            return readOnlyRequirement(
                HostPathRules.check(source, detail: fieldDetail, context: context), hostPath: source,
                readOnly: readOnly, hint: "add readonly to --mount", detail: fieldDetail, context: context)
        case .volume:
            if let driver = try mount.volumeOptions.get()?.driverConfig.get() {
                let result = VolumeRules.check(
                    driver: try driver.name.get() ?? "", options: try driver.options.get() ?? StringMap([]),
                    what: "the mount", detail: "\(path).VolumeOptions.DriverConfig", settings: context.settings)
                if result != .allowed { return result }
            }
            return source.isEmpty ? .allowed : VolumeRules.checkNamed(source, detail: fieldDetail, context: context)
        case .tmpfs, .image:
            return .allowed
        case .other:
            return .forbidden(reason: "mounts of type \(quoted(type)) are not allowed", detail: fieldDetail)
        }
    }
}

extension CheckNoHostMounts {
    /// An allowed host path under a profile that wants host paths read-only.
    static func readOnlyRequirement(
        _ result: CheckResult, hostPath: String, readOnly: Bool, hint: String, detail: String, context: CheckContext
    ) -> CheckResult {
        guard result == .allowed, context.settings.hostPathsReadOnly, !readOnly else { return result }
        return .forbidden(
            reason: "host path \(quoted(GoPath.clean(hostPath))) may only be mounted read-only: \(hint)", detail: detail
        )
    }
}

extension Check {
    public static let noHostMounts = Check(id: CheckNoHostMounts.id, CheckNoHostMounts.evaluate)
}
