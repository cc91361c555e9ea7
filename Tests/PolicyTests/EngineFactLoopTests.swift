import DockerAPI
import Policy
import Testing

/// How the gate uses `Denial.missingFact`: evaluate, look the missing fact up, evaluate again,
/// until the decision no longer asks for one.
@Suite("Engine: facts looked up on demand")
struct EngineFactLoopTests {
    /// A daemon's state, as the gate would read it.
    struct Daemon {
        var containers: [String: ContainerFact] = [:]
        var images: [String: ImageFact] = [:]
        var volumes: [String: VolumeFact] = [:]

        func fill(_ query: FactQuery, into facts: inout Facts) {
            switch query {
            case .container(let reference):
                facts.containers[reference] = containers[reference].map { .found($0) } ?? .notFound
            case .image(let reference): facts.images[reference] = images[reference].map { .found($0) } ?? .notFound
            case .volume(let name): facts.volumes[name] = volumes[name].map { .found($0) } ?? .notFound
            case .exec(let id): facts.execs[id] = .notFound
            case .hostPath(let path): facts.hostPaths[path] = .found(path)
            case .network(let name): facts.networks[name] = .notFound
            case .service(let name): facts.services[name] = .notFound
            case .secret(let name): facts.secrets[name] = .notFound
            case .config(let name): facts.configs[name] = .notFound
            case .teamContainers(let team): facts.teamContainers[team] = .found(0)
            case .teamResources(let team): facts.teamResources[team] = .found(TeamResources(memory: 0, nanoCPUs: 0))
            }
        }
    }

    static let daemon = Daemon(
        containers: [
            "web": ContainerFact(id: "aaa", networkMode: "host"),
            "proxy": ContainerFact(id: "bbb", networkMode: "container:web"),
        ],
        images: ["local/busybox:1": ImageFact(user: "1000")],
        volumes: ["data": VolumeFact(driver: "local")])

    /// The gate's loop; returns the decision and the facts it had to look up, in order.
    static func decide(_ body: String) throws -> (Decision, [FactQuery]) {
        let request = try PolicyTest.request("POST /v1.41/containers/create", body)
        var facts = Facts()
        var asked: [FactQuery] = []
        while true {
            let decision = PolicyEngine.evaluate(
                identity: PolicyTest.identity, request: request, facts: facts, profile: .baseline)
            guard let query = decision.denial?.missingFact, !asked.contains(query) else { return (decision, asked) }
            asked.append(query)
            daemon.fill(query, into: &facts)
        }
    }

    @Test("a transitive container: chain is looked up link by link, then denied")
    func chain() throws {
        let (decision, asked) = try Self.decide(
            #"{"Image":"local/busybox:1","User":"1000","HostConfig":{"NetworkMode":"container:proxy"}}"#)
        #expect(asked == [.container("proxy"), .container("web")])
        #expect(decision.denial?.ruleID == "no-host-network")
        #expect(decision.denial?.missingFact == nil)
    }

    @Test("the image's user and a named volume are looked up, then allowed")
    func allowedAfterLookups() throws {
        let (decision, asked) = try Self.decide(
            #"{"Image":"local/busybox:1","HostConfig":{"Binds":["data:/data","cache:/cache"]}}"#)
        #expect(asked == [.image("local/busybox:1"), .volume("data"), .volume("cache")])
        #expect(decision == .allow)
    }

    @Test("a fact the gate cannot supply leaves the denial in place (fail closed)")
    func failClosed() throws {
        let request = try PolicyTest.request(
            "POST /v1.41/containers/create", #"{"Image":"local/busybox:1","HostConfig":{"PidMode":"container:db"}}"#)
        let decision = PolicyEngine.evaluate(
            identity: PolicyTest.identity, request: request, facts: Facts(), profile: .baseline)
        #expect(
            decision.denial?.message
                == "dockgate: could not determine which user image local/busybox:1 runs as"
                + " (rule no-root-user, profile baseline)")
        #expect(decision.denial?.missingFact == .image("local/busybox:1"))
    }

    @Test("fact keys are compared by bytes")
    func exactKeys() {
        var table = FactTable<ImageFact>()
        table["\u{212A}ube:1"] = .found(ImageFact(user: "0"))
        #expect(table["Kube:1"] == nil)
        #expect(FactQuery.image("\u{212A}") != FactQuery.image("K"))
        #expect(Set([FactQuery.volume("\u{212A}"), FactQuery.volume("K")]).count == 2)
    }
}
