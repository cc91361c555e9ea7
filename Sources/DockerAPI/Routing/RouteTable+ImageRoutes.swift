// The image and distribution routers, in registration order (docker-routes.md §2.3, §2.10).
// Image names keep their `/` and `:` (`{name:.*}`); the literal routes (`json`, `search`,
// `get`, `load`, `create`, `prune`) come first and win for their own method only.
extension RouteTable {
    static let imageRoutes: [Route] = [
        Route(.get, "/images/json", .imageList),
        Route(.get, "/images/search", .imageSearch),
        Route(.get, "/images/get", .imageExportMany, response: .archive),
        Route(.get, "/images/{name:.*}/get", .imageExport, response: .archive),
        Route(.get, "/images/{name:.*}/history", .imageHistory),
        Route(.get, "/images/{name:.*}/json", .imageInspect),
        Route(
            .get, "/images/{name:.*}/attestations", .imageAttestations, releases: [.master], minimumAPIVersion: "1.55"),
        Route(.post, "/images/load", .imageLoad, body: .archive, response: .stream),
        // A body only for an import with `fromSrc=-`; any other `fromSrc` is a URL the
        // daemon downloads.
        Route(.post, "/images/create", .imageCreate, body: .archive, response: .stream),
        // 20.10 requires a JSON AuthConfig body when `X-Registry-Auth` is absent.
        Route(.post, "/images/{name:.*}/push", .imagePush, body: .json, response: .stream),
        Route(.post, "/images/{name:.*}/tag", .imageTag),
        Route(.post, "/images/prune", .imagePrune, minimumAPIVersion: "1.25"),
        Route(.delete, "/images/{name:.*}", .imageDelete),
    ]

    static let distributionRoutes: [Route] = [
        Route(.get, "/distribution/{name:.*}/json", .distributionInspect, minimumAPIVersion: "1.30")
    ]
}
