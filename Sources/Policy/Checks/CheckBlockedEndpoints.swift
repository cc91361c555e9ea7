import DockerAPI

/// Check `blocked-endpoints`: endpoints that hand out the host whatever their body says, or
/// whose requests the baseline cannot inspect yet, are refused outright.
///
/// Restricted: the endpoint (method and route), by `Endpoint`:
/// - BuildKit's `POST /session` and `POST /grpc` (HTTP/2 after the upgrade: `RUN
///   --network=host`, entitlements and frontends are invisible to an HTTP gate);
/// - every plugin endpoint but the reads (`GET /plugins`, `…/json`, `/plugins/privileges`):
///   a plugin runs with whatever mounts, namespaces and capabilities its config asks for;
/// - `POST /swarm/init|join|update|unlock|leave`, `GET /swarm` (join tokens) and
///   `GET /swarm/unlockkey`, `POST /nodes/{id}/update`;
/// - `POST /services/{id}/update?rollback=previous`: the swarm applies the service's previous
///   spec, which the request does not carry, so no check sees it (`""` and `none`, no
///   rollback, are allowed; dockerd refuses any other value). Service bodies themselves are
///   checked by the container rules (`TaskTemplate.ContainerSpec` and the rest);
/// - `POST /containers/{id}/checkpoints` (experimental: writes into a host directory);
/// - `/debug/*` (the daemon's command line, profiles), `OPTIONS`, and any request no route
///   matches.
///
/// Allowed: every other endpoint (the other checks look at the bodies they know).
enum CheckBlockedEndpoints {
    static let id = "blocked-endpoints"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let request = context.request
        if let reason = reason(request.endpoint) {
            return .forbidden(reason: reason, detail: "\(request.method) \(request.endpoint)")
        }
        let rollback = request.query.formValue("rollback")
        if request.endpoint == .serviceUpdate, !["", "none"].containsBytes(rollback) {
            return .forbidden(
                reason: "rolling a service back is not allowed: dockerd would apply the previous spec, which dockgate"
                    + " cannot check; update the service with the spec you want instead",
                detail: detail("rollback", rollback))
        }
        return .allowed
    }

    static func reason(_ endpoint: Endpoint) -> String? {
        switch endpoint {
        case .session, .grpc:
            "BuildKit sessions are not allowed; build with DOCKER_BUILDKIT=0"
        case .pluginDelete, .pluginEnable, .pluginDisable, .pluginPull, .pluginPush, .pluginUpgrade, .pluginSet,
            .pluginCreate:
            "managing plugins is not allowed"
        case .swarmInit, .swarmJoin, .swarmUpdate, .swarmUnlock, .swarmLeave, .swarmInspect, .swarmUnlockKey,
            .nodeUpdate:
            "managing the swarm is not allowed"
        case .checkpointCreate:
            "creating checkpoints is not allowed"
        case .debugVars, .debugPprof, .debugPprofCmdline, .debugPprofProfile, .debugPprofSymbol, .debugPprofTrace,
            .debugPprofLookup:
            "the daemon's debug endpoints are not allowed"
        case .systemOptions:
            "OPTIONS requests are not allowed"
        case .unknown:
            "dockerd has no such endpoint"
        default:
            nil
        }
    }
}

extension Check {
    public static let blockedEndpoints = Check(id: CheckBlockedEndpoints.id, CheckBlockedEndpoints.evaluate)
}
