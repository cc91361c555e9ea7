import DockerAPI
import MutualTLS
import NIOCore
import NIOHTTP1
import Policy

/// The gate dockgate runs: each request is routed as dockerd would route it
/// (`RequestRouter`), its JSON body read with the strict Go-compatible parser, and the
/// profile's checks evaluated, with the facts they ask for looked up from the daemon first.
///
/// Requests without a body the daemon decodes are decided at the head when no fact is
/// needed. Denials answer 403 with the check's message; a body dockerd would read
/// differently from the gate 400; a body over the inspected limit 413; a fact the daemon
/// could not supply 502. In every refusal nothing reaches the daemon.
public struct PolicyGate: RequestGate {
    let router: RequestRouter
    let profile: Profile
    let inspectedBodyLimit: Int
    /// Plenty for a `container:X` chain and a `VolumesFrom` list; more means a loop.
    static let maximumLookups = 32

    public init(
        profile: Profile = .baseline, router: RequestRouter = RequestRouter(), inspectedBodyLimit: Int = 1 << 20
    ) {
        self.profile = profile
        self.router = router
        self.inspectedBodyLimit = inspectedBodyLimit
    }

    public func admit(_ request: GateRequest) -> Admission {
        let classified: ClassifiedRequest
        switch router.route(request.head) {
        case .failure(let refusal): return .refuse(refusal)
        case .success(let result): classified = result
        }
        let head = request.head
        let identity = CallerIdentity(peer: request.identity)
        if classified.facts.body == .json {
            return .decideLater(
                PendingDecision(inspectedBodyLimit: inspectedBodyLimit) { body, daemon in
                    self.decide(classified, head: head, identity: identity, body: body, daemon: daemon)
                })
        }
        let policyRequest = PolicyRequest(classified, body: nil)
        switch PolicyEngine.evaluate(identity: identity, request: policyRequest, facts: Facts(), profile: profile) {
        case .allow:
            return .forward(head)
        case .deny(let denial) where denial.missingFact == nil:
            return .refuse(Self.refusal(denial))
        case .deny:
            return .decideLater(
                PendingDecision(inspectedBodyLimit: nil) { _, daemon in
                    self.evaluate(
                        policyRequest, head: head, identity: identity, facts: Facts(),
                        fetcher: FactFetcher(daemon: daemon), lookups: 0)
                })
        }
    }

    /// Reads the inspected body, then evaluates.
    func decide(
        _ classified: ClassifiedRequest, head: HTTPRequestHead, identity: CallerIdentity, body: ByteBuffer?,
        daemon: DaemonLookup
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
                                message: "\(error.message) (rule body.json)")))
                }
            }
        }
        return evaluate(
            PolicyRequest(classified, body: json), head: head, identity: identity, facts: Facts(),
            fetcher: FactFetcher(daemon: daemon), lookups: 0)
    }

    /// Evaluates the profile; while a check lacks a fact, looks it up and evaluates again.
    func evaluate(
        _ request: PolicyRequest, head: HTTPRequestHead, identity: CallerIdentity, facts: Facts,
        fetcher: FactFetcher, lookups: Int
    ) -> EventLoopFuture<GateDecision> {
        let eventLoop = fetcher.daemon.eventLoop
        let denial: Denial
        switch PolicyEngine.evaluate(identity: identity, request: request, facts: facts, profile: profile) {
        case .allow: return eventLoop.makeSucceededFuture(.allow(head))
        case .deny(let refused): denial = refused
        }
        guard let fact = denial.missingFact, !facts.answers(fact), lookups < Self.maximumLookups else {
            return eventLoop.makeSucceededFuture(.refuse(Self.refusal(denial)))
        }
        return fetcher.adding(fact, to: facts)
            .flatMap { facts in
                self.evaluate(
                    request, head: head, identity: identity, facts: facts, fetcher: fetcher, lookups: lookups + 1)
            }
            .recover { error in
                .refuse(
                    GateRefusal(
                        status: .badGateway,
                        message:
                            "dockgate: \(denial.reason): looking up \(fact) failed: \(DaemonErrorText.describe(error)) (rule \(denial.ruleID), profile \(denial.profile))"
                    ))
            }
    }

    static func refusal(_ denial: Denial) -> GateRefusal {
        GateRefusal(status: .forbidden, message: denial.message)
    }
}

extension CallerIdentity {
    /// Before teams exist (a later issue) every verified certificate is its own caller with
    /// the gate's one profile.
    init(peer: PeerIdentity) {
        self.init(subject: peer.subject.rfc2253, team: "", role: "")
    }
}
