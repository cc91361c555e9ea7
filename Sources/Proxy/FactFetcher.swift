import DockerAPI
import Foundation
import NIOCore
import Policy

/// Answers the policy's `FactQuery`s: from the daemon's inspect endpoints, or (host paths)
/// from this host's file system, which is the daemon's when dockgate sits on its socket.
///
/// A 404 is an answer (`Lookup.notFound`: the daemon has no such object and will refuse the
/// request itself); any other outcome fails the future, and the gate refuses the request.
struct FactFetcher {
    let daemon: DaemonLookup

    /// `facts` with the answer to `query` added.
    func adding(_ query: FactQuery, to facts: Facts) -> EventLoopFuture<Facts> {
        switch query {
        case .image(let reference):
            return inspect("/images/\(Self.escaped(reference))/json", InspectedFacts.image).map { answer in
                var facts = facts
                facts.images[reference] = answer
                return facts
            }
        case .container(let reference):
            return inspect("/containers/\(Self.escaped(reference))/json", InspectedFacts.container).map { answer in
                var facts = facts
                facts.containers[reference] = answer
                return facts
            }
        case .exec(let id):
            return inspect("/exec/\(Self.escaped(id))/json", InspectedFacts.exec).map { answer in
                var facts = facts
                facts.execs[id] = answer
                return facts
            }
        case .volume(let name):
            return inspect("/volumes/\(Self.escaped(name))", InspectedFacts.volume).map { answer in
                var facts = facts
                facts.volumes[name] = answer
                return facts
            }
        case .network(let name):
            return inspect("/networks/\(Self.escaped(name))", InspectedFacts.network).map { answer in
                var facts = facts
                facts.networks[name] = answer
                return facts
            }
        case .service(let name):
            return inspect("/services/\(Self.escaped(name))", InspectedFacts.service).map { answer in
                var facts = facts
                facts.services[name] = answer
                return facts
            }
        case .teamContainers(let team):
            let filters = #"{"label":["\#(OwnerLabel.key)=\#(team)"]}"#
            return inspect(
                "/containers/json?all=1&filters=\(Self.queryEscaped(filters))", InspectedFacts.containerCount
            )
            .map { answer in
                var facts = facts
                facts.teamContainers[team] = answer
                return facts
            }
        case .hostPath(let path):
            var updated = facts
            updated.hostPaths[path] = .found(HostPathResolver.resolve(path))
            return daemon.eventLoop.makeSucceededFuture(updated)
        }
    }

    private func inspect<Value: Sendable>(
        _ path: String, _ read: @escaping @Sendable (JSONValue) throws(InspectError) -> Value
    ) -> EventLoopFuture<Lookup<Value>> {
        daemon.get(path).flatMapThrowing { answer in
            switch answer.status.code {
            case 200:
                let document: JSONValue
                do {
                    document = try StrictJSONParser.parse(
                        Array(answer.body.readableBytesView),
                        limits: JSONLimits(maximumBytes: PooledDaemonLookup.maximumAnswerBytes))
                    return .found(try read(document))
                } catch {
                    throw DaemonLookupError(description: "cannot read the daemon's answer to GET \(path): \(error)")
                }
            case 404:
                return .notFound
            default:
                throw DaemonLookupError(
                    description:
                        "the daemon answered \(answer.status.code) to GET \(path): \(Self.message(in: answer.body))")
            }
        }
    }

    /// The daemon's `{"message": …}`, or the start of whatever it sent.
    private static func message(in body: ByteBuffer) -> String {
        let bytes = Array(body.readableBytesView.prefix(64 << 10))
        if let document = try? StrictJSONParser.parse(bytes),
            case .present(let member)? =
                document.objectValue?.value(forMapKey: "message"), let text = member.value.stringValue
        {
            return text
        }
        return String(decoding: bytes.prefix(200), as: UTF8.self)
    }

    /// A query component: every byte but letters, digits and `-._~` percent-encoded.
    static func queryEscaped(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 0x10 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }

    /// A reference as one path segment: every byte but letters, digits and `-._~:@/`
    /// percent-encoded, so nothing in it can add a query or reach another route. (A `/`
    /// stays: image names contain it and dockerd's `{name:.*}` routes take it.)
    static func escaped(_ reference: String) -> String {
        var result = ""
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 0x10 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }
}

/// The host path with every symbolic link in its existing part resolved, the rest appended
/// as given: what a bind mount of `path` would reach if created now.
enum HostPathResolver {
    static func resolve(_ path: String) -> String {
        if let resolved = realPath(path) { return resolved }
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        guard parent != path, !parent.isEmpty else { return path }
        let base = resolve(parent)
        return (base.hasSuffix("/") ? base : base + "/") + url.lastPathComponent
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
