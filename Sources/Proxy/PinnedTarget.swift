import DockerAPI
import NIOHTTP1
import Policy

/// The forwarded request names the object the checks looked up by its full ID, not by the
/// name or ID prefix the client gave. Between the lookup and the request the name could come
/// to mean another object: a team renames its own container `3f2a` away, and `3f2a` then
/// resolves (as dockerd does: full ID, name, then ID prefix) to another team's container.
enum PinnedTarget {
    /// `head` with the path's object replaced by the ID `facts` found for it; unchanged when
    /// there is none or the raw path does not hold the reference as one plain segment.
    static func pinned(_ head: HTTPRequestHead, request: PolicyRequest, facts: Facts) -> HTTPRequestHead {
        let target = request.target
        guard !target.isEmpty, let id = fullID(of: target, family: Role.family(request.endpoint), facts: facts),
            !id.isEmpty, Array(id.utf8) != Array(target.utf8),
            let uri = replacing(target, with: id, in: head.uri, versioned: request.version != .unversioned)
        else { return head }
        var pinned = head
        pinned.uri = uri
        return pinned
    }

    static func fullID(of target: String, family: String, facts: Facts) -> String? {
        switch family {
        case "container", "checkpoint": found(facts.containers[target])?.id
        case "network": found(facts.networks[target])?.id
        case "service": found(facts.services[target])?.id
        case "secret": found(facts.secrets[target])?.id
        case "config": found(facts.configs[target])?.id
        default: nil
        }
    }

    private static func found<Value>(_ lookup: Lookup<Value>?) -> Value? {
        if case .found(let value) = lookup { return value }
        return nil
    }

    /// The raw request-target with its object segment (`/containers/{name}/…` and the like,
    /// after any `/vX.Y`) replaced by `id`; the query kept byte for byte.
    static func replacing(_ target: String, with id: String, in uri: String, versioned: Bool) -> String? {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var segments = parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let index = versioned ? 3 : 2
        guard segments.count > index, segments[index].removingPercentEncoding == target else { return nil }
        segments[index] = id
        return segments.joined(separator: "/") + (parts.count > 1 ? "?" + parts[1] : "")
    }
}
