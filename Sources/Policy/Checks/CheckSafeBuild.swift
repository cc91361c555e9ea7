import DockerAPI

/// Check `safe-build`: a legacy `POST /build` must not give its build containers host access,
/// nor make the daemon fetch from the network or run a frontend of the caller's choosing.
///
/// Restricted query parameters (read as dockerd's handler reads them: the first value; form
/// bodies, which Go would merge in, are refused by the framing guards):
/// - `networkmode`: allowed `""`, `default`, `bridge`, `none`; `host` and `container:<ref>`
///   ran the classic builder's RUN steps in that namespace (docker-api-surface.md §3.5);
/// - `cgroupparent`: must be empty;
/// - `remote`: must be empty (the daemon fetches the URL from the host: SSRF);
/// - `buildargs` (JSON `map[string]*string`): no `BUILDKIT_SYNTAX` key (it selects an
///   arbitrary BuildKit frontend image); JSON the strict reader refuses is denied.
enum CheckSafeBuild {
    static let id = "safe-build"

    static let allowedNetworkModes = ["", "default", "bridge", "none"]

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard context.request.endpoint == .build else { return .allowed }
        let query = context.request.query
        let networkMode = query.formValue("networkmode")
        if !allowedNetworkModes.containsBytes(networkMode) {
            return .forbidden(
                reason: "building with network mode \(quoted(networkMode)) is not allowed",
                detail: detail("networkmode", networkMode))
        }
        for name in ["cgroupparent", "remote"] where !query.formValue(name).isEmpty {
            let value = query.formValue(name)
            return .forbidden(reason: "the build parameter \(name) is not allowed", detail: detail(name, value))
        }
        let buildArgs = query.formValue("buildargs")
        guard !buildArgs.isEmpty else { return .allowed }
        let parsed: JSONValue
        do {
            parsed = try StrictJSONParser.parse(Array(buildArgs.utf8))
        } catch {
            return .forbidden(
                reason: "the build arguments cannot be read unambiguously: \(error.reason)",
                detail: detail("buildargs", buildArgs))
        }
        switch parsed {
        case .object(let arguments):
            if arguments.value(forMapKey: "BUILDKIT_SYNTAX").isAbsent { return .allowed }
            return .forbidden(
                reason: "the build argument BUILDKIT_SYNTAX (a custom BuildKit frontend) is not allowed",
                detail: detail("buildargs", buildArgs))
        case .null:
            return .allowed
        case .array, .string, .number, .bool:
            return .forbidden(
                reason: "the build arguments must be a JSON object", detail: detail("buildargs", buildArgs))
        }
    }
}

extension Check {
    public static let safeBuild = Check(id: CheckSafeBuild.id, CheckSafeBuild.evaluate)
}
