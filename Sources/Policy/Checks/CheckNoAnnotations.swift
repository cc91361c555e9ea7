import DockerAPI

/// Check `no-annotations`: no OCI annotations.
///
/// Restricted field (`POST /containers/create`): `HostConfig.Annotations` (API 1.43, or the
/// top-level alias). dockerd passes them unchanged to the OCI runtime, and runc reads
/// `org.systemd.property.*` as arbitrary systemd unit properties and `org.criu.config` as a
/// host file path; crun and Kata read their own prefixes.
///
/// Allowed values: absent, `null` or `{}`.
enum CheckNoAnnotations {
    static let id = "no-annotations"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            guard let entry = try host.annotations.get()?.entries.first else { return .allowed }
            return .forbidden(
                reason: "OCI annotations are not allowed",
                detail: detail("\(host.path)Annotations.\(entry.key)", entry.value))
        }
    }
}

extension Check {
    public static let noAnnotations = Check(id: CheckNoAnnotations.id, CheckNoAnnotations.evaluate)
}
