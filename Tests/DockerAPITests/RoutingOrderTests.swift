import DockerAPI
import Testing

/// First match wins (docker-routes.md §1.3, §1.5): literals before names for their own
/// method only, the checkpoint router before the container router, names that span `/`,
/// wrong methods falling through to 404.
@Suite("Route order and shadowing")
struct RoutingOrderTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let line: String
        let endpoint: Endpoint
        let parameters: [String: String]
        var testDescription: String { line }

        init(_ line: String, _ endpoint: Endpoint, _ parameters: [String: String] = [:]) {
            self.line = line
            self.endpoint = endpoint
            self.parameters = parameters
        }
    }

    static let rows: [Row] = [
        // Literals win at their exact path, for their own method.
        Row("GET /containers/json", .containerList),
        Row("GET /containers/json/json", .containerInspect, ["name": "json"]),
        Row("POST /containers/create", .containerCreate),
        Row("POST /containers/create/start", .containerStart, ["name": "create"]),
        Row("POST /containers/prune", .containerPrune),
        Row("GET /images/json", .imageList),
        Row("GET /images/json/json", .imageInspect, ["name": "json"]),
        Row("GET /images/search", .imageSearch),
        Row("GET /images/get", .imageExportMany),
        Row("GET /images/x/get", .imageExport, ["name": "x"]),
        Row("POST /images/load", .imageLoad),
        Row("POST /images/create", .imageCreate),
        Row("POST /images/prune", .imagePrune),
        Row("GET /plugins/privileges", .pluginPrivileges),
        Row("POST /plugins/pull", .pluginPull),
        Row("POST /plugins/create", .pluginCreate),
        Row("POST /volumes/create", .volumeCreate),
        Row("POST /networks/create", .networkCreate),
        Row("POST /services/create", .serviceCreate),
        Row("POST /secrets/create", .secretCreate),
        Row("POST /configs/create", .configCreate),
        // Other methods read the literal as a name.
        Row("DELETE /containers/json", .containerDelete, ["name": "json"]),
        Row("DELETE /containers/create", .containerDelete, ["name": "create"]),
        Row("DELETE /images/json", .imageDelete, ["name": "json"]),
        Row("GET /volumes/create", .volumeInspect, ["name": "create"]),
        Row("DELETE /volumes/prune", .volumeDelete, ["name": "prune"]),
        Row("DELETE /networks/prune", .networkDelete, ["id": "prune"]),
        Row("GET /networks/create", .networkInspect, ["id": "create"]),
        Row("DELETE /plugins/pull", .pluginDelete, ["name": "pull"]),
        Row("GET /services/create", .serviceInspect, ["id": "create"]),
        Row("DELETE /services/create", .serviceDelete, ["id": "create"]),
        // Checkpoint routes come first.
        Row("DELETE /containers/a/checkpoints/b", .checkpointDelete, ["name": "a", "checkpoint": "b"]),
        Row("DELETE /containers/a/b/checkpoints/c", .containerDelete, ["name": "a/b/checkpoints/c"]),
        Row("GET /containers/x/checkpoints", .checkpointList, ["name": "x"]),
        Row("POST /containers/x/checkpoints", .checkpointCreate, ["name": "x"]),
        Row("GET /containers/a/b/checkpoints", .checkpointList, ["name": "a/b"]),
        // Container names span `/` (legacy link aliases).
        Row("GET /containers/web/db/json", .containerInspect, ["name": "web/db"]),
        Row("POST /containers/web/db/exec", .execCreate, ["name": "web/db"]),
        Row("DELETE /containers/web/db", .containerDelete, ["name": "web/db"]),
        Row("DELETE /containers/x/archive", .containerDelete, ["name": "x/archive"]),
        Row("POST /containers/x/json/start", .containerStart, ["name": "x/json"]),
        // Image names keep `/` and `:`; push and tag take everything before the last segment.
        Row("GET /images/library/ubuntu:22.04/json", .imageInspect, ["name": "library/ubuntu:22.04"]),
        Row("DELETE /images/sha256:abcd", .imageDelete, ["name": "sha256:abcd"]),
        Row("DELETE /images/docker.io/library/busybox:1", .imageDelete, ["name": "docker.io/library/busybox:1"]),
        Row("POST /images/docker.io/library/busybox/push", .imagePush, ["name": "docker.io/library/busybox"]),
        Row("POST /images/a/b/tag", .imageTag, ["name": "a/b"]),
        Row("POST /images/x/tag/push", .imagePush, ["name": "x/tag"]),
        Row("POST /images/x/push/tag", .imageTag, ["name": "x/push"]),
        Row("GET /images/x/json/history", .imageHistory, ["name": "x/json"]),
        Row("GET /images/x/attestations/json", .imageInspect, ["name": "x/attestations"]),
        // Networks, volumes and plugins take any remaining path for their method.
        Row("GET /networks/foo/connect", .networkInspect, ["id": "foo/connect"]),
        Row("POST /networks/a/b/connect", .networkConnect, ["id": "a/b"]),
        Row("DELETE /networks/a/b", .networkDelete, ["id": "a/b"]),
        Row("GET /volumes/a/b", .volumeInspect, ["name": "a/b"]),
        Row("DELETE /plugins/vieux/sshfs:latest", .pluginDelete, ["name": "vieux/sshfs:latest"]),
        Row("POST /plugins/vieux/sshfs:latest/enable", .pluginEnable, ["name": "vieux/sshfs:latest"]),
        Row(
            "GET /distribution/docker.io/library/busybox:latest/json", .distributionInspect,
            ["name": "docker.io/library/busybox:latest"]),
        // Swarm ids are one segment.
        Row("GET /services/a", .serviceInspect, ["id": "a"]),
        Row("GET /services/a/b", .unknown),
        Row("POST /nodes/a/b/update", .unknown),
        Row("GET /tasks/a/logs", .taskLogs, ["id": "a"]),
        // Look-alike paths with another method or suffix.
        Row("GET /containers/x/attach/ws", .containerAttachWebSocket, ["name": "x"]),
        Row("POST /containers/x/attach", .containerAttach, ["name": "x"]),
        Row("POST /containers/x/attach/ws", .unknown),
        Row("GET /containers/x/attach", .unknown),
        Row("GET /containers/x/archive", .containerArchiveGet, ["name": "x"]),
        Row("HEAD /containers/x/archive", .containerArchiveStat, ["name": "x"]),
        Row("PUT /containers/x/archive", .containerArchivePut, ["name": "x"]),
        Row("GET /exec/x/json", .execInspect, ["id": "x"]),
        Row("POST /exec/x/start", .execStart, ["name": "x"]),
        Row("GET /exec/x/start", .unknown),
        // Wrong method on a known path: 404 in dockerd, unknown here.
        Row("GET /containers/create", .unknown),
        Row("PUT /containers/json", .unknown),
        Row("HEAD /containers/json", .unknown),
        Row("HEAD /version", .unknown),
        Row("POST /_ping", .unknown),
        Row("DELETE /_ping", .unknown),
        Row("GET /build", .unknown),
        Row("GET /session", .unknown),
        Row("GET /grpc", .unknown),
        Row("POST /info", .unknown),
        Row("GET /commit", .unknown),
        Row("PUT /containers/x/start", .unknown),
        Row("HEAD /images/x/json", .unknown),
        // Case and unknown paths.
        Row("GET /VERSION", .unknown),
        Row("GET /Containers/json", .unknown),
        Row("GET /v1.41/nonexistent", .unknown),
        Row("GET /", .unknown),
        Row("GET /swarm", .swarmInspect),
        Row("GET /swarm/unlockkey", .swarmUnlockKey),
        Row("GET /swarm/x", .unknown),
        // OPTIONS matches every path, before any later route.
        Row("OPTIONS /", .systemOptions, ["anyroute": ""]),
        Row("OPTIONS /containers/json", .systemOptions, ["anyroute": "containers/json"]),
        Row("OPTIONS /v1.41/containers/create", .systemOptions, ["anyroute": "containers/create"]),
        Row("OPTIONS /debug/vars", .systemOptions, ["anyroute": "debug/vars"]),
        Row("OPTIONS /V1.41/x", .systemOptions, ["anyroute": "V1.41/x"]),
    ]

    @Test("first match wins", arguments: rows)
    func firstMatch(_ row: Row) throws {
        let classified = try RoutingTest.classify(row.line)
        #expect(classified.endpoint == row.endpoint)
        var parameters: [String: String] = [:]
        for parameter in classified.parameters.parameters { parameters[parameter.name] = parameter.value }
        #expect(parameters == row.parameters)
    }

    @Test("the versioned OPTIONS twin wins and carries the version")
    func optionsVersion() throws {
        #expect(try RoutingTest.classify("OPTIONS /v1.41/containers/json").version == .versioned("1.41"))
        #expect(try RoutingTest.classify("OPTIONS /containers/json").version == .unversioned)
    }

    struct ReleaseRow: Sendable, CustomTestStringConvertible {
        let line: String
        let v20: Endpoint
        let master: Endpoint
        let union: Endpoint
        var testDescription: String { line }
    }

    static let releaseRows: [ReleaseRow] = [
        // 20.10: debug is bare only, any method; master: GET only, versioned too.
        ReleaseRow(line: "GET /debug/vars", v20: .debugVars, master: .debugVars, union: .debugVars),
        ReleaseRow(line: "GET /v1.41/debug/vars", v20: .unknown, master: .debugVars, union: .debugVars),
        ReleaseRow(line: "POST /debug/vars", v20: .debugVars, master: .unknown, union: .debugVars),
        ReleaseRow(
            line: "DELETE /debug/pprof/heap", v20: .debugPprofLookup, master: .unknown, union: .debugPprofLookup),
        ReleaseRow(
            line: "HEAD /debug/pprof/profile", v20: .debugPprofProfile, master: .unknown, union: .debugPprofProfile),
        ReleaseRow(
            line: "POST /debug/pprof/symbol", v20: .debugPprofSymbol, master: .unknown, union: .debugPprofSymbol),
        ReleaseRow(line: "POST /v1.41/debug/pprof/symbol", v20: .unknown, master: .unknown, union: .unknown),
        ReleaseRow(line: "OPTIONS /debug/vars", v20: .systemOptions, master: .systemOptions, union: .systemOptions),
        ReleaseRow(line: "GET /debug/pprof/a/b", v20: .unknown, master: .unknown, union: .unknown),
        // Routes only one release has.
        ReleaseRow(line: "POST /containers/x/copy", v20: .containerCopy, master: .unknown, union: .containerCopy),
        ReleaseRow(
            line: "GET /images/x/attestations", v20: .unknown, master: .imageAttestations, union: .imageAttestations),
        ReleaseRow(line: "PUT /volumes/x", v20: .unknown, master: .volumeUpdate, union: .volumeUpdate),
        // Router order differs, the answer does not.
        ReleaseRow(line: "POST /grpc", v20: .grpc, master: .grpc, union: .grpc),
        ReleaseRow(line: "GET /networks", v20: .networkList, master: .networkList, union: .networkList),
    ]

    @Test("per-release tables and the union", arguments: releaseRows)
    func releases(_ row: ReleaseRow) throws {
        #expect(try RoutingTest.classify(row.line, table: .v20).endpoint == row.v20)
        #expect(try RoutingTest.classify(row.line, table: .master).endpoint == row.master)
        #expect(try RoutingTest.classify(row.line, table: .union).endpoint == row.union)
    }

    @Test("GET /networks/ is a list route that mux matches but the gate never reaches")
    func networksTrailingSlash() {
        #expect(RoutingTest.refusal("GET /networks/")?.code == .trailingSlash)
        #expect(RouteTable.union.classify(RoutingTest.request(.get, path: "/networks/")).endpoint == .networkList)
        #expect(
            RouteTable.union.classify(RoutingTest.request(.delete, path: "/containers/")).endpoint == .containerDelete)
    }
}
