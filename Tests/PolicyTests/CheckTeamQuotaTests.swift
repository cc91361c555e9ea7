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
            "a service could start containers the quota cannot count", "POST /v1.44/services/create",
            body: PolicyTest.serviceBody(), facts: held(0), identity: member(containers: 2),
            .deny(
                reason:
                    "team web has a quota (2 containers), and a service's containers are started by the swarm where the quota cannot count them; ask for a team without a quota to run services",
                detail: "quota 2 containers")),
        CheckCase(
            "nor may one be scaled", "POST /v1.44/services/s1/update?version=3", body: PolicyTest.serviceBody(),
            facts: Facts(
                services: ["s1": .found(ServiceFact(id: "s1", owner: "web"))], teamContainers: ["web": .found(0)]),
            identity: member(containers: 2),
            .deny(
                reason:
                    "team web has a quota (2 containers), and a service's containers are started by the swarm where the quota cannot count them; ask for a team without a quota to run services",
                detail: "quota 2 containers")),
        CheckCase(
            "services of a team without a quota", "POST /v1.44/services/create", body: PolicyTest.serviceBody(),
            facts: held(9), identity: CallerIdentity(subject: "CN=alice", team: "web", role: .operator), .allow),
        CheckCase(
            "volumes are not counted", "POST /v1.41/volumes/create", body: #"{"Name":"v"}"#, facts: held(9),
            identity: member(containers: 2), .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.teamQuota)
    }
}

/// The memory and CPU part of `team-quota`: the new container's limits plus those of all
/// the team's containers must fit; an update's new limits plus the others' too.
@Suite("Check team-quota: memory and CPUs")
struct CheckTeamQuotaResourcesTests {
    static let member = CallerIdentity(
        subject: "CN=alice,OU=web", team: "web", role: .operator,
        quota: TeamQuota(maximumContainers: nil, maximumMemory: 1 << 30, maximumNanoCPUs: 2_000_000_000))

    static func using(memory: Int64, cpus: Int64, unlimited: Int = 0) -> Facts {
        Facts(teamResources: [
            "web": .found(TeamResources(memory: memory, nanoCPUs: cpus, withoutMemoryLimit: unlimited))
        ])
    }

    static func create(_ name: String, _ hostConfig: String, facts: Facts = Facts(), _ expected: CheckCase.Expected)
        -> CheckCase
    {
        CheckCase(
            name, body: PolicyTest.createBody(hostConfig: hostConfig), facts: facts, identity: member, expected)
    }

    static let half = #""Memory":536870912,"NanoCpus":1000000000"#

    /// Team usage with container c1 among it, limited to `limits`.
    static func withC1(_ limits: ContainerLimits, usage: TeamResources) -> Facts {
        Facts(
            containers: ["c1": .found(ContainerFact(id: "c1", owner: "web", limits: limits))],
            teamResources: ["web": .found(usage)])
    }

    static func update(_ name: String, _ body: String, facts: Facts, _ expected: CheckCase.Expected) -> CheckCase {
        CheckCase(name, "POST /v1.41/containers/c1/update", body: body, facts: facts, identity: member, expected)
    }

    /// c1 holds 512Mi and 1 CPU of the team's 768Mi and 1.5 CPUs.
    static let c1Half = withC1(
        ContainerLimits(memory: 512 << 20, nanoCPUs: 1_000_000_000),
        usage: TeamResources(memory: 768 << 20, nanoCPUs: 1_500_000_000))

    static let cases: [CheckCase] = [
        create("fits", half, facts: using(memory: 1 << 29, cpus: 1_000_000_000), .allow),
        create(
            "memory over", half, facts: using(memory: 600 << 20, cpus: 0),
            .deny(
                reason: "team web's containers hold 600Mi of its 1Gi memory quota; this container asks for 512Mi",
                detail: "quota memory=1073741824, held 629145600, asked 536870912")),
        create(
            "CPUs over", half, facts: using(memory: 0, cpus: 1_500_000_000),
            .deny(
                reason: "team web's containers hold 1.5 of its 2 CPU quota; this container asks for 1",
                detail: "quota cpus=2000000000, held 1500000000, asked 1000000000")),
        create(
            "an unlimited container fills the quota", half, facts: using(memory: 0, cpus: 0, unlimited: 1),
            .deny(
                reason: "team web's containers hold unlimited of its 1Gi memory quota; this container asks for 512Mi",
                detail: "quota memory=1073741824, held 0, asked 536870912")),
        create(
            "one container alone above the quota", #""Memory":2147483648,"NanoCpus":1000000000"#,
            facts: using(memory: 0, cpus: 0),
            .deny(
                reason: "team web's containers hold 0 of its 1Gi memory quota; this container asks for 2Gi",
                detail: "quota memory=1073741824, held 0, asked 2147483648")),
        create(
            "no memory limit", #""NanoCpus":1000000000"#, facts: using(memory: 0, cpus: 0),
            .deny(
                reason: "team web has a memory quota of 1Gi: this container needs --memory",
                detail: "quota memory=1073741824, Memory=0")),
        create(
            "no CPU limit", #""Memory":536870912"#, facts: using(memory: 0, cpus: 0),
            .deny(
                reason: "team web has a CPU quota of 2 CPUs: this container needs --cpus",
                detail: "quota cpus=2000000000, NanoCpus=0, CpuQuota=0")),
        create(
            "CpuQuota counts as CPUs", #""Memory":536870912,"CpuQuota":50000,"CpuPeriod":100000"#,
            facts: using(memory: 0, cpus: 1_600_000_000),
            .deny(
                reason: "team web's containers hold 1.6 of its 2 CPU quota; this container asks for 0.5",
                detail: "quota cpus=2000000000, held 1600000000, asked 500000000")),
        create(
            "usage not looked up yet", half,
            .deny(
                reason: #"could not determine what team "web"'s containers are limited to"#,
                detail: "quota 1Gi memory, 2 CPUs", missing: .teamResources("web"))),
        update("an update that changes no limit", #"{"RestartPolicy":{"Name":"always"}}"#, facts: Facts(), .allow),
        update(
            "more memory that still fits beside the others", #"{"Memory":805306368}"#, facts: c1Half, .allow),
        update(
            "more memory than fits beside the others", #"{"Memory":872415232}"#, facts: c1Half,
            .deny(
                reason:
                    #"team web's other containers hold 256Mi of its 1Gi memory quota; container "c1" asks for 832Mi"#,
                detail: "quota memory=1073741824, held 268435456, asked 872415232")),
        update(
            "lifting the memory limit", #"{"Memory":-1}"#, facts: c1Half,
            .deny(
                reason: #"team web has a memory quota of 1Gi: container "c1" needs --memory"#,
                detail: "quota memory=1073741824, Memory=-1")),
        update(
            "more CPUs than fit", #"{"NanoCpus":1600000000}"#, facts: c1Half,
            .deny(
                reason: #"team web's other containers hold 0.5 of its 2 CPU quota; container "c1" asks for 1.6"#,
                detail: "quota cpus=2000000000, held 500000000, asked 1600000000")),
        update(
            "a CPU period alone changes what a CpuQuota means",
            #"{"CpuPeriod":10000}"#,
            facts: withC1(
                ContainerLimits(memory: 512 << 20, cpuQuota: 50000, cpuPeriod: 100_000),
                usage: TeamResources(memory: 512 << 20, nanoCPUs: 500_000_000)),
            .deny(
                reason: #"team web's other containers hold 0 of its 2 CPU quota; container "c1" asks for 5"#,
                detail: "quota cpus=2000000000, held 0, asked 5000000000")),
        update(
            "the container not looked up yet", #"{"Memory":536870912}"#,
            facts: Facts(teamResources: ["web": .found(TeamResources(memory: 0, nanoCPUs: 0))]),
            .deny(
                reason: #"could not determine what container "c1" is limited to"#,
                detail: "quota 1Gi memory, 2 CPUs", missing: .container("c1"))),
        update(
            "a container the daemon does not have", #"{"Memory":536870912}"#,
            facts: Facts(containers: ["c1": .notFound]), .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verifyAlone(.teamQuota)
    }
}
