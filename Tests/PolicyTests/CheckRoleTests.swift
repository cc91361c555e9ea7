import DockerAPI
import Policy
import Testing

@Suite("Check role")
struct CheckRoleTests {
    static func member(_ role: Role) -> CallerIdentity {
        CallerIdentity(subject: "CN=alice,OU=web", team: "web", role: role)
    }

    static let custom = Role(name: "images-and-inspect", allowed: ["image", "container.inspect"])

    /// A row run as a member of team `web` with `role`.
    static func row(_ name: String, _ role: Role, _ line: String, _ expected: CheckCase.Expected) -> CheckCase {
        CheckCase(name, line, body: nil, identity: member(role), expected)
    }

    static func denied(_ role: Role, _ method: String, _ endpoint: String) -> CheckCase.Expected {
        .deny(reason: "role \(role.name) of team web may not call \(endpoint)", detail: "\(method) \(endpoint)")
    }

    static let cases: [CheckCase] = [
        // readonly: reads that hand out no files, terminals or whole images.
        row("readonly lists containers", .readonly, "GET /v1.41/containers/json", .allow),
        row("readonly inspects a container", .readonly, "GET /v1.41/containers/web/json", .allow),
        row("readonly reads logs", .readonly, "GET /v1.41/containers/web/logs", .allow),
        row("readonly inspects an image", .readonly, "GET /v1.41/images/busybox/json", .allow),
        row("readonly pings with HEAD", .readonly, "HEAD /_ping", .allow),
        row("readonly watches events", .readonly, "GET /v1.41/events", .allow),
        row(
            "readonly may not read the swarm's join tokens", .readonly, "GET /v1.41/swarm",
            denied(.readonly, "GET", "swarm.inspect")),
        row(
            "readonly may not read the swarm's unlock key", .readonly, "GET /v1.41/swarm/unlockkey",
            denied(.readonly, "GET", "swarm.unlockkey")),
        row(
            "readonly may not read the daemon's profiles", .readonly, "GET /debug/pprof/heap",
            denied(.readonly, "GET", "debug.pprof.lookup")),
        row("readonly lists nodes", .readonly, "GET /v1.41/nodes", .allow),
        row(
            "readonly may not start", .readonly, "POST /v1.41/containers/web/start",
            denied(.readonly, "POST", "container.start")),
        row(
            "readonly may not create", .readonly, "POST /v1.41/containers/create",
            denied(.readonly, "POST", "container.create")),
        row(
            "readonly may not delete", .readonly, "DELETE /v1.41/volumes/v",
            denied(.readonly, "DELETE", "volume.delete")),
        row(
            "readonly may not export a container", .readonly, "GET /v1.41/containers/web/export",
            denied(.readonly, "GET", "container.export")),
        row(
            "readonly may not read an archive", .readonly, "GET /v1.41/containers/web/archive?path=/etc",
            denied(.readonly, "GET", "container.archive.get")),
        row(
            "readonly may not stat an archive path (HEAD)", .readonly, "HEAD /v1.41/containers/web/archive?path=/etc",
            denied(.readonly, "HEAD", "container.archive.stat")),
        row(
            "readonly may not attach over a websocket", .readonly, "GET /v1.41/containers/web/attach/ws",
            denied(.readonly, "GET", "container.attach.websocket")),
        row(
            "readonly may not save an image", .readonly, "GET /v1.41/images/busybox/get",
            denied(.readonly, "GET", "image.export")),
        row(
            "readonly may not save images", .readonly, "GET /v1.41/images/get?names=busybox",
            denied(.readonly, "GET", "image.export.many")),
        // operator: the container, exec, image, build, volume, network, service, system and distribution families.
        row("operator creates a container", .operator, "POST /v1.41/containers/create", .allow),
        row("operator starts an exec", .operator, "POST /v1.41/exec/e1/start", .allow),
        row("operator builds", .operator, "POST /v1.41/build", .allow),
        row("operator pulls", .operator, "POST /v1.41/images/create?fromImage=busybox", .allow),
        row("operator creates a volume", .operator, "POST /v1.41/volumes/create", .allow),
        row("operator connects a network", .operator, "POST /v1.41/networks/n/connect", .allow),
        row("operator updates a service", .operator, "POST /v1.44/services/s/update?version=1", .allow),
        row("operator reads system info", .operator, "GET /v1.41/info", .allow),
        row("operator inspects a distribution", .operator, "GET /v1.41/distribution/busybox/json", .allow),
        row("operator exports a container", .operator, "GET /v1.41/containers/web/export", .allow),
        row(
            "operator may not init a swarm", .operator, "POST /v1.41/swarm/init",
            denied(.operator, "POST", "swarm.init")),
        row(
            "operator may not read the swarm", .operator, "GET /v1.41/swarm", denied(.operator, "GET", "swarm.inspect")),
        row("operator may not list nodes", .operator, "GET /v1.41/nodes", denied(.operator, "GET", "node.list")),
        row("operator may not list tasks", .operator, "GET /v1.41/tasks", denied(.operator, "GET", "task.list")),
        // Secrets and configs: the team's own (rule ownership), as with volumes and networks.
        row("operator creates secrets", .operator, "POST /v1.41/secrets/create", .allow),
        row("operator reads configs", .operator, "GET /v1.41/configs/c1", .allow),
        row(
            "operator may not install plugins", .operator, "POST /v1.41/plugins/pull?remote=x",
            denied(.operator, "POST", "plugin.pull")),
        row(
            "operator may not open a BuildKit session", .operator, "POST /session", denied(.operator, "POST", "session")
        ),
        row("operator may not read debug vars", .operator, "GET /debug/vars", denied(.operator, "GET", "debug.vars")),
        row(
            "operator may not checkpoint", .operator, "POST /v1.41/containers/web/checkpoints",
            denied(.operator, "POST", "checkpoint.create")),
        // admin: every endpoint a route matches.
        row("admin inits a swarm", .admin, "POST /v1.41/swarm/init", .allow),
        row("admin creates secrets", .admin, "POST /v1.41/secrets/create", .allow),
        row("admin reads debug vars", .admin, "GET /debug/vars", .allow),
        // Unknown endpoints stay denied for every role.
        row("admin on an unknown path", .admin, "GET /v1.41/nothing/here", denied(.admin, "GET", "unknown")),
        row("admin with a method no route has", .admin, "PUT /v1.41/containers/json", denied(.admin, "PUT", "unknown")),
        row("operator on an unknown path", .operator, "GET /v1.41/nothing/here", denied(.operator, "GET", "unknown")),
        row("readonly on an unknown path", .readonly, "GET /v1.41/nothing/here", denied(.readonly, "GET", "unknown")),
        row("custom role on an unknown path", custom, "GET /v1.41/nothing/here", denied(custom, "GET", "unknown")),
        // A custom role: the families and endpoint ids it lists, whatever the method.
        row("custom: a listed family (read)", custom, "GET /v1.41/images/json", .allow),
        row("custom: a listed family (write)", custom, "DELETE /v1.41/images/busybox", .allow),
        row("custom: a listed endpoint id", custom, "GET /v1.41/containers/web/json", .allow),
        row(
            "custom: another endpoint of that family", custom, "GET /v1.41/containers/web/logs",
            denied(custom, "GET", "container.logs")),
        row("custom: another family", custom, "POST /v1.41/volumes/create", denied(custom, "POST", "volume.create")),
        row(
            "custom: a list names no family prefix", Role(name: "c", allowed: ["contain"]),
            "GET /v1.41/containers/json", denied(Role(name: "c", allowed: ["contain"]), "GET", "container.list")),
        row(
            "custom: names compare by bytes", Role(name: "c", allowed: ["Image"]), "GET /v1.41/images/json",
            denied(Role(name: "c", allowed: ["Image"]), "GET", "image.list")),
        row(
            "custom: an empty list allows nothing", Role(name: "none", allowed: []), "GET /_ping",
            denied(Role(name: "none", allowed: []), "GET", "system.ping")),
        // Single-tenant policies (no teams) have no role: every endpoint.
        CheckCase("no role (single tenant)", "POST /v1.41/swarm/init", body: nil, .allow),
        CheckCase("no role on an unknown path", "GET /v1.41/nothing/here", body: nil, .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verifyAlone(.role)
    }

    @Test func ownershipFollowsTheRole() {
        #expect(Role.readonly.enforcesOwnership)
        #expect(Role.operator.enforcesOwnership)
        #expect(!Role.admin.enforcesOwnership)
        #expect(Self.custom.enforcesOwnership)
        #expect(Self.member(.readonly).enforcesOwnership)
        #expect(!Self.member(.admin).enforcesOwnership)
        #expect(!PolicyTest.identity.enforcesOwnership)
    }

    @Test func builtinsByName() {
        #expect(Role.builtin(named: "readonly") == .readonly)
        #expect(Role.builtin(named: "operator") == .operator)
        #expect(Role.builtin(named: "admin") == .admin)
        #expect(Role.builtin(named: "Admin") == nil)
        #expect(Role.builtin(named: "developer") == nil)
        #expect(Role.admin.allowedEntries.isEmpty)
        #expect(Self.custom.allowedEntries == ["image", "container.inspect"])
    }

    @Test func families() {
        #expect(Role.family(.containerArchiveStat) == "container")
        #expect(Role.family(.execInspect) == "exec")
        #expect(Role.family(.build) == "build")
        #expect(Role.family(.systemPingHead) == "system")
        #expect(Role.families.isSuperset(of: ["container", "exec", "image", "swarm", "node", "task", "debug"]))
        #expect(!Role.families.contains("container.inspect"))
        // No route is no family a role could allow.
        #expect(!Role.families.contains("unknown"))
    }

    /// The engine runs the role check first under every profile, even one with no checks.
    @Test func runsUnderEveryProfile() throws {
        let request = try PolicyTest.request("POST /v1.41/swarm/init", "{}")
        let privileged = Profile(name: "open", checks: [], settings: ProfileSettings())
        let decision = PolicyEngine.evaluate(
            identity: Self.member(.operator), request: request, facts: Facts(), profile: privileged)
        #expect(
            decision
                == .deny(
                    Denial(
                        ruleID: "role", reason: "role operator of team web may not call swarm.init",
                        detail: "POST swarm.init", profile: "open")))
        let admin = PolicyEngine.evaluate(
            identity: Self.member(.admin), request: request, facts: Facts(), profile: privileged)
        #expect(admin == .allow)
    }
}
