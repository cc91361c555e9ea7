/// A `-H/--host` value, in dockerd's syntax: `tcp://ADDR:PORT`, `tcp://[V6]:PORT`,
/// `tcp://:PORT` (all interfaces). Without a port, 2375, as dockerd (`-H tcp://HOST`) and the
/// docker CLI (`DOCKER_HOST=tcp://HOST`) both take it even with TLS; 2376 is only the address
/// used when no `-H` is given at all. dockgate only
/// listens on TCP with mutual TLS, so the `unix://`, `fd://` and `npipe://` forms dockerd also
/// takes are refused with a reason.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int

    /// Docker's registered port for its API over TLS: where dockgate listens without `-H`.
    public static let defaultValue = ListenAddress(host: "0.0.0.0", port: 2376)
    /// The port of a `tcp://HOST` without one (dockerd's and the CLI's `DefaultHTTPPort`).
    public static let portWhenOmitted = 2375

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case unsupportedScheme(value: String, scheme: String)
        case malformed(value: String, detail: String)

        public var description: String {
            switch self {
            case .unsupportedScheme(let value, let scheme):
                return
                    "-H \(value): dockgate listens only on tcp:// with mutual TLS (\(scheme):// would bypass client certificates)"
            case .malformed(let value, let detail):
                return "-H \(value): \(detail); expected tcp://ADDRESS[:PORT], e.g. tcp://0.0.0.0:2376"
            }
        }
    }

    public init(parsing value: String) throws {
        var rest = Substring(value)
        if let schemeEnd = rest.range(of: "://") {
            let scheme = rest[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "tcp" else { throw ParseError.unsupportedScheme(value: value, scheme: scheme) }
            rest = rest[schemeEnd.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...] == "/" else {
                throw ParseError.malformed(value: value, detail: "a path is not allowed")
            }
            rest = rest[..<slash]
        }
        let hostPart: Substring
        let portPart: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw ParseError.malformed(value: value, detail: "unterminated IPv6 address")
            }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let afterBracket = rest[rest.index(after: close)...]
            if afterBracket.isEmpty {
                portPart = ""
            } else {
                guard afterBracket.hasPrefix(":") else {
                    throw ParseError.malformed(value: value, detail: "\"\(afterBracket)\" after the IPv6 address")
                }
                portPart = afterBracket.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portPart = rest[rest.index(after: colon)...]
            if hostPart.contains(":") {
                throw ParseError.malformed(value: value, detail: "IPv6 addresses need brackets")
            }
        } else {
            hostPart = rest
            portPart = ""
        }
        // As dockerd: no port (or a bare colon) means the default one.
        guard let port = portPart.isEmpty ? Self.portWhenOmitted : Int(portPart), (0...65535).contains(port) else {
            throw ParseError.malformed(value: value, detail: "port \"\(portPart)\" is not a number from 0 to 65535")
        }
        self.host = hostPart.isEmpty ? "0.0.0.0" : String(hostPart)
        self.port = port
    }

    public var description: String {
        host.contains(":") ? "tcp://[\(host)]:\(port)" : "tcp://\(host):\(port)"
    }
}
