import DockerAPI

/// Check `safe-volume-create`: a volume created through dockgate cannot later mount a host
/// path, a host device or a share reached from the host into a container.
///
/// Restricted fields (`POST /volumes/create`):
/// - `Driver`: allowed `""` and `local` (the built-in driver) and the profile's
///   `allowedVolumeDrivers` (default none); any other name is a volume plugin;
/// - `DriverOpts` of the `local` driver: only `size`. `type`, `o` (`bind`, `addr=…`) and
///   `device` make the volume a bind of a host path (`type=none,o=bind,device=/etc`), a host
///   block device or an NFS/CIFS mount made by the host (docker-api-surface.md §3.7); any
///   other key is refused by dockerd. Options of an allowed plugin are the plugin's business;
/// - `ClusterVolumeSpec` (API 1.42): denied unless absent or `null`. Any object, `{}`
///   included, makes dockerd create a swarm cluster volume through a CSI plugin, mounted on
///   whichever nodes the swarm picks, with the plugin's own options, secrets and topology —
///   none of which dockgate can judge.
///
/// `Name` and `Labels` are not restricted. These are the rules `no-host-mounts` applies to a
/// named volume (a fact) and to an inline `DriverConfig`.
enum CheckSafeVolumeCreate {
    static let id = "safe-volume-create"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard case .volumeCreate(let volume) = context.request.body else { return .allowed }
        return .reading { () throws(ViewError) in
            let driver = try volume.driver.get() ?? ""
            let options = try volume.driverOpts.get() ?? StringMap([])
            if let problem = VolumeRules.problem(driver: driver, options: options, settings: context.settings) {
                let place: String
                switch problem {
                case .driver: place = detail("Driver", driver)
                case .option(let option): place = detail("DriverOpts.\(option.key)", option.value)
                }
                return .forbidden(reason: problem.reason(what: "the volume", driver: driver), detail: place)
            }
            if try volume.clusterVolumeSpec.get() != nil {
                return .forbidden(
                    reason: "cluster (CSI) volumes are not allowed; create a local volume", detail: "ClusterVolumeSpec")
            }
            return .allowed
        }
    }
}

extension Check {
    public static let safeVolumeCreate = Check(id: CheckSafeVolumeCreate.id, CheckSafeVolumeCreate.evaluate)
}
