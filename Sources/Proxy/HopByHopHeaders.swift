import NIOHTTP1

/// Headers that describe one connection rather than the message (RFC 9110 §7.6.1). dockgate
/// frames each side itself, so these never cross — except `Connection: Upgrade` and
/// `Upgrade` on a hijack, which the daemon needs to answer `101` (the docker CLI refuses
/// anything else).
enum HopByHopHeaders {
    static let names: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]

    /// True when the request switches protocols as NIO's parser (llhttp) sees it: an `Upgrade`
    /// header *and* an `upgrade` token in `Connection`, or a CONNECT. The parser stops after
    /// such a request and holds what follows unparsed, for the new protocol; after any other
    /// it reads the next bytes as the next request. dockerd hijacks on `Upgrade` alone, so a
    /// hijack is only safe when this holds: else the client's raw bytes would already have
    /// been parsed as HTTP.
    static func requestsUpgrade(_ head: HTTPRequestHead) -> Bool {
        if head.method == .CONNECT { return true }
        return head.headers.contains(name: "upgrade")
            && head.headers[canonicalForm: "connection"].contains { $0.lowercased() == "upgrade" }
    }

    /// Removes hop-by-hop headers and those the Connection header names. With
    /// `keepingUpgrade`, `Connection` and `Upgrade` stay exactly as the client sent them.
    static func strip(_ headers: inout HTTPHeaders, keepingUpgrade: Bool) {
        var named = Set<String>()
        for value in headers[canonicalForm: "connection"] { named.insert(value.lowercased()) }
        let remove = names.union(named).subtracting(keepingUpgrade ? ["connection", "upgrade"] : [])
        for name in remove { headers.remove(name: name) }
    }
}
