import DockerAPI

/// Check `team-quota`: a team holds at most `quota.containers` containers, and its containers
/// together are limited to at most `quota.memory` and `quota.cpus`. Every container counts,
/// running or not: a stopped one can be started again without a check.
///
/// Restricted: `POST /containers/create`, against the number of containers carrying the
/// team's owner label (a fact: the daemon's list filtered by that label); with a memory or
/// CPU quota, the new container must set that limit (`Memory`, `NanoCpus` or `CpuQuota`), and
/// it plus the limits of the team's containers (a fact) must fit. `POST /containers/{id}/update`
/// that changes a limit: the container's new limits plus the others' must fit, and a limit
/// may not be lifted (`-1`).
///
/// `POST /services/create` and `/services/{id}/update` are refused to a team with a quota: a
/// service starts as many containers as its replicas say (or one per node), none of them
/// created through a request the quota could count.
///
/// Allowed: any create while the team holds fewer than its quota; updates that change no
/// limit the quota names; every request of a team without a quota, of admins, and of
/// single-tenant policies.
enum CheckTeamQuota {
    static let id = "team-quota"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard context.identity.enforcesOwnership, let quota = context.identity.quota else { return .allowed }
        switch context.request.endpoint {
        case .containerCreate: return create(context, quota: quota)
        case .containerUpdate: return update(context, quota: quota)
        case .serviceCreate, .serviceUpdate:
            return .forbidden(
                reason:
                    "team \(context.identity.team) has a quota (\(quota.description)), and a service's containers are started by the swarm where the quota cannot count them; ask for a team without a quota to run services",
                detail: "quota \(quota.description)")
        default: return .allowed
        }
    }

    static func create(_ context: CheckContext, quota: TeamQuota) -> CheckResult {
        let team = context.identity.team
        if let maximum = quota.maximumContainers {
            switch context.facts.teamContainers[team] {
            case nil:
                return .undetermined(
                    "how many containers team \(quoted(team)) holds", missing: .teamContainers(team),
                    detail: "quota containers=\(maximum)")
            case .notFound:
                break
            case .found(let count) where count >= maximum:
                return .forbidden(
                    reason:
                        "team \(team) already holds \(count) containers, its quota is \(maximum); remove one first (docker rm)",
                    detail: "quota containers=\(maximum), held \(count)")
            case .found:
                break
            }
        }
        guard quota.maximumMemory != nil || quota.maximumNanoCPUs != nil,
            let resources = context.request.hostConfig?.resources
        else { return .allowed }
        return .reading { () throws(ViewError) in
            let asked = ContainerLimits(
                memory: try resources.memory.get() ?? 0, nanoCPUs: try resources.nanoCpus.get() ?? 0,
                cpuQuota: try resources.cpuQuota.get() ?? 0, cpuPeriod: try resources.cpuPeriod.get() ?? 0)
            return fits(asked, beside: nil, context: context, quota: quota, this: "this container")
        }
    }

    static func update(_ context: CheckContext, quota: TeamQuota) -> CheckResult {
        guard quota.maximumMemory != nil || quota.maximumNanoCPUs != nil,
            let resources = context.request.containerUpdate?.resources
        else { return .allowed }
        let reference = context.request.target
        return .reading { () throws(ViewError) in
            // Zero leaves a limit as it is (dockerd's update applies only what is set).
            let change = ContainerLimits(
                memory: try resources.memory.get() ?? 0, nanoCPUs: try resources.nanoCpus.get() ?? 0,
                cpuQuota: try resources.cpuQuota.get() ?? 0, cpuPeriod: try resources.cpuPeriod.get() ?? 0)
            let changesMemory = quota.maximumMemory != nil && change.memory != 0
            let changesCPUs =
                quota.maximumNanoCPUs != nil && (change.nanoCPUs != 0 || change.cpuQuota != 0 || change.cpuPeriod != 0)
            guard changesMemory || changesCPUs else { return .allowed }
            let what = "container \(quoted(reference))"
            switch context.facts.containers[reference] {
            case nil:
                return .undetermined(
                    "what \(what) is limited to", missing: .container(reference), detail: "quota \(quota.description)")
            case .notFound:
                // The daemon answers 404.
                return .allowed
            case .found(let container):
                let old = container.limits
                let updated = ContainerLimits(
                    memory: change.memory != 0 ? change.memory : old.memory,
                    nanoCPUs: change.nanoCPUs != 0 ? change.nanoCPUs : old.nanoCPUs,
                    cpuQuota: change.cpuQuota != 0 ? change.cpuQuota : old.cpuQuota,
                    cpuPeriod: change.cpuPeriod != 0 ? change.cpuPeriod : old.cpuPeriod)
                return fits(updated, beside: old, context: context, quota: quota, this: what)
            }
        }
    }

    /// Whether `asked` fits beside the team's other containers: all of them (a fact) less
    /// `replacing`, the old limits of the container an update changes.
    static func fits(
        _ asked: ContainerLimits, beside replacing: ContainerLimits?, context: CheckContext, quota: TeamQuota,
        this: String
    ) -> CheckResult {
        let team = context.identity.team
        let memory = asked.effectiveMemory
        let cpus = asked.effectiveNanoCPUs
        if let maximum = quota.maximumMemory, memory <= 0 {
            return .forbidden(
                reason: "team \(team) has a memory quota of \(LimitText.bytes(maximum)): \(this) needs --memory",
                detail: "quota memory=\(maximum), Memory=\(asked.memory)")
        }
        if let maximum = quota.maximumNanoCPUs, cpus <= 0 {
            return .forbidden(
                reason: "team \(team) has a CPU quota of \(LimitText.cpus(maximum)) CPUs: \(this) needs --cpus",
                detail: "quota cpus=\(maximum), NanoCpus=\(asked.nanoCPUs), CpuQuota=\(asked.cpuQuota)")
        }
        let all: TeamResources
        switch context.facts.teamResources[team] {
        case nil:
            return .undetermined(
                "what team \(quoted(team))'s containers are limited to", missing: .teamResources(team),
                detail: "quota \(quota.description)")
        case .notFound:
            all = TeamResources(memory: 0, nanoCPUs: 0)
        case .found(let found):
            all = found
        }
        let others = replacing.map { all.removing($0) } ?? all
        if let maximum = quota.maximumMemory,
            others.withoutMemoryLimit > 0 || others.memory > maximum - min(memory, maximum)
                || memory > maximum
        {
            return .forbidden(
                reason:
                    "team \(team)'s \(replacing == nil ? "" : "other ")containers hold \(others.withoutMemoryLimit > 0 ? "unlimited" : LimitText.bytes(others.memory)) of its \(LimitText.bytes(maximum)) memory quota; \(this) asks for \(LimitText.bytes(memory))",
                detail: "quota memory=\(maximum), held \(others.memory), asked \(memory)")
        }
        if let maximum = quota.maximumNanoCPUs,
            others.withoutCPULimit > 0 || others.nanoCPUs > maximum - min(cpus, maximum) || cpus > maximum
        {
            return .forbidden(
                reason:
                    "team \(team)'s \(replacing == nil ? "" : "other ")containers hold \(others.withoutCPULimit > 0 ? "unlimited" : LimitText.cpus(others.nanoCPUs)) of its \(LimitText.cpus(maximum)) CPU quota; \(this) asks for \(LimitText.cpus(cpus))",
                detail: "quota cpus=\(maximum), held \(others.nanoCPUs), asked \(cpus)")
        }
        return .allowed
    }
}

extension Check {
    public static let teamQuota = Check(id: CheckTeamQuota.id, CheckTeamQuota.evaluate)
}
