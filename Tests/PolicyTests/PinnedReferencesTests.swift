import DockerAPI
import Policy
import Testing

/// The containers a body names go to the daemon as the full IDs the ownership check looked
/// at; the rest of the body, and every key's spelling, stays as sent.
@Suite("pinned references")
struct PinnedReferencesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let line: String
        let body: String
        /// The body forwarded, or nil when nothing is rewritten.
        let expected: String?
        var testDescription: String { name }
    }

    static let id = "3f2a6b0c9d8e7f60514233445566778899aabbccddeeff001122334455667788"

    static let facts = Facts(containers: [
        "web": .found(ContainerFact(id: id, owner: "web")), "3f2a": .found(ContainerFact(id: id, owner: "web")),
        "gone": .notFound, id: .found(ContainerFact(id: id, owner: "web")),
    ])

    static let create = "POST /v1.41/containers/create"

    static let rows = [
        Row(
            name: "a network namespace", line: create,
            body: #"{"Image":"x","HostConfig":{"NetworkMode":"container:web"}}"#,
            expected: #"{"Image":"x","HostConfig":{"NetworkMode":"container:\#(id)"}}"#),
        Row(
            name: "PID and IPC namespaces by ID prefix, lower-case keys kept",
            line: create, body: #"{"Image":"x","hostconfig":{"pidmode":"container:3f2a","IpcMode":"container:web"}}"#,
            expected: #"{"Image":"x","hostconfig":{"pidmode":"container:\#(id)","IpcMode":"container:\#(id)"}}"#),
        Row(
            name: "HostConfig fields at the top level (up to v26)", line: "POST /v1.41/containers/create",
            body: #"{"Image":"x","NetworkMode":"container:web"}"#,
            expected: #"{"Image":"x","NetworkMode":"container:\#(id)"}"#),
        Row(
            name: "VolumesFrom keeps each mode", line: create,
            body: #"{"Image":"x","HostConfig":{"VolumesFrom":["web:ro","gone","3f2a"]}}"#,
            expected: #"{"Image":"x","HostConfig":{"VolumesFrom":["\#(id):ro","gone","\#(id)"]}}"#),
        Row(
            name: "links keep their names (the default alias)", line: create,
            body: #"{"Image":"x","HostConfig":{"Links":["web"]}}"#, expected: nil),
        Row(
            name: "host and plain modes are not references", line: create,
            body: #"{"Image":"x","HostConfig":{"NetworkMode":"none","IpcMode":"private"}}"#, expected: nil),
        Row(
            name: "a container dockerd does not have", line: create,
            body: #"{"Image":"x","HostConfig":{"NetworkMode":"container:gone"}}"#, expected: nil),
        Row(
            name: "a full ID stays", line: create,
            body: #"{"Image":"x","HostConfig":{"NetworkMode":"container:\#(id)"}}"#, expected: nil),
        Row(
            name: "network connect", line: "POST /v1.41/networks/n/connect", body: #"{"Container":"web"}"#,
            expected: #"{"Container":"\#(id)"}"#),
        Row(
            name: "network disconnect, lower-case key", line: "POST /v1.41/networks/n/disconnect",
            body: #"{"container":"3f2a","Force":true}"#, expected: #"{"container":"\#(id)","Force":true}"#),
    ]

    @Test(arguments: rows)
    func pinned(_ row: Row) throws {
        let request = try PolicyTest.request(row.line, row.body)
        let body = try StrictJSONParser.parse(Array(row.body.utf8))
        let result = PinnedReferences.apply(to: body, request: request, facts: Self.facts)
        #expect(result.map { String(decoding: $0.canonicalBytes(), as: UTF8.self) } == row.expected)
    }
}
