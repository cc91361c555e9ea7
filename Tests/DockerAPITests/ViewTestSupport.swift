import DockerAPI
import Testing

/// Shared by the View*Tests files: parse a body and build a view, or capture why not.
enum ViewTest {
    static func create(_ text: String) throws -> ContainerCreateView {
        try ContainerCreateView(JSONTest.parse(text))
    }

    /// The error building a create view from `text`, or nil when it builds.
    static func createError(_ text: String) throws -> ViewError? {
        let body = try JSONTest.parse(text)
        do {
            _ = try ContainerCreateView(body)
            return nil
        } catch {
            return error
        }
    }

    /// The HostConfig of `{"HostConfig": <hostConfig>}`.
    static func hostConfig(_ hostConfig: String) throws -> HostConfigView {
        try create(#"{"Image":"x","HostConfig":"# + hostConfig + "}").hostConfig
    }

    static func mismatch(_ path: String, _ found: String, _ goType: String) -> ViewError {
        ViewError(path: path, kind: .decoding(GoDecodingError(value: found, goType: goType)))
    }
}

/// Byte-wise, as the policy must compare (Swift's `==` on String is canonical equivalence).
func sameBytes(_ a: [String]?, _ b: [String]?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a.count == b.count && zip(a, b).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
}
