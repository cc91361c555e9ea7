// The plugin and network routers, in registration order (docker-routes.md §2.9, §2.12).
// Plugin and network names may span `/` (`{name:.*}`, `{id:.*}`, `{id:.+}`).
extension RouteTable {
    static let pluginRoutes: [Route] = [
        Route(.get, "/plugins", .pluginList),
        Route(.get, "/plugins/{name:.*}/json", .pluginInspect),
        Route(.get, "/plugins/privileges", .pluginPrivileges),
        Route(.delete, "/plugins/{name:.*}", .pluginDelete),
        Route(.post, "/plugins/{name:.*}/enable", .pluginEnable),
        Route(.post, "/plugins/{name:.*}/disable", .pluginDisable),
        Route(.post, "/plugins/pull", .pluginPull, body: .json, response: .stream),
        Route(.post, "/plugins/{name:.*}/push", .pluginPush, response: .stream),
        Route(
            .post, "/plugins/{name:.*}/upgrade", .pluginUpgrade, body: .json, response: .stream,
            minimumAPIVersion: "1.26"),
        Route(.post, "/plugins/{name:.*}/set", .pluginSet, body: .json),
        Route(.post, "/plugins/create", .pluginCreate, body: .archive),
    ]

    static let networkRoutes: [Route] = [
        Route(.get, "/networks", .networkList),
        // Unreachable through the gate, which refuses every trailing slash.
        Route(.get, "/networks/", .networkList),
        Route(.get, "/networks/{id:.+}", .networkInspect),
        Route(.post, "/networks/create", .networkCreate, body: .json),
        Route(.post, "/networks/{id:.*}/connect", .networkConnect, body: .json),
        Route(.post, "/networks/{id:.*}/disconnect", .networkDisconnect, body: .json),
        Route(.post, "/networks/prune", .networkPrune, minimumAPIVersion: "1.25"),
        Route(.delete, "/networks/{id:.*}", .networkDelete),
    ]
}
