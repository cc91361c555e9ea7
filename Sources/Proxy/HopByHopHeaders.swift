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

    /// True when the message asks to switch protocols.
    static func requestsUpgrade(_ headers: HTTPHeaders) -> Bool {
        headers.contains(name: "upgrade")
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
