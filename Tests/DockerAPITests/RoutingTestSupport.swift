import DockerAPI
import Testing

/// Shared by the Routing*Tests files: classify a request line, or capture its refusal.
enum RoutingTest {
    /// `"METHOD target"` → the method and the target.
    static func split(_ line: String) -> (method: String, target: String) {
        let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }

    /// The classification of `"METHOD target"`; a refusal is a test failure.
    static func classify(
        _ line: String, table: RouteTable = .union, configuration: RoutingConfiguration = RoutingConfiguration(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ClassifiedRequest {
        let (method, target) = split(line)
        switch table.classify(method: method, target: target, configuration: configuration) {
        case .success(let classified):
            return classified
        case .failure(let refusal):
            Issue.record("\(line) refused: \(refusal)", sourceLocation: sourceLocation)
            throw refusal
        }
    }

    /// The refusal of `"METHOD target"`, or nil when it is classified.
    static func refusal(
        _ line: String, configuration: RoutingConfiguration = RoutingConfiguration()
    ) -> Refusal? {
        let (method, target) = split(line)
        if case .failure(let refusal) = RouteTable.union.classify(
            method: method, target: target, configuration: configuration)
        {
            return refusal
        }
        return nil
    }

    /// A canonical request built directly, for paths the canonicaliser refuses but the
    /// route table must still match as mux does (`/networks/`).
    static func request(_ method: HTTPMethod, path: String) -> CanonicalRequest {
        CanonicalRequest(
            method: method, rawTarget: path, path: path, version: .unversioned,
            segments: path.split(separator: "/").map(String.init), query: QueryParameters())
    }
}
