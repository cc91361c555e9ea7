/// dockerd's routes in its registration order, and the first-match classification
/// gorilla/mux performs over them.
///
/// `union` (the default) holds every route of 20.10 and master. The two releases register
/// the same routes in the same order except where their sets differ (20.10's legacy
/// `/copy`; master's attestations and volume update; the debug routes) and in the position
/// of three routers whose paths overlap no other route's (grpc, network, debug), so the
/// union classifies every request as the release that has the route would. The
/// per-release tables are exact copies of each daemon's.
public struct RouteTable: Sendable {
    /// `nil` for the union of both releases.
    public let release: DaemonRelease?
    public let routes: [Route]

    private init(release: DaemonRelease?, routers: [[Route]]) {
        self.release = release
        self.routes = routers.joined().filter { route in release.map { route.releases.contains($0) } ?? true }
    }

    /// Every route of 20.10 and master: master's router order, then 20.10's debug routes
    /// (bare only, any method), which 20.10 registers after every router.
    public static let union = RouteTable(
        release: nil,
        routers: [
            checkpointRoutes, containerRoutes, imageRoutes, systemRoutes, volumeRoutes, buildRoutes, sessionRoutes,
            swarmRoutes, pluginRoutes, distributionRoutes, networkRoutes, debugRoutes, grpcRoutes, legacyDebugRoutes,
        ])

    /// dockerd 20.10's table (`initRouter` in `cmd/dockerd/daemon.go`, then `createMux`).
    public static let v20 = RouteTable(
        release: .v20,
        routers: [
            checkpointRoutes, containerRoutes, imageRoutes, systemRoutes, volumeRoutes, buildRoutes, sessionRoutes,
            swarmRoutes, pluginRoutes, distributionRoutes, grpcRoutes, networkRoutes, legacyDebugRoutes,
        ])

    /// moby master's table (`buildRouters` in `daemon/command/daemon.go`).
    public static let master = RouteTable(
        release: .master,
        routers: [
            checkpointRoutes, containerRoutes, imageRoutes, systemRoutes, volumeRoutes, buildRoutes, sessionRoutes,
            swarmRoutes, pluginRoutes, distributionRoutes, networkRoutes, debugRoutes, grpcRoutes,
        ])

    public static func table(for release: DaemonRelease) -> RouteTable {
        switch release {
        case .v20: v20
        case .master: master
        }
    }

    /// The first route whose method and path both match, as mux picks it; `Endpoint.unknown`
    /// when none does, whatever the reason (dockerd answers 404 for an unknown path and
    /// for a known path with another method alike).
    public func classify(_ request: CanonicalRequest) -> ClassifiedRequest {
        for route in routes {
            guard let match = route.match(method: request.method, path: request.path) else { continue }
            let version = match.version.flatMap(APIVersion.init).map(RequestVersion.versioned) ?? .unversioned
            return ClassifiedRequest(request: request, route: route, parameters: match.variables, version: version)
        }
        return ClassifiedRequest(request: request, route: nil, parameters: PathParameters(), version: request.version)
    }

    /// Canonicalises and classifies in one step.
    public func classify(
        method: String, target: String, configuration: RoutingConfiguration = RoutingConfiguration()
    ) -> Result<ClassifiedRequest, Refusal> {
        CanonicalRequest.canonicalise(method: method, target: target, configuration: configuration).map(classify)
    }
}

/// A canonical request and the route it reaches.
public struct ClassifiedRequest: Sendable {
    public let request: CanonicalRequest
    /// `nil` for `Endpoint.unknown`.
    public let route: Route?
    /// The route's path variables (`parameters["name"]`).
    public let parameters: PathParameters
    /// The version the handler sees: the prefix when the versioned form of the route
    /// matched, else `.unversioned` (the daemon's default).
    public let version: RequestVersion

    public var endpoint: Endpoint { route?.endpoint ?? .unknown }
    public var facts: EndpointFacts { route?.facts ?? .unknown }
}
