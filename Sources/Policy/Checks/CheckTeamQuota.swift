import DockerAPI

/// Check `team-quota`: a team holds at most `quota.containers` containers (running or not),
/// and its running containers together have at most `quota.memory` and `quota.cpus`.
///
/// Restricted: `POST /containers/create`, against the number of containers carrying the
/// team's owner label (a fact: the daemon's list filtered by that label); with a memory or
/// CPU quota, the new container must set that limit (`Memory`, `NanoCpus` or `CpuQuota`),
/// and it plus the limits of the team's running containers (a fact) must fit the quota. The
/// sums are taken at create: `docker run` creates each container after the earlier ones run.
///
/// Allowed: any create while the team holds fewer than its quota; every request of a team
/// without a quota, of admins, and of single-tenant policies.
enum CheckTeamQuota {
    static let id = "team-quota"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let identity = context.identity
        guard identity.enforcesOwnership, context.request.endpoint == .containerCreate else { return .allowed }
        guard let maximum = identity.quota?.maximumContainers else { return resources(context) }
        switch context.facts.teamContainers[identity.team] {
        case nil:
            return .undetermined(
                "how many containers team \(quoted(identity.team)) holds", missing: .teamContainers(identity.team),
                detail: "quota containers=\(maximum)")
        case .notFound:
            return .allowed
        case .found(let count):
            guard count >= maximum else { return resources(context) }
            return .forbidden(
                reason:
                    "team \(identity.team) already holds \(count) containers, its quota is \(maximum); remove one first (docker rm)",
                detail: "quota containers=\(maximum), held \(count)")
        }
    }

    /// The memory and CPU part of the quota.
    static func resources(_ context: CheckContext) -> CheckResult {
        let identity = context.identity
        guard let quota = identity.quota, quota.maximumMemory != nil || quota.maximumNanoCPUs != nil,
            let resources = context.request.hostConfig?.resources
        else { return .allowed }
        return .reading { () throws(ViewError) in
            let memory = try resources.memory.get() ?? 0
            let nano = try resources.nanoCpus.get() ?? 0
            let cpuQuota = try resources.cpuQuota.get() ?? 0
            let period = try resources.cpuPeriod.get() ?? 0
            let cpus =
                nano > 0
                ? nano
                : cpuQuota > 0
                    ? CheckCPULimit.nanoCPUs(quota: cpuQuota, period: period > 0 ? period : CheckCPULimit.defaultPeriod)
                    : 0
            if let maximum = quota.maximumMemory, memory <= 0 {
                return .forbidden(
                    reason: "team \(identity.team) has a memory quota of \(LimitText.bytes(maximum)): add --memory",
                    detail: "quota memory=\(maximum), Memory=\(memory)")
            }
            if let maximum = quota.maximumNanoCPUs, cpus <= 0 {
                return .forbidden(
                    reason: "team \(identity.team) has a CPU quota of \(LimitText.cpus(maximum)) CPUs: add --cpus",
                    detail: "quota cpus=\(maximum), NanoCpus=\(nano), CpuQuota=\(cpuQuota)")
            }
            switch context.facts.teamResources[identity.team] {
            case nil:
                return .undetermined(
                    "what team \(quoted(identity.team))'s running containers use",
                    missing: .teamResources(identity.team),
                    detail: "quota \(quota.description)")
            case .notFound:
                return .allowed
            case .found(let used):
                if let maximum = quota.maximumMemory,
                    used.withoutMemoryLimit > 0 || used.memory + memory > maximum
                {
                    return .forbidden(
                        reason:
                            "team \(identity.team)'s running containers use \(used.withoutMemoryLimit > 0 ? "unlimited" : LimitText.bytes(used.memory)) of its \(LimitText.bytes(maximum)) memory quota; this container asks for \(LimitText.bytes(memory)) more",
                        detail: "quota memory=\(maximum), used \(used.memory), asked \(memory)")
                }
                if let maximum = quota.maximumNanoCPUs, used.withoutCPULimit > 0 || used.nanoCPUs + cpus > maximum {
                    return .forbidden(
                        reason:
                            "team \(identity.team)'s running containers use \(used.withoutCPULimit > 0 ? "unlimited" : LimitText.cpus(used.nanoCPUs)) of its \(LimitText.cpus(maximum)) CPU quota; this container asks for \(LimitText.cpus(cpus)) more",
                        detail: "quota cpus=\(maximum), used \(used.nanoCPUs), asked \(cpus)")
                }
                return .allowed
            }
        }
    }
}

extension Check {
    public static let teamQuota = Check(id: CheckTeamQuota.id, CheckTeamQuota.evaluate)
}
