// The swarm router, in registration order (docker-routes.md §2.8). Every `{id}` is one
// segment. master wraps every secrets route in `WithMinimumAPIVersion("1.25")` and every
// configs route in `"1.30"`.
extension RouteTable {
    static let swarmRoutes: [Route] = [
        Route(.post, "/swarm/init", .swarmInit, body: .json),
        Route(.post, "/swarm/join", .swarmJoin, body: .json),
        Route(.post, "/swarm/leave", .swarmLeave),
        Route(.get, "/swarm", .swarmInspect),
        Route(.get, "/swarm/unlockkey", .swarmUnlockKey),
        Route(.post, "/swarm/update", .swarmUpdate, body: .json),
        Route(.post, "/swarm/unlock", .swarmUnlock, body: .json),

        Route(.get, "/services", .serviceList),
        Route(.get, "/services/{id}", .serviceInspect),
        Route(.post, "/services/create", .serviceCreate, body: .json),
        Route(.post, "/services/{id}/update", .serviceUpdate, body: .json),
        Route(.delete, "/services/{id}", .serviceDelete),
        Route(.get, "/services/{id}/logs", .serviceLogs, response: .stream),

        Route(.get, "/nodes", .nodeList),
        Route(.get, "/nodes/{id}", .nodeInspect),
        Route(.delete, "/nodes/{id}", .nodeDelete),
        Route(.post, "/nodes/{id}/update", .nodeUpdate, body: .json),

        Route(.get, "/tasks", .taskList),
        Route(.get, "/tasks/{id}", .taskInspect),
        Route(.get, "/tasks/{id}/logs", .taskLogs, response: .stream),

        Route(.get, "/secrets", .secretList, minimumAPIVersion: "1.25"),
        Route(.post, "/secrets/create", .secretCreate, body: .json, minimumAPIVersion: "1.25"),
        Route(.delete, "/secrets/{id}", .secretDelete, minimumAPIVersion: "1.25"),
        Route(.get, "/secrets/{id}", .secretInspect, minimumAPIVersion: "1.25"),
        Route(.post, "/secrets/{id}/update", .secretUpdate, body: .json, minimumAPIVersion: "1.25"),

        Route(.get, "/configs", .configList, minimumAPIVersion: "1.30"),
        Route(.post, "/configs/create", .configCreate, body: .json, minimumAPIVersion: "1.30"),
        Route(.delete, "/configs/{id}", .configDelete, minimumAPIVersion: "1.30"),
        Route(.get, "/configs/{id}", .configInspect, minimumAPIVersion: "1.30"),
        Route(.post, "/configs/{id}/update", .configUpdate, body: .json, minimumAPIVersion: "1.30"),
    ]
}
