/// The daemon releases whose route tables the gate reproduces (docker-routes.md).
public enum DaemonRelease: String, Sendable, Hashable, CaseIterable {
    /// dockerd v20.10.24: API 1.41 (default and maximum), minimum 1.12 on Linux.
    case v20 = "20.10"
    /// moby master at b985e2313a (route registration identical to docker-v29.7.2): API 1.56,
    /// default minimum 1.40, configurable down to 1.24.
    case master = "master"
}

/// One route dockerd registers: a method (or, for 20.10's debug routes, any method), a
/// template, the endpoint it serves, and what the gate must know about it.
public struct Route: Sendable, Hashable, CustomStringConvertible {
    /// Which forms of the path dockerd registers for the route.
    public enum Prefix: Sendable, Hashable {
        /// `"/v{version:[0-9.]+}" + template`, then the bare template: every API route.
        case versionedThenBare
        /// The bare template only: 20.10's `/debug/…` routes.
        case bareOnly
    }

    /// `nil`: any method (20.10's debug routes are registered without a method matcher).
    public let method: HTTPMethod?
    public let template: PathTemplate
    public let endpoint: Endpoint
    public let facts: EndpointFacts
    public let prefix: Prefix
    /// The releases that register this route.
    public let releases: Set<DaemonRelease>
    /// master's `WithMinimumAPIVersion`: below it the route still matches but dockerd
    /// answers 400. 20.10 has no such wrapper.
    public let minimumAPIVersion: APIVersion?
    /// Registered always, but answers 501 unless dockerd runs with `--experimental`. It
    /// still matches, so it still shadows later routes.
    public let experimental: Bool
    /// `template` behind the version prefix, built once.
    let versionedTemplate: PathTemplate?

    init(
        _ method: HTTPMethod?, _ template: String, _ endpoint: Endpoint, body: EndpointFacts.Body = .none,
        hijack: EndpointFacts.Hijack = .none, response: EndpointFacts.Response = .complete,
        prefix: Prefix = .versionedThenBare, releases: Set<DaemonRelease> = Set(DaemonRelease.allCases),
        minimumAPIVersion: APIVersion? = nil, experimental: Bool = false
    ) {
        self.method = method
        self.template = PathTemplate(template)
        self.endpoint = endpoint
        self.facts = EndpointFacts(body: body, hijack: hijack, response: response)
        self.prefix = prefix
        self.releases = releases
        self.minimumAPIVersion = minimumAPIVersion
        self.experimental = experimental
        self.versionedTemplate = prefix == .versionedThenBare ? self.template.versioned() : nil
    }

    public var description: String { "\(method?.rawValue ?? "*") \(template) → \(endpoint)" }

    /// The path variables and the version a request matched with, trying the forms in
    /// dockerd's registration order (versioned first), or `nil`.
    func match(method requestMethod: HTTPMethod, path: String) -> (variables: PathParameters, version: String?)? {
        if let method, method != requestMethod { return nil }
        if let captures = versionedTemplate?.match(path) {
            let version = captures.first { $0.name == "version" }?.value
            return (PathParameters(captures.filter { $0.name != "version" }), version)
        }
        if let captures = template.match(path) {
            return (PathParameters(captures), nil)
        }
        return nil
    }
}

/// The values of a route's path variables (`name`, `id`, `checkpoint`, `anyroute`),
/// percent-decoded; a `{name:.*}` value may contain `/` (`library/ubuntu:22.04`, a link
/// alias such as `web/db`).
public struct PathParameters: Sendable, Hashable, CustomStringConvertible {
    public struct Parameter: Sendable, Hashable {
        public let name: String
        public let value: String
    }

    public let parameters: [Parameter]

    init(_ captures: [(name: String, value: String)] = []) {
        self.parameters = captures.map { Parameter(name: $0.name, value: $0.value) }
    }

    public subscript(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    public var description: String { parameters.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }
}
