/// Where the Docker daemon listens: a local Unix socket, as `--upstream unix:///PATH`.
///
/// Only Unix sockets: a `tcp://` daemon endpoint without TLS would let anyone on that network
/// walk around the gate, and dockerd's own TLS port is what dockgate replaces.
public struct UpstreamAddress: Sendable, Hashable, CustomStringConvertible {
    public let socketPath: String

    public static let defaultValue = UpstreamAddress(socketPath: "/var/run/docker.sock")

    public init(socketPath: String) {
        self.socketPath = socketPath
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Accepts `unix:///path` (as in `DOCKER_HOST`) or a bare absolute path.
    public init(parsing value: String) throws {
        if value.hasPrefix("/") {
            self.init(socketPath: value)
            return
        }
        guard let schemeEnd = value.range(of: "://") else {
            throw ParseError(
                description: "--upstream \(value): expected unix:///PATH, e.g. unix:///var/run/docker.sock")
        }
        let scheme = value[..<schemeEnd.lowerBound].lowercased()
        let path = String(value[schemeEnd.upperBound...])
        switch scheme {
        case "unix":
            guard path.hasPrefix("/") else {
                throw ParseError(description: "--upstream \(value): the socket path must be absolute (unix:///PATH)")
            }
            self.init(socketPath: path)
        case "tcp", "http", "https":
            throw ParseError(
                description:
                    "--upstream \(value): dockgate forwards only to the daemon's local Unix socket; a TCP daemon endpoint would let clients bypass the gate. Use unix:///var/run/docker.sock"
            )
        default:
            throw ParseError(description: "--upstream \(value): \(scheme):// is not supported; use unix:///PATH")
        }
    }

    public var description: String { "unix://\(socketPath)" }
}
