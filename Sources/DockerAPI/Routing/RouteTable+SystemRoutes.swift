// The system, volume, build, session, grpc and debug routers, in registration order
// (docker-routes.md §2.4–2.7, §2.11, §2.14).
extension RouteTable {
    static let systemRoutes: [Route] = [
        // CORS preflight for every path: 200, empty. Go's server answers `OPTIONS *` itself.
        Route(.options, "/{anyroute:.*}", .systemOptions),
        Route(.get, "/_ping", .systemPing),
        Route(.head, "/_ping", .systemPingHead),
        Route(.get, "/events", .systemEvents, response: .stream),
        Route(.get, "/info", .systemInfo),
        Route(.get, "/version", .systemVersion),
        Route(.get, "/system/df", .systemDiskUsage),
        Route(.post, "/auth", .systemAuth, body: .json),
    ]

    static let volumeRoutes: [Route] = [
        Route(.get, "/volumes", .volumeList),
        Route(.get, "/volumes/{name:.*}", .volumeInspect),
        Route(.post, "/volumes/create", .volumeCreate, body: .json),
        Route(.post, "/volumes/prune", .volumePrune, minimumAPIVersion: "1.25"),
        Route(.put, "/volumes/{name:.*}", .volumeUpdate, body: .json, releases: [.master], minimumAPIVersion: "1.42"),
        Route(.delete, "/volumes/{name:.*}", .volumeDelete),
    ]

    static let buildRoutes: [Route] = [
        Route(.post, "/build", .build, body: .archive, response: .stream),
        Route(.post, "/build/prune", .buildPrune, minimumAPIVersion: "1.31"),
        Route(.post, "/build/cancel", .buildCancel),
    ]

    /// BuildKit's client session: `Upgrade: h2c`, then dockerd speaks HTTP/2 as the client.
    static let sessionRoutes: [Route] = [
        Route(.post, "/session", .session, hijack: .h2c, response: .stream)
    ]

    /// BuildKit's control API over the hijacked connection (20.10: 11th router; master:
    /// last, and also served natively to HTTP/2 `application/grpc` requests on any path).
    static let grpcRoutes: [Route] = [
        Route(.post, "/grpc", .grpc, hijack: .h2c, response: .stream)
    ]

    /// master (since v28.0.0): an ordinary router, GET only, versioned and bare.
    static let debugRoutes: [Route] = debug(method: .get, prefix: .versionedThenBare, release: .master)

    /// 20.10: registered after every router, bare only, with no method matcher.
    static let legacyDebugRoutes: [Route] = debug(method: nil, prefix: .bareOnly, release: .v20)

    private static func debug(method: HTTPMethod?, prefix: Route.Prefix, release: DaemonRelease) -> [Route] {
        [
            ("/debug/vars", Endpoint.debugVars, EndpointFacts.Response.complete),
            ("/debug/pprof/", .debugPprof, .complete),
            ("/debug/pprof/cmdline", .debugPprofCmdline, .complete),
            ("/debug/pprof/profile", .debugPprofProfile, .stream),
            ("/debug/pprof/symbol", .debugPprofSymbol, .complete),
            ("/debug/pprof/trace", .debugPprofTrace, .stream),
            ("/debug/pprof/{name}", .debugPprofLookup, .complete),
        ].map { template, endpoint, response in
            Route(method, template, endpoint, response: response, prefix: prefix, releases: [release])
        }
    }
}
