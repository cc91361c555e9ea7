import DockerAPI

/// Check `read-only-rootfs`: the container's root filesystem is mounted read-only (CIS Docker
/// Benchmark 5.13), so a compromised process cannot change the image's programs.
///
/// Restricted fields:
/// - `POST /containers/create` (`HostConfig.*` or the top-level aliases): `ReadonlyRootfs`
///   must be true;
/// - `POST /services/create`, `POST /services/{id}/update`:
///   `TaskTemplate.ContainerSpec.ReadOnly` must be true.
///
/// Writable places stay available through `--tmpfs` and volumes (held to the baseline's mount
/// rules).
enum CheckReadOnlyRootfs {
    static let id = "read-only-rootfs"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let request = context.request
        return .reading { () throws(ViewError) in
            if let host = request.hostConfig {
                if try host.readonlyRootfs.get() == true { return .allowed }
                return .forbidden(
                    reason: "a read-only root filesystem is required: add --read-only (and --tmpfs for the"
                        + " directories the program writes to)",
                    detail: "\(host.path)ReadonlyRootfs=false")
            }
            if request.serviceSpec != nil {
                let spec = try request.containerSpec()
                if try spec?.readOnly.get() == true { return .allowed }
                return .forbidden(
                    reason: "a read-only root filesystem is required: add --read-only",
                    detail: "\(spec?.path ?? "TaskTemplate.ContainerSpec.")ReadOnly=false")
            }
            return .allowed
        }
    }
}

extension Check {
    public static let readOnlyRootfs = Check(id: CheckReadOnlyRootfs.id, CheckReadOnlyRootfs.evaluate)
}
