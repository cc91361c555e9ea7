import DockerAPI
import NIOHTTP1
import Policy
import Testing

@testable import Proxy

/// The forwarded request names the checked object by its full ID: a name the team renames
/// away between the check and the request cannot then resolve to another team's object.
@Suite struct PinnedTargetTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let uri: String
        let expected: String
        var testDescription: String { name }
    }

    static let id = "3f2a6b0c9d8e7f60514233445566778899aabbccddeeff001122334455667788"

    static let facts = Facts(
        containers: [
            "web": .found(ContainerFact(id: id, owner: "web")), "3f2a": .found(ContainerFact(id: id, owner: "web")),
            "gone": .notFound,
        ],
        networks: ["mynet": .found(NetworkFact(id: "n1n2n3", name: "mynet", owner: "web"))],
        services: ["mysvc": .found(ServiceFact(id: "s1s2s3", owner: "web"))],
        secrets: ["mysecret": .found(ServiceFact(id: "x1x2x3", owner: "web"))])

    static let rows = [
        Row(name: "a container by name", uri: "/v1.41/containers/web/json", expected: "/v1.41/containers/\(id)/json"),
        Row(
            name: "an ID prefix, the query kept byte for byte", uri: "DELETE /v1.41/containers/3f2a?force=1&v=%74rue",
            expected: "/v1.41/containers/\(id)?force=1&v=%74rue"),
        Row(name: "no version prefix", uri: "POST /containers/web/stop?t=3", expected: "/containers/\(id)/stop?t=3"),
        Row(
            name: "a percent-encoded name", uri: "/v1.41/containers/w%65b/logs",
            expected: "/v1.41/containers/\(id)/logs"),
        Row(
            name: "a checkpoint of a container", uri: "/v1.41/containers/web/checkpoints",
            expected: "/v1.41/containers/\(id)/checkpoints"),
        Row(name: "a network", uri: "/v1.41/networks/mynet", expected: "/v1.41/networks/n1n2n3"),
        Row(
            name: "a service update", uri: "POST /v1.44/services/mysvc/update?version=3",
            expected: "/v1.44/services/s1s2s3/update?version=3"),
        Row(name: "a secret", uri: "/v1.44/secrets/mysecret", expected: "/v1.44/secrets/x1x2x3"),
        Row(
            name: "a container dockerd does not have", uri: "/v1.41/containers/gone/json",
            expected: "/v1.41/containers/gone/json"),
        Row(name: "a full ID stays", uri: "/v1.41/containers/\(id)/json", expected: "/v1.41/containers/\(id)/json"),
        Row(name: "volumes resolve by name only", uri: "/v1.41/volumes/web", expected: "/v1.41/volumes/web"),
    ]

    @Test(arguments: rows)
    func pinned(_ row: Row) throws {
        // "METHOD target", or a GET target.
        let parts = row.uri.split(separator: " ", maxSplits: 1).map(String.init)
        let (method, uri) = parts.count == 2 ? (HTTPMethod(rawValue: parts[0]), parts[1]) : (.GET, parts[0])
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: uri)
        let classified = try RequestRouter().route(head).get()
        let request = PolicyRequest(classified, body: nil)
        #expect(PinnedTarget.pinned(head, request: request, facts: Self.facts).uri == row.expected)
    }
}
