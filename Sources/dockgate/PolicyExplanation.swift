import DockerAPI
import Policy

/// What `dockgate policy explain` prints for one request, worked out in the gate's order:
/// routing (refusals, unknown endpoints), framing, the strict JSON reader, then the profile.
struct PolicyExplanation {
    let allowed: Bool
    let lines: [String]

    init(method: String, target: String, body: [UInt8], identity: CallerIdentity, facts: Facts, profile: Profile) {
        let classified: ClassifiedRequest
        switch RouteTable.union.classify(method: method, target: target) {
        case .failure(let refusal):
            self.init(refused: refusal)
            return
        case .success(let result):
            classified = result
        }
        guard classified.endpoint != .unknown else {
            self.init(
                allowed: false,
                lines: [
                    "denied: \(classified.request.method) \(classified.request.path) is not a Docker Engine API"
                        + " endpoint (rule unknown-endpoint)"
                ])
            return
        }
        let headers = body.isEmpty ? [] : [(name: "Content-Length", value: String(body.count))]
        if case .failure(let refusal) = RequestFraming.check(headers: headers, for: classified) {
            self.init(refused: refusal)
            return
        }
        var json: JSONValue?
        if !body.isEmpty, classified.facts.body == .json {
            do throws(JSONRejection) {
                json = try StrictJSONParser.parse(body)
            } catch {
                self.init(allowed: false, lines: ["refused: \(error.isTooLarge ? 413 : 400) \(error.message)"])
                return
            }
        }
        let request = PolicyRequest(classified, body: json)
        switch PolicyEngine.evaluate(identity: identity, request: request, facts: facts, profile: profile) {
        case .allow:
            self.init(
                allowed: true,
                lines: [
                    "allowed: \(classified.request.method) \(target) (endpoint \(classified.endpoint),"
                        + " profile \(profile.name))"
                ])
        case .deny(let denial):
            self.init(denied: denial)
        }
    }

    private init(allowed: Bool, lines: [String]) {
        self.allowed = allowed
        self.lines = lines
    }

    private init(refused refusal: Refusal) {
        self.init(
            allowed: false, lines: ["refused: \(refusal.status) \(refusal.message) (rule \(refusal.code.rawValue))"])
    }

    private init(denied denial: Denial) {
        var lines = [
            "denied: \(denial.reason) (rule \(denial.ruleID), profile \(denial.profile))",
            "detail: \(denial.detail)",
        ]
        if let fact = denial.missingFact {
            lines.append("missing fact: \(fact); the gate would look it up from the daemon")
            lines.append("supply it in the --facts file, e.g. \(PolicyFactsFile.example(for: fact))")
        }
        self.init(allowed: false, lines: lines)
    }
}
