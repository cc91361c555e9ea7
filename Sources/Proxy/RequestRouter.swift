import DockerAPI
import NIOHTTP1

/// The first layer of the gate: every request is read as dockerd would route it, and
/// whatever dockerd would redirect, misroute or read differently is refused before a byte
/// reaches the daemon. Known routes pass on to `next` (the policy layer, later; a
/// pass-through until then).
///
/// - Unparseable or ambiguous request line, path, version or query: the `Refusal`'s status
///   (400) and message.
/// - Ambiguous framing (CL+TE, several lengths, form bodies, a body where none belongs): 400.
/// - A method and path dockerd has no route for: 403, fail closed.
public struct RoutingGate: RequestGate {
    let table: RouteTable
    let configuration: RoutingConfiguration
    let next: RequestGate

    public init(
        configuration: RoutingConfiguration = RoutingConfiguration(), table: RouteTable = .union,
        next: RequestGate = PassThroughGate()
    ) {
        self.configuration = configuration
        self.table = table
        self.next = next
    }

    public func decide(_ request: GateRequest) -> GateDecision {
        let head = request.head
        let classified: ClassifiedRequest
        switch table.classify(method: head.method.rawValue, target: head.uri, configuration: configuration) {
        case .failure(let refusal):
            return Self.deny(refusal)
        case .success(let result):
            classified = result
        }
        guard classified.endpoint != .unknown else {
            return .deny(
                status: .forbidden,
                message:
                    "dockgate: \(head.method.rawValue) \(classified.request.path) is not a Docker Engine API endpoint; refused (rule unknown-endpoint)"
            )
        }
        let headers = head.headers.map { (name: $0.name, value: $0.value) }
        let version = RequestFraming.HTTPVersion(major: head.version.major, minor: head.version.minor)
        if case .failure(let refusal) = RequestFraming.check(headers: headers, for: classified, httpVersion: version) {
            return Self.deny(refusal)
        }
        return next.decide(request)
    }

    private static func deny(_ refusal: Refusal) -> GateDecision {
        .deny(
            status: HTTPResponseStatus(statusCode: refusal.status),
            message: "dockgate: \(refusal.message) (rule \(refusal.code.rawValue))")
    }
}
