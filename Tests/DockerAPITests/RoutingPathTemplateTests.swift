import DockerAPI
import Testing

/// The template matcher against gorilla/mux's anchored regexps: `{x}` is `[^/]+`, `{x:.*}`
/// and `{x:.+}` span `/` but not `\n`.
@Suite("Route template matching")
struct RoutingPathTemplateTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let template: String
        let path: String
        /// nil: no match.
        let captures: [String]?
        var testDescription: String { "\(template) ~ \(path.debugDescription)" }
    }

    static let rows: [Row] = [
        Row(template: "/containers/{name:.*}/json", path: "/containers/web/json", captures: ["web"]),
        Row(template: "/containers/{name:.*}/json", path: "/containers/web/db/json", captures: ["web/db"]),
        Row(template: "/containers/{name:.*}/json", path: "/containers/json/json", captures: ["json"]),
        Row(template: "/containers/{name:.*}/json", path: "/containers//json", captures: [""]),
        Row(template: "/containers/{name:.*}/json", path: "/containers/json", captures: nil),
        Row(template: "/containers/{name:.*}/json", path: "/containers/x/json/", captures: nil),
        Row(template: "/containers/{name:.*}/json", path: "/containers/a\n/json", captures: nil),
        Row(template: "/containers/{name:.*}/json", path: "/containers/a/json/json", captures: ["a/json"]),
        Row(template: "/containers/{name:.*}", path: "/containers/", captures: [""]),
        Row(template: "/containers/{name:.*}", path: "/containers/a/b/checkpoints/c", captures: ["a/b/checkpoints/c"]),
        Row(
            template: "/containers/{name}/checkpoints/{checkpoint}", path: "/containers/a/checkpoints/b",
            captures: ["a", "b"]),
        Row(
            template: "/containers/{name}/checkpoints/{checkpoint}", path: "/containers/a/b/checkpoints/c",
            captures: nil),
        Row(template: "/containers/{name}/checkpoints/{checkpoint}", path: "/containers//checkpoints/c", captures: nil),
        // [^/] matches a newline; only `.` does not.
        Row(template: "/services/{id}", path: "/services/a\nb", captures: ["a\nb"]),
        Row(template: "/services/{id}", path: "/services/a/b", captures: nil),
        Row(template: "/networks/{id:.+}", path: "/networks/", captures: nil),
        Row(template: "/networks/{id:.+}", path: "/networks/foo/connect", captures: ["foo/connect"]),
        Row(template: "/networks/", path: "/networks/", captures: []),
        Row(template: "/networks", path: "/networks/", captures: nil),
        Row(template: "/{anyroute:.*}", path: "/", captures: [""]),
        Row(template: "/{anyroute:.*}", path: "/v1.41/containers/json", captures: ["v1.41/containers/json"]),
        Row(template: "/images/{name:.*}/push", path: "/images/a/b:1/push", captures: ["a/b:1"]),
        Row(template: "/images/{name:.*}/push", path: "/images/x/tag/push", captures: ["x/tag"]),
        Row(template: "/_ping", path: "/_ping", captures: []),
        Row(template: "/_ping", path: "/_PING", captures: nil),
        Row(template: "/_ping", path: "/_pin", captures: nil),
        Row(template: "/_ping", path: "/_pingx", captures: nil),
        Row(template: "/containers/{name:.*}/json", path: "/containers/é/json", captures: ["é"]),
    ]

    @Test("anchored, greedy, captures as mux.Vars", arguments: rows)
    func matches(_ row: Row) {
        let captures = PathTemplate(row.template).match(row.path)
        #expect(captures?.map(\.value) == row.captures)
        if let captures { #expect(captures.map(\.name) == PathTemplate(row.template).variableNames) }
    }

    @Test("every template in the tables parses, with the variable names dockerd uses")
    func variableNames() {
        let names = Set(RouteTable.union.routes.flatMap(\.template.variableNames))
        #expect(names == ["name", "id", "checkpoint", "anyroute"])
    }
}
