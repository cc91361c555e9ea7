/// Why a request body cannot be read as a typed view: a field holds JSON that dockerd's Go
/// decoder refuses for the field's type (dockerd answers 400), or the body is ambiguous in a
/// way the gate refuses to guess about. Either way the gate denies; `description` says which
/// field, in words a docker user can act on.
public struct ViewError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The JSON value does not fit the Go type of the field (`"true"` for a bool, `1e3`
        /// for an int64, an object for a list of strings).
        case decoding(GoDecodingError)
        /// A container create body sets HostConfig fields both inside `"HostConfig"` and at the
        /// top level (the legacy aliases, docker-api-surface.md §2.2). dockerd up to v26 then
        /// ignores the top-level ones except five it merges; v27 and later ignore them all.
        /// `topLevelKeys` are the top-level names as sent.
        case ambiguousHostConfig(topLevelKeys: [String])
    }

    /// Where in the body, with Go field names: `HostConfig.CapAdd[1]`, `Binds` (a top-level
    /// alias), `""` for the body itself.
    public let path: String
    public let kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// A value of JSON kind `found` (`"string"`, `"number 1e3"`) where Go needs `goType`.
    public static func mismatch(at path: String, found: String, goType: String) -> ViewError {
        ViewError(path: path, kind: .decoding(GoDecodingError(value: found, goType: goType)))
    }

    public var description: String {
        let place = path.isEmpty ? "the request body" : path
        switch kind {
        case .decoding(let error):
            let article = error.value.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            return "\(place) holds \(article) \(error.value) where dockerd expects \(error.goType) (\(error))"
        case .ambiguousHostConfig(let keys):
            let names = keys.map { "\"\($0)\"" }.joined(separator: ", ")
            return "the body sets HostConfig fields both inside \"HostConfig\" and at the top level (\(names));"
                + " daemons read that differently by version, so send them inside \"HostConfig\" only"
        }
    }
}
