// The checkpoint and container routers, in registration order: 20.10
// `api/server/router/{checkpoint,container}/…`, master `daemon/server/router/…` (docker-routes.md
// §2.1–2.2). The checkpoint router comes first so that `/containers/{name}/checkpoints/{id}`
// is not taken by container removal.
extension RouteTable {
    static let checkpointRoutes: [Route] = [
        Route(.get, "/containers/{name:.*}/checkpoints", .checkpointList, experimental: true),
        Route(.post, "/containers/{name:.*}/checkpoints", .checkpointCreate, body: .json, experimental: true),
        Route(.delete, "/containers/{name}/checkpoints/{checkpoint}", .checkpointDelete, experimental: true),
    ]

    static let containerRoutes: [Route] = [
        Route(.head, "/containers/{name:.*}/archive", .containerArchiveStat),
        Route(.get, "/containers/json", .containerList),
        Route(.get, "/containers/{name:.*}/export", .containerExport, response: .archive),
        Route(.get, "/containers/{name:.*}/changes", .containerChanges),
        Route(.get, "/containers/{name:.*}/json", .containerInspect),
        Route(.get, "/containers/{name:.*}/top", .containerTop),
        Route(.get, "/containers/{name:.*}/logs", .containerLogs, response: .stream),
        Route(.get, "/containers/{name:.*}/stats", .containerStats, response: .stream),
        Route(
            .get, "/containers/{name:.*}/attach/ws", .containerAttachWebSocket, hijack: .webSocket, response: .stream),
        Route(.get, "/exec/{id:.*}/json", .execInspect),
        Route(.get, "/containers/{name:.*}/archive", .containerArchiveGet, response: .archive),
        Route(.post, "/containers/create", .containerCreate, body: .json),
        Route(.post, "/containers/{name:.*}/kill", .containerKill),
        Route(.post, "/containers/{name:.*}/pause", .containerPause),
        Route(.post, "/containers/{name:.*}/unpause", .containerUnpause),
        Route(.post, "/containers/{name:.*}/restart", .containerRestart),
        // 20.10 below API 1.24 decodes a body here as a HostConfig and applies it; master
        // rejects any body over 7 bytes. The gate allows none.
        Route(.post, "/containers/{name:.*}/start", .containerStart),
        Route(.post, "/containers/{name:.*}/stop", .containerStop),
        Route(.post, "/containers/{name:.*}/wait", .containerWait, response: .longPoll),
        Route(.post, "/containers/{name:.*}/resize", .containerResize),
        Route(.post, "/containers/{name:.*}/attach", .containerAttach, hijack: .rawStream, response: .stream),
        // 20.10 only (removed in v26.0.0): reads a file out of the container below API 1.24,
        // answers 404 from 1.24 on.
        Route(
            .post, "/containers/{name:.*}/copy", .containerCopy, body: .json, response: .archive, releases: [.v20]),
        Route(.post, "/containers/{name:.*}/exec", .execCreate, body: .json),
        Route(.post, "/exec/{name:.*}/start", .execStart, body: .json, hijack: .rawStream, response: .stream),
        Route(.post, "/exec/{name:.*}/resize", .execResize),
        Route(.post, "/containers/{name:.*}/rename", .containerRename),
        Route(.post, "/containers/{name:.*}/update", .containerUpdate, body: .json),
        Route(.post, "/containers/prune", .containerPrune, minimumAPIVersion: "1.25"),
        Route(.post, "/commit", .containerCommit, body: .json),
        Route(.put, "/containers/{name:.*}/archive", .containerArchivePut, body: .archive),
        Route(.delete, "/containers/{name:.*}", .containerDelete),
    ]
}
