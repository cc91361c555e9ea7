import DockerAPI
import Policy
import Testing

/// Shared by the PolicyTests files: requests from a request line and a body text, and one
/// row of a check's table.
enum PolicyTest {
    static let identity = CallerIdentity(subject: "CN=alice,OU=web", team: "web")

    /// `"METHOD target"` and an optional JSON body, classified and read as the gate will.
    static func request(_ line: String, _ body: String? = nil) throws -> PolicyRequest {
        let parts = line.split(separator: " ", maxSplits: 1)
        let classified = try RouteTable.union.classify(method: String(parts[0]), target: String(parts[1])).get()
        let json = try body.map { try StrictJSONParser.parse(Array($0.utf8)) }
        return PolicyRequest(classified, body: json)
    }

    /// A create body with a user that passes `no-root-user` and the given HostConfig members.
    static func createBody(user: String = "1000", hostConfig: String) -> String {
        #"{"Image":"local/busybox:1","User":"\#(user)","HostConfig":{\#(hostConfig)}}"#
    }

    /// A service spec whose ContainerSpec runs `local/busybox:1` as `user` with `containerSpec`'s
    /// members, plus `taskTemplate`'s members in the TaskTemplate and `spec`'s at the top.
    static func serviceBody(
        user: String = "1000", containerSpec: String = "", taskTemplate: String = "", spec: String = ""
    )
        -> String
    {
        let container = [#""Image":"local/busybox:1","User":"\#(user)""#, containerSpec].filter { !$0.isEmpty }
        let template = [#""ContainerSpec":{"# + container.joined(separator: ",") + "}", taskTemplate]
            .filter { !$0.isEmpty }
        let top = [#""Name":"web""#, #""TaskTemplate":{"# + template.joined(separator: ",") + "}", spec]
            .filter { !$0.isEmpty }
        return "{" + top.joined(separator: ",") + "}"
    }
}

/// One row of a check's table: a request, the facts and settings, and the exact outcome.
struct CheckCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case allow
        case deny(reason: String, detail: String, missing: FactQuery? = nil)
    }

    let name: String
    let line: String
    let body: String?
    var facts = Facts()
    var settings = ProfileSettings()
    /// The caller; the default has no team role, so the team checks (`Check.team`) let it by.
    var identity = PolicyTest.identity
    let expected: Expected

    var testDescription: String { name }

    init(
        _ name: String, _ line: String = "POST /v1.41/containers/create", body: String?, facts: Facts = Facts(),
        settings: ProfileSettings = ProfileSettings(), identity: CallerIdentity = PolicyTest.identity,
        _ expected: Expected
    ) {
        self.name = name
        self.line = line
        self.body = body
        self.facts = facts
        self.settings = settings
        self.identity = identity
        self.expected = expected
    }

    /// A `POST /containers/create` whose HostConfig has `hostConfig`'s members.
    static func create(
        _ name: String, user: String = "1000", hostConfig: String, facts: Facts = Facts(),
        settings: ProfileSettings = ProfileSettings(), _ expected: Expected
    ) -> CheckCase {
        CheckCase(
            name, body: PolicyTest.createBody(user: user, hostConfig: hostConfig), facts: facts, settings: settings,
            expected)
    }

    /// A `POST /services/create` built by `PolicyTest.serviceBody`.
    static func service(
        _ name: String, user: String = "1000", containerSpec: String = "", taskTemplate: String = "", spec: String = "",
        facts: Facts = Facts(), settings: ProfileSettings = ProfileSettings(), _ expected: Expected
    ) -> CheckCase {
        CheckCase(
            name, "POST /v1.44/services/create",
            body: PolicyTest.serviceBody(
                user: user, containerSpec: containerSpec, taskTemplate: taskTemplate, spec: spec),
            facts: facts, settings: settings, expected)
    }

    /// Runs `check` alone through the engine and expects the row's outcome, rule id included.
    func verify(_ check: Check, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let request = try PolicyTest.request(line, body)
        let profile = Profile(name: "test", checks: [check], settings: settings)
        let decision = PolicyEngine.evaluate(identity: identity, request: request, facts: facts, profile: profile)
        switch expected {
        case .allow:
            #expect(decision == .allow, sourceLocation: sourceLocation)
        case .deny(let reason, let detail, let missing):
            let denial = Denial(ruleID: check.id, reason: reason, detail: detail, profile: "test", missingFact: missing)
            #expect(decision == .deny(denial), sourceLocation: sourceLocation)
        }
    }

    /// Runs `check` by itself, outside the engine (which runs the team checks first), and
    /// expects the row's outcome.
    func verifyAlone(_ check: Check, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let request = try PolicyTest.request(line, body)
        let result = check.evaluate(
            CheckContext(identity: identity, request: request, facts: facts, settings: settings))
        switch expected {
        case .allow:
            #expect(result == .allowed, sourceLocation: sourceLocation)
        case .deny(let reason, let detail, let missing):
            #expect(
                result == .forbidden(reason: reason, detail: detail, missingFact: missing),
                sourceLocation: sourceLocation)
        }
    }
}

extension CheckCase.Expected {
    /// The denial for a field dockerd cannot decode: at `path`, a JSON `found` where Go needs
    /// `goType`.
    static func unreadable(_ path: String, _ found: String, _ goType: String) -> Self {
        .deny(
            reason: "the request cannot be read as dockerd would read it: "
                + ViewError.mismatch(at: path, found: found, goType: goType).description,
            detail: path)
    }
}
