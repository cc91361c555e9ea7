import DockerAPI
import Testing

/// The route tables: dockerd's registration order exactly, and every route reachable from a
/// sample path generated from its own template, bare and behind the version prefix.
@Suite("Route table")
struct RoutingRouteTableTests {
    /// `"METHOD template"` per route, `*` for any method.
    static func listing(_ table: RouteTable) -> [String] {
        table.routes.map { "\($0.method?.rawValue ?? "*") \($0.template.text)" }
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }

    @Test("20.10: the 121 routes of v20.10.24 in registration order")
    func orderV20() {
        #expect(Self.listing(.v20) == Self.lines(Self.registeredV20))
    }

    @Test("master: the 122 routes of b985e2313a in registration order")
    func orderMaster() {
        #expect(Self.listing(.master) == Self.lines(Self.registeredMaster))
    }

    @Test("the union holds every route of both, each release's in its own relative order")
    func union() {
        let union = Self.listing(.union)
        #expect(union.count == 130)
        #expect(Set(union) == Set(Self.lines(Self.registeredV20) + Self.lines(Self.registeredMaster)))
        for release in DaemonRelease.allCases {
            let own = Self.listing(RouteTable.table(for: release))
            let filtered = RouteTable.union.routes.filter { $0.releases.contains(release) }
            #expect(Set(filtered.map { "\($0.method?.rawValue ?? "*") \($0.template.text)" }) == Set(own))
        }
    }

    @Test("release annotations and master's minimum API versions")
    func annotations() throws {
        func route(_ endpoint: Endpoint) throws -> Route {
            try #require(RouteTable.union.routes.first { $0.endpoint == endpoint })
        }
        #expect(try route(.containerCopy).releases == [.v20])
        #expect(try route(.imageAttestations).releases == [.master])
        #expect(try route(.imageAttestations).minimumAPIVersion == "1.55")
        #expect(try route(.volumeUpdate).releases == [.master])
        #expect(try route(.volumeUpdate).minimumAPIVersion == "1.42")
        #expect(try route(.pluginUpgrade).minimumAPIVersion == "1.26")
        #expect(try route(.buildPrune).minimumAPIVersion == "1.31")
        #expect(try route(.distributionInspect).minimumAPIVersion == "1.30")
        #expect(try route(.containerCreate).minimumAPIVersion == nil)
        let minimums = RouteTable.union.routes.compactMap { route in
            route.minimumAPIVersion.map { (route.endpoint, $0) }
        }
        #expect(minimums.count == 19)
        for (endpoint, minimum) in minimums where endpoint.rawValue.hasPrefix("secret.") { #expect(minimum == "1.25") }
        for (endpoint, minimum) in minimums where endpoint.rawValue.hasPrefix("config.") { #expect(minimum == "1.30") }
        #expect(
            RouteTable.union.routes.filter(\.experimental).map(\.endpoint) == [
                .checkpointList, .checkpointCreate, .checkpointDelete,
            ])
    }

    @Test("every endpoint but unknown has a route; ids are unique and dotted lower case")
    func endpoints() {
        let routed = Set(RouteTable.union.routes.map(\.endpoint))
        #expect(routed == Set(Endpoint.allCases).subtracting([.unknown]))
        #expect(Set(Endpoint.allCases.map(\.id)).count == Endpoint.allCases.count)
        for endpoint in Endpoint.allCases {
            #expect(endpoint.id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2E }, "\(endpoint.id)")
        }
    }

    /// The template with every variable replaced by a sample value: one segment for `{x}`,
    /// two for `{x:.*}` and `{x:.+}` (names that span `/`).
    static func sample(_ template: PathTemplate) -> (path: String, values: [String]) {
        var path = ""
        var values: [String] = []
        var rest = Substring(template.text)
        while let open = rest.firstIndex(of: "{"), let close = rest.firstIndex(of: "}") {
            path += rest[..<open]
            let value = rest[open..<close].contains(":") ? "sample/one" : "sample"
            path += value
            values.append(value)
            rest = rest[rest.index(after: close)...]
        }
        return (path + rest, values)
    }

    static func check(_ route: Route, in table: RouteTable) throws {
        let (path, values) = sample(route.template)
        let methods = route.method.map { [$0] } ?? HTTPMethod.allCases.filter { $0 != .options }
        for method in methods {
            var forms: [(path: String, version: RequestVersion)] = [(path, .unversioned)]
            forms.append(("/v1.41" + path, route.prefix == .versionedThenBare ? .versioned("1.41") : .unversioned))
            for (target, version) in forms {
                let classified: ClassifiedRequest
                if target.hasSuffix("/") {
                    // The canonicaliser refuses a trailing slash; mux still matches it.
                    #expect(RoutingTest.refusal("\(method) \(target)")?.code == .trailingSlash)
                    classified = table.classify(RoutingTest.request(method, path: target))
                } else {
                    classified = try RoutingTest.classify("\(method) \(target)", table: table)
                }
                if route.prefix == .bareOnly, target.hasPrefix("/v1.41") {
                    // Not this route; in the union master's GET twin takes it.
                    #expect(classified.route != route, "\(method) \(target)")
                    continue
                }
                #expect(classified.endpoint == route.endpoint, "\(method) \(target)")
                #expect(classified.parameters.parameters.map(\.value) == values, "\(method) \(target)")
                #expect(classified.version == version, "\(method) \(target)")
            }
        }
    }

    @Test("union: each route from a sample of its template", arguments: RouteTable.union.routes)
    func sampleUnion(_ route: Route) throws { try Self.check(route, in: .union) }

    @Test("20.10: each route from a sample of its template", arguments: RouteTable.v20.routes)
    func sampleV20(_ route: Route) throws { try Self.check(route, in: .v20) }

    @Test("master: each route from a sample of its template", arguments: RouteTable.master.routes)
    func sampleMaster(_ route: Route) throws { try Self.check(route, in: .master) }
}
