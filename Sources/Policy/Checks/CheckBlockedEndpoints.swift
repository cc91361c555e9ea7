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
/// - `POST /services/create` and `POST /services/{id}/update` (their `ContainerSpec` is not
///   checked yet, so they are refused rather than let through);
/// - `POST /containers/{id}/checkpoints` (experimental: writes into a host directory);
/// - `/debug/*` (the daemon's command line, profiles), `OPTIONS`, and any request no route
///   matches.
///
/// Allowed: every other endpoint (the other checks look at the bodies they know).
enum CheckBlockedEndpoints {
    static let id = "blocked-endpoints"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let endpoint = context.request.endpoint
        guard let reason = reason(endpoint) else { return .allowed }
        return .forbidden(reason: reason, detail: "\(context.request.method) \(endpoint)")
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
        case .serviceCreate, .serviceUpdate:
            "creating or updating services is not allowed: dockgate does not check service specs yet"
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
