import DockerAPI
import Testing

/// The static facts the gate acts on before it sees a body or a response: which endpoints
/// take the connection over, which read a body and of what kind, which stream.
@Suite("Endpoint facts")
struct RoutingEndpointFactsTests {
    @Test("exactly attach, attach/ws, exec start, session and grpc hijack")
    func hijacks() {
        let hijacking = Dictionary(
            uniqueKeysWithValues: Endpoint.allCases.filter { $0.facts.hijack != .none }.map { ($0, $0.facts.hijack) })
        #expect(
            hijacking == [
                .containerAttach: .rawStream, .execStart: .rawStream, .containerAttachWebSocket: .webSocket,
                .session: .h2c, .grpc: .h2c,
            ])
    }

    @Test("JSON bodies: the endpoints whose body dockerd decodes as JSON")
    func jsonBodies() {
        let json = Set(Endpoint.allCases.filter { $0.facts.body == .json })
        #expect(
            json == [
                .checkpointCreate, .containerCreate, .containerCopy, .execCreate, .execStart, .containerUpdate,
                .containerCommit, .imagePush, .systemAuth, .volumeCreate, .volumeUpdate, .swarmInit, .swarmJoin,
                .swarmUpdate, .swarmUnlock, .serviceCreate, .serviceUpdate, .nodeUpdate, .secretCreate, .secretUpdate,
                .configCreate, .configUpdate, .pluginPull, .pluginUpgrade, .pluginSet, .networkCreate, .networkConnect,
                .networkDisconnect,
            ])
    }

    @Test("archive bodies: build context, image load and import, archive upload, plugin create")
    func archiveBodies() {
        let archives = Set(Endpoint.allCases.filter { $0.facts.body == .archive })
        #expect(archives == [.build, .imageLoad, .imageCreate, .containerArchivePut, .pluginCreate])
    }

    @Test(
        "no body: start (HostConfig below 1.24), attach, and every GET, HEAD, DELETE and OPTIONS",
        arguments: [Endpoint.containerStart, .containerAttach, .session, .grpc, .containerKill, .unknown])
    func noBody(_ endpoint: Endpoint) {
        #expect(endpoint.facts.body == .none)
    }

    @Test("routes for methods that carry no body in the Engine API read none")
    func bodylessMethods() {
        for route in RouteTable.union.routes where route.method != .post && route.method != .put {
            #expect(route.facts.body == .none, "\(route)")
        }
    }

    @Test("streaming responses")
    func streams() {
        let streaming = Set(Endpoint.allCases.filter { $0.facts.streamsResponse })
        for endpoint: Endpoint in [
            .systemEvents, .containerLogs, .containerStats, .containerWait, .containerExport, .containerArchiveGet,
            .build, .imageCreate, .imageLoad, .imagePush, .imageExport, .imageExportMany, .pluginPull, .pluginPush,
            .serviceLogs, .taskLogs, .debugPprofProfile, .debugPprofTrace, .containerAttach, .execStart, .session,
            .grpc, .containerAttachWebSocket,
        ] {
            #expect(streaming.contains(endpoint), "\(endpoint)")
        }
        for endpoint: Endpoint in [.containerCreate, .containerList, .systemPing, .systemInfo, .unknown] {
            #expect(!streaming.contains(endpoint), "\(endpoint)")
        }
        #expect(Endpoint.containerWait.facts.response == .longPoll)
    }

    @Test("every route of an endpoint states the same facts")
    func consistent() {
        for route in RouteTable.union.routes {
            #expect(route.facts == route.endpoint.facts, "\(route)")
        }
    }
}
