import DockerAPI

/// Check `allowed-runtime`: the container runs under an OCI runtime the profile allows, and a
/// service runs containers, not plugins.
///
/// Restricted fields:
/// - `POST /containers/create`: `HostConfig.Runtime` (or the top-level alias). From 23.0
///   dockerd also accepts any containerd shim name with a dot (`io.containerd.runsc.v1`),
///   which picks a differently isolated runtime;
/// - `POST /services/create`, `POST /services/{id}/update`: `TaskTemplate.Runtime`, compared
///   exactly as dockerd's converter does — `plugin` (with `PluginSpec`) installs and enables
///   a managed plugin on every node, with whatever mounts, namespaces and capabilities it
///   asks for (docker-api-surface.md §3.9, §3.10); and `TaskTemplate.PluginSpec` itself.
///   (Service tasks always use the daemon's default OCI runtime.)
///
/// Allowed values: `Runtime` absent, `null` or `""` (the daemon's default runtime), and the
/// profile's `allowedRuntimes` (default `runc`), compared by bytes. `TaskTemplate.Runtime`
/// absent, `null`, `""` or `container`; `TaskTemplate.PluginSpec` absent or `null`.
enum CheckAllowedRuntime {
    static let id = "allowed-runtime"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        .reading { () throws(ViewError) in
            if let host = context.request.hostConfig {
                guard let runtime = try host.runtime.get(), !runtime.isEmpty,
                    !context.settings.allowedRuntimes.containsBytes(runtime)
                else { return .allowed }
                return .forbidden(
                    reason: "runtime \(quoted(runtime)) is not allowed", detail: detail("\(host.path)Runtime", runtime))
            }
            guard let template = try context.request.taskTemplate() else { return .allowed }
            if let runtime = try template.runtime.get(), !["", "container"].containsBytes(runtime) {
                return .forbidden(
                    reason: "services that run \(quoted(runtime)) tasks are not allowed; run containers",
                    detail: detail("\(template.path)Runtime", runtime))
            }
            if try template.pluginSpec.get() != nil {
                return .forbidden(
                    reason: "services that install plugins are not allowed", detail: "\(template.path)PluginSpec")
            }
            return .allowed
        }
    }
}

extension Check {
    public static let allowedRuntime = Check(id: CheckAllowedRuntime.id, CheckAllowedRuntime.evaluate)
}
