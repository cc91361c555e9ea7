/// Check `team-quota`: a team holds at most `quota.containers` containers (running or not).
///
/// Restricted: `POST /containers/create`, against the number of containers carrying the
/// team's owner label (a fact: the daemon's list filtered by that label).
///
/// Allowed: any create while the team holds fewer than its quota; every request of a team
/// without a quota, of admins, and of single-tenant policies.
enum CheckTeamQuota {
    static let id = "team-quota"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let identity = context.identity
        guard identity.enforcesOwnership, context.request.endpoint == .containerCreate,
            let maximum = identity.quota?.maximumContainers
        else { return .allowed }
        switch context.facts.teamContainers[identity.team] {
        case nil:
            return .undetermined(
                "how many containers team \(quoted(identity.team)) holds", missing: .teamContainers(identity.team),
                detail: "quota containers=\(maximum)")
        case .notFound:
            return .allowed
        case .found(let count):
            guard count >= maximum else { return .allowed }
            return .forbidden(
                reason:
                    "team \(identity.team) already holds \(count) containers, its quota is \(maximum); remove one first (docker rm)",
                detail: "quota containers=\(maximum), held \(count)")
        }
    }
}

extension Check {
    public static let teamQuota = Check(id: CheckTeamQuota.id, CheckTeamQuota.evaluate)
}
