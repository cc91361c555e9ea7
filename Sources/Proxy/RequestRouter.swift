import DockerAPI
import NIOHTTP1

/// The first step of the gate: every request is read as dockerd would route it, and
/// whatever dockerd would redirect, misroute or read differently is refused before a byte
/// reaches the daemon.
///
/// - Unparseable or ambiguous request line, path, version or query: the `Refusal`'s status
///   (400) and message.
/// - Ambiguous framing (CL+TE, several lengths, form bodies, a body where none belongs): 400.
/// - A method and path dockerd has no route for: 403, fail closed.
public struct RequestRouter: Sendable {
    let table: RouteTable
    let configuration: RoutingConfiguration

    public init(configuration: RoutingConfiguration = RoutingConfiguration(), table: RouteTable = .union) {
        self.configuration = configuration
        self.table = table
    }

    public func route(_ head: HTTPRequestHead) -> Result<ClassifiedRequest, GateRefusal> {
        let classified: ClassifiedRequest
        switch table.classify(method: head.method.rawValue, target: head.uri, configuration: configuration) {
        case .failure(let refusal):
            return .failure(Self.refusal(refusal))
        case .success(let result):
            classified = result
        }
        guard classified.endpoint != .unknown else {
            return .failure(
                GateRefusal(
                    status: .forbidden,
                    message:
                        "dockgate: \(head.method.rawValue) \(classified.request.path) is not a Docker Engine API endpoint; refused (rule unknown-endpoint)",
                    rule: "unknown-endpoint"))
        }
        let headers = head.headers.map { (name: $0.name, value: $0.value) }
        let version = RequestFraming.HTTPVersion(major: head.version.major, minor: head.version.minor)
        if case .failure(let refusal) = RequestFraming.check(headers: headers, for: classified, httpVersion: version) {
            return .failure(Self.refusal(refusal))
        }
        return .success(classified)
    }

    private static func refusal(_ refusal: Refusal) -> GateRefusal {
        GateRefusal(
            status: HTTPResponseStatus(statusCode: refusal.status),
            message: "dockgate: \(refusal.message) (rule \(refusal.code.rawValue))", rule: refusal.code.rawValue)
    }
}
