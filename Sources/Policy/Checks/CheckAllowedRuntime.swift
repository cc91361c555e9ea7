import DockerAPI

/// Check `allowed-runtime`: the container runs under an OCI runtime the profile allows.
///
/// Restricted field (`POST /containers/create`): `HostConfig.Runtime` (or the top-level alias).
/// From 23.0 dockerd also accepts any containerd shim name with a dot
/// (`io.containerd.runsc.v1`), which picks a differently isolated runtime.
///
/// Allowed values: absent, `null` or `""` (the daemon's default runtime), and the profile's
/// `allowedRuntimes` (default `runc`), compared by bytes.
enum CheckAllowedRuntime {
    static let id = "allowed-runtime"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            guard let runtime = try host.runtime.get(), !runtime.isEmpty,
                !context.settings.allowedRuntimes.containsBytes(runtime)
            else { return .allowed }
            return .forbidden(
                reason: "runtime \(quoted(runtime)) is not allowed", detail: detail("\(host.path)Runtime", runtime))
        }
    }
}

extension Check {
    public static let allowedRuntime = Check(id: CheckAllowedRuntime.id, CheckAllowedRuntime.evaluate)
}
