import Audit
import DockerAPI
import MutualTLS
import NIOCore
import NIOHTTP1
import Policy

/// The gate dockgate runs: each request is routed as dockerd would route it
/// (`RequestRouter`), its caller placed in a team (or refused), its endpoint held to the
/// team's role, its JSON body read with the strict Go-compatible parser, and the checks
/// evaluated — ownership and quota, then the profile's — with the facts they ask for looked
/// up from the daemon first. For a team member, what the request creates gets the owner
/// label and what it lists is filtered to the team (`OwnershipRewrite`).
///
/// Requests without a decoded body are decided at the head when no fact is needed. Denials
/// answer 403 with the check's message; a body dockerd would read differently from the gate
/// 400; a body over the inspected limit 413; a fact the daemon could not supply 502. In
/// every refusal nothing reaches the daemon.
public struct PolicyGate: RequestGate {
    let router: RequestRouter
    let policy: PolicyDocument
    let inspectedBodyLimit: Int
    /// Rates and quota turns, shared by the gates a reload makes.
    let teams: TeamState
    /// Plenty for a `container:X` chain and a `VolumesFrom` list; more means a loop.
    static let maximumLookups = 32

    /// A single-tenant gate: every certificate gets `profile`.
    public init(
        profile: Profile = .baseline, router: RequestRouter = RequestRouter(), inspectedBodyLimit: Int = 1 << 20
    ) {
        self.init(
            policy: PolicyDocument(profiles: [], activeProfile: profile, limits: GateLimits()), router: router,
            inspectedBodyLimit: inspectedBodyLimit)
    }

    public init(
        policy: PolicyDocument, router: RequestRouter, inspectedBodyLimit: Int, teams: TeamState = TeamState()
    ) {
        self.teams = teams
        self.policy = policy
        self.router = router
        self.inspectedBodyLimit = inspectedBodyLimit
    }

    /// Who the caller is under this policy, and with which profile.
    struct Caller {
        let identity: CallerIdentity
        let profile: Profile
    }

    public func admit(_ request: GateRequest) -> Admission {
        let classified: ClassifiedRequest
        switch router.route(request.head) {
        case .failure(let refusal): return .refuse(refusal)
        case .success(let result): classified = result
        }
        let report = request.report
        report.endpoint = classified.endpoint.id
        report.path = classified.request.path
        report.apiVersion = "\(classified.version)"
        if let target = PolicyRequest(classified, body: nil).target.nilIfEmpty {
            report.objects[Role.family(classified.endpoint)] = target
        }
        let caller: Caller
        switch resolveCaller(request.identity, report: report) {
        case .failure(let refusal): return .refuse(refusal)
        case .success(let resolved): caller = resolved
        }
        report.profile = caller.profile.name
        if classified.endpoint == .containerAttach, !HopByHopHeaders.requestsUpgrade(request.head) {
            return .refuse(Self.upgradeRequired)
        }
        var head = request.head
        if caller.identity.enforcesOwnership, OwnershipRewrite.filtersByOwner(classified.endpoint) {
            guard let rewritten = Self.filteredTarget(classified, team: caller.identity.team) else {
                return .refuse(
                    GateRefusal(
                        status: .badRequest,
                        message:
                            "dockgate: the filters parameter is not a JSON object of string lists (rule query.filters)")
                )
            }
            head.uri = rewritten
        }
        if classified.facts.body == .json {
            let forwardedHead = head
            return .decideLater(
                PendingDecision(inspectedBodyLimit: inspectedBodyLimit) { body, daemon in
                    if let body { report.bodySHA256 = AuditSHA256(of: Array(body.readableBytesView)) }
                    guard Self.countsTowardsQuota(classified.endpoint, caller: caller) else {
                        return self.decide(
                            classified, head: forwardedHead, caller: caller, body: body, daemon: daemon,
                            report: report)
                    }
                    // The team's quota facts must include what its change before this one made.
                    return self.teams.quotaTurns.take(team: caller.identity.team, on: daemon.eventLoop).flatMap {
                        turn in
                        report.whenFinished { turn.release() }
                        return self.decide(
                            classified, head: forwardedHead, caller: caller, body: body, daemon: daemon,
                            report: report)
                    }
                })
        }
        let policyRequest = PolicyRequest(classified, body: nil)
        switch PolicyEngine.evaluate(
            identity: caller.identity, request: policyRequest, facts: Facts(), profile: caller.profile)
        {
        case .allow:
            return .forward(head)
        case .deny(let denial) where denial.missingFact == nil:
            switch rollout(denial, head: head, caller: caller, report: report) {
            case .refuse(let refusal): return .refuse(refusal)
            case .allow(let allowed, _): return .forward(allowed)
            }
        case .deny:
            let forwardedHead = head
            return .decideLater(
                PendingDecision(inspectedBodyLimit: nil) { _, daemon in
                    self.evaluate(
                        policyRequest, head: forwardedHead, caller: caller, facts: Facts(),
                        fetcher: FactFetcher(daemon: daemon), lookups: 0, report: report)
                })
        }
    }

    /// An attach (or an exec start that does not detach) without `Upgrade`: dockerd would
    /// answer `200` and then read stdin from the same connection, raw, which an HTTP proxy
    /// would parse as the next request. Every docker client sends `Upgrade: tcp`.
    static let upgradeRequired = GateRefusal(
        status: .badRequest,
        message:
            "dockgate: attach and exec need the headers Connection: Upgrade and Upgrade: tcp, which docker clients send (rule http.upgrade-required)",
        rule: "http.upgrade-required")

    /// A change the team's quota counts: it waits for the team's turn (`QuotaTurns`).
    static func countsTowardsQuota(_ endpoint: Endpoint, caller: Caller) -> Bool {
        guard caller.identity.enforcesOwnership, let quota = caller.identity.quota else { return false }
        switch endpoint {
        case .containerCreate: return true
        case .containerUpdate: return quota.maximumMemory != nil || quota.maximumNanoCPUs != nil
        default: return false
        }
    }

    /// The caller's team, role and profile; a certificate no team claims is refused.
    func resolveCaller(_ peer: PeerIdentity, report: GateReport) -> Result<Caller, GateRefusal> {
        let subject = peer.subject.rfc2253
        switch policy.resolve(CertificateIdentity(peer: peer)) {
        case .singleTenant:
            return .success(Caller(identity: CallerIdentity(subject: subject), profile: policy.activeProfile))
        case .unmatched:
            return .failure(
                GateRefusal(
                    status: .forbidden,
                    message:
                        "dockgate: your certificate (\(subject)) belongs to no team in this gate's policy; ask its operators to add you (rule team-match)",
                    rule: "team-match"))
        case .team(let team, let alsoMatched):
            report.team = team.name
            report.role = team.role.name
            if !alsoMatched.isEmpty {
                report.note =
                    "the certificate also matches \(alsoMatched.joined(separator: ", ")); the first team in the file wins"
            }
            if let rate = team.rate, !teams.rates.admit(team: team.name, rate: rate) {
                return .failure(
                    GateRefusal(
                        status: .tooManyRequests,
                        message:
                            "dockgate: team \(team.name) is over its request rate of \(rate.perSecond)/s (burst \(rate.burst)); retry shortly (rule limits.rate)",
                        rule: "limits.rate"))
            }
            return .success(
                Caller(
                    identity: CallerIdentity(subject: subject, team: team.name, role: team.role, quota: team.quota),
                    profile: team.profile))
        }
    }

    /// Reads the inspected body, then evaluates.
    func decide(
        _ classified: ClassifiedRequest, head: HTTPRequestHead, caller: Caller, body: ByteBuffer?, daemon: DaemonLookup,
        report: GateReport
    ) -> EventLoopFuture<GateDecision> {
        var json: JSONValue? = nil
        if let body, body.readableBytes > 0 {
            do throws(JSONRejection) {
                json = try StrictJSONParser.parse(
                    Array(body.readableBytesView), limits: JSONLimits(maximumBytes: inspectedBodyLimit))
            } catch {
                switch error.kind {
                case .empty:
                    // Whitespace only: Go's decoder sees io.EOF, which dockerd treats as no body.
                    json = nil
                default:
                    return daemon.eventLoop.makeSucceededFuture(
                        .refuse(
                            GateRefusal(
                                status: error.isTooLarge ? .payloadTooLarge : .badRequest,
                                message: "\(error.message) (rule body.json)", rule: "body.json")))
                }
            }
        }
        let checked = json
        if classified.endpoint == .execStart, !HopByHopHeaders.requestsUpgrade(head),
            checked.flatMap({ try? ExecStartView($0).detach.value }) != true
        {
            return daemon.eventLoop.makeSucceededFuture(.refuse(Self.upgradeRequired))
        }
        let request = PolicyRequest(classified, body: checked)
        return evaluateWithFacts(
            request, head: head, caller: caller, facts: Facts(), fetcher: FactFetcher(daemon: daemon), lookups: 0,
            report: report
        ).map { decision, facts in
            guard case .allow(let allowedHead, _) = decision, var json = checked else { return decision }
            // The containers it names by the IDs the checks looked at; the profile's safe
            // defaults; then (for a team member) the team's owner label on what it creates:
            // forward the checked tree with them, re-encoded.
            var pinned = false
            if caller.identity.enforcesOwnership,
                let references = PinnedReferences.apply(to: json, request: request, facts: facts)
            {
                json = references
                pinned = true
            }
            var edited = ProfileDefaults.apply(to: json, request: request, profile: caller.profile)
            if caller.identity.enforcesOwnership, OwnershipRewrite.stampsLabel(classified.endpoint) {
                guard
                    let stamped = OwnershipRewrite.stamped(
                        edited ?? json, endpoint: classified.endpoint, team: caller.identity.team)
                else {
                    // Never forward what a team creates without its owner label.
                    return .refuse(
                        GateRefusal(
                            status: .badRequest,
                            message:
                                "dockgate: the owner label cannot be added to this body (rule ownership, profile \(caller.profile.name))",
                            rule: "ownership"))
                }
                edited = stamped
            }
            guard let body = edited ?? (pinned ? json : nil) else { return decision }
            return .allow(allowedHead, replacementBody: body.canonicalBytes())
        }
    }

    /// Evaluates the checks; while one lacks a fact, looks it up and evaluates again.
    func evaluate(
        _ request: PolicyRequest, head: HTTPRequestHead, caller: Caller, facts: Facts, fetcher: FactFetcher,
        lookups: Int, report: GateReport
    ) -> EventLoopFuture<GateDecision> {
        evaluateWithFacts(
            request, head: head, caller: caller, facts: facts, fetcher: fetcher, lookups: lookups, report: report
        ).map(\.decision)
    }

    /// `evaluate`, with the facts the decision was made on.
    func evaluateWithFacts(
        _ request: PolicyRequest, head: HTTPRequestHead, caller: Caller, facts: Facts, fetcher: FactFetcher,
        lookups: Int, report: GateReport
    ) -> EventLoopFuture<(decision: GateDecision, facts: Facts)> {
        let eventLoop = fetcher.daemon.eventLoop
        let denial: Denial
        switch PolicyEngine.evaluate(identity: caller.identity, request: request, facts: facts, profile: caller.profile)
        {
        case .allow:
            let pinned =
                caller.identity.enforcesOwnership ? PinnedTarget.pinned(head, request: request, facts: facts) : head
            return eventLoop.makeSucceededFuture((.allow(pinned), facts))
        case .deny(let refused): denial = refused
        }
        guard let fact = denial.missingFact, !facts.answers(fact), lookups < Self.maximumLookups else {
            return eventLoop.makeSucceededFuture((rollout(denial, head: head, caller: caller, report: report), facts))
        }
        return fetcher.adding(fact, to: facts)
            .flatMap { facts in
                self.evaluateWithFacts(
                    request, head: head, caller: caller, facts: facts, fetcher: fetcher, lookups: lookups + 1,
                    report: report)
            }
            .recover { error in
                (
                    .refuse(
                        GateRefusal(
                            status: .badGateway,
                            message:
                                "dockgate: \(denial.reason): looking up \(fact) failed: \(DaemonErrorText.describe(error)) (rule \(denial.ruleID), profile \(denial.profile))",
                            rule: denial.ruleID, detail: denial.detail)), facts
                )
            }
    }

    /// A profile denial under the profile's rollout mode: refused when enforcing; let through
    /// with a note (and, for `warn`, a `Warning` header) otherwise. Team checks always refuse.
    func rollout(_ denial: Denial, head: HTTPRequestHead, caller: Caller, report: GateReport) -> GateDecision {
        let refusal = Self.refusal(denial)
        let teamRule = Check.team.contains { $0.id == denial.ruleID }
        guard caller.profile.mode != .enforce, !teamRule, denial.missingFact == nil else { return .refuse(refusal) }
        report.wouldBeDenied = refusal
        report.note = "\(caller.profile.mode.rawValue): would be denied: \(denial.message)"
        if caller.profile.mode == .warn { report.warning = "would be denied: \(denial.message)" }
        return .allow(head)
    }

    static func refusal(_ denial: Denial) -> GateRefusal {
        GateRefusal(status: .forbidden, message: denial.message, rule: denial.ruleID, detail: denial.detail)
    }

    /// The request target with the team's owner label in `filters` (every other parameter as
    /// sent; every `filters` the client sent replaced by the one merged value).
    static func filteredTarget(_ classified: ClassifiedRequest, team: String) -> String? {
        let raw = classified.request.rawTarget
        let path = raw.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let filters = OwnershipRewrite.filters(classified.request.query.first("filters"), team: team) else {
            return nil
        }
        var parameters: [String] = []
        if let query = raw.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first {
            parameters = query.split(separator: "&").filter { pair in
                let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
                return name.removingPercentEncoding != "filters"
            }.map(String.init)
        }
        parameters.append("filters=" + FactFetcher.queryEscaped(filters))
        return path + "?" + parameters.joined(separator: "&")
    }
}

extension CertificateIdentity {
    public init(peer: PeerIdentity) {
        self.init(
            subject: peer.subject.rfc2253, commonNames: peer.commonName.map { [$0] } ?? [],
            organizations: peer.organizations, organizationalUnits: peer.organizationalUnits,
            uris: peer.subjectAlternativeNames.uris, dnsNames: peer.subjectAlternativeNames.dnsNames,
            emails: peer.subjectAlternativeNames.emailAddresses, fingerprint: peer.sha256Fingerprint,
            spkiSHA256: peer.spkiSHA256)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
