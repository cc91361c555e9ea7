import DockerAPI
import Policy
import Testing

@Suite("Check team-quota")
struct CheckTeamQuotaTests {
    static func member(_ role: Role = .operator, containers: Int?) -> CallerIdentity {
        CallerIdentity(
            subject: "CN=alice,OU=web", team: "web", role: role, quota: TeamQuota(maximumContainers: containers))
    }

    static func held(_ count: Int) -> Facts {
        Facts(teamContainers: ["web": .found(count)])
    }

    static func create(_ name: String, facts: Facts = Facts(), identity: CallerIdentity, _ expected: CheckCase.Expected)
        -> CheckCase
    {
        CheckCase(name, body: PolicyTest.createBody(hostConfig: ""), facts: facts, identity: identity, expected)
    }

    static func full(held: Int, quota: Int) -> CheckCase.Expected {
        .deny(
            reason: "team web already holds \(held) containers, its quota is \(quota); remove one first (docker rm)",
            detail: "quota containers=\(quota), held \(held)")
    }

    static let cases: [CheckCase] = [
        create("none held", facts: held(0), identity: member(containers: 2), .allow),
        create("one below the quota", facts: held(1), identity: member(containers: 2), .allow),
        create("at the quota", facts: held(2), identity: member(containers: 2), full(held: 2, quota: 2)),
        create("above the quota", facts: held(7), identity: member(containers: 2), full(held: 7, quota: 2)),
        create("a quota of one", facts: held(1), identity: member(containers: 1), full(held: 1, quota: 1)),
        create(
            "count not looked up yet", identity: member(containers: 2),
            .deny(
                reason: #"could not determine how many containers team "web" holds"#, detail: "quota containers=2",
                missing: .teamContainers("web"))),
        create(
            "another team's count does not answer", facts: Facts(teamContainers: ["data": .found(0)]),
            identity: member(containers: 2),
            .deny(
                reason: #"could not determine how many containers team "web" holds"#, detail: "quota containers=2",
                missing: .teamContainers("web"))),
        create(
            "count not found", facts: Facts(teamContainers: ["web": .notFound]), identity: member(containers: 2),
            .allow),
        create("no container limit in the quota", facts: held(100), identity: member(containers: nil), .allow),
        create(
            "no quota at all", facts: held(100),
            identity: CallerIdentity(subject: "CN=alice", team: "web", role: .operator), .allow),
        create(
            "custom role", facts: held(3), identity: member(Role(name: "c", allowed: ["container"]), containers: 3),
            full(held: 3, quota: 3)),
        create("admins are not limited", facts: held(100), identity: member(.admin, containers: 2), .allow),
        create(
            "single tenant (no role) is not limited", facts: held(100),
            identity: CallerIdentity(subject: "CN=alice", quota: TeamQuota(maximumContainers: 1)), .allow),
        CheckCase(
            "starting a container is not creating one", "POST /v1.41/containers/web/start", body: nil,
            facts: Facts(
                containers: ["web": .found(ContainerFact(id: "c1", owner: "web"))], teamContainers: ["web": .found(9)]),
            identity: member(containers: 2), .allow),
        CheckCase(
            "services are not counted", "POST /v1.44/services/create", body: PolicyTest.serviceBody(),
            facts: held(9), identity: member(containers: 2), .allow),
        CheckCase(
            "volumes are not counted", "POST /v1.41/volumes/create", body: #"{"Name":"v"}"#, facts: held(9),
            identity: member(containers: 2), .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.teamQuota)
    }
}
