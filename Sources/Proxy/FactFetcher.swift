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
            return fill(\.images, reference, facts, "/images/\(Self.escaped(reference))/json", InspectedFacts.image)
        case .container(let reference):
            return fill(
                \.containers, reference, facts, "/containers/\(Self.escaped(reference))/json", InspectedFacts.container)
        case .exec(let id):
            return fill(\.execs, id, facts, "/exec/\(Self.escaped(id))/json", InspectedFacts.exec)
        case .volume(let name):
            return fill(\.volumes, name, facts, "/volumes/\(Self.escaped(name))", InspectedFacts.volume)
        case .network(let name):
            return fill(\.networks, name, facts, "/networks/\(Self.escaped(name))", InspectedFacts.network)
        case .service(let name):
            return fill(\.services, name, facts, "/services/\(Self.escaped(name))", InspectedFacts.service)
        case .secret(let name):
            return fill(\.secrets, name, facts, "/secrets/\(Self.escaped(name))", InspectedFacts.service)
        case .config(let name):
            return fill(\.configs, name, facts, "/configs/\(Self.escaped(name))", InspectedFacts.service)
        case .teamContainers(let team):
            let filters = #"{"label":["\#(OwnerLabel.key)=\#(team)"]}"#
            return fill(
                \.teamContainers, team, facts, "/containers/json?all=1&filters=\(Self.queryEscaped(filters))",
                InspectedFacts.containerCount)
        case .teamResources(let team):
            // Every container, running or not: a stopped one can be started again unchecked.
            let filters = #"{"label":["\#(OwnerLabel.key)=\#(team)"]}"#
            let eventLoop = daemon.eventLoop
            return inspect(
                "/containers/json?all=1&filters=\(Self.queryEscaped(filters))", InspectedFacts.containerIDs
            )
            .flatMap { listed -> EventLoopFuture<Lookup<TeamResources>> in
                guard case .found(let ids) = listed else { return eventLoop.makeSucceededFuture(.notFound) }
                var total = eventLoop.makeSucceededFuture(TeamResources(memory: 0, nanoCPUs: 0))
                for id in ids {
                    total = total.flatMap { sum in
                        self.inspect("/containers/\(Self.escaped(id))/json", InspectedFacts.containerLimits).map {
                            limits in
                            // A container gone meanwhile holds nothing.
                            guard case .found(let limits) = limits else { return sum }
                            return sum.adding(limits)
                        }
                    }
                }
                return total.map { .found($0) }
            }
            .map { answer in
                var updated = facts
                updated.teamResources[team] = answer
                return updated
            }
        case .hostPath(let path):
            var updated = facts
            updated.hostPaths[path] = .found(HostPathResolver.resolve(path))
            return daemon.eventLoop.makeSucceededFuture(updated)
        }
    }

    /// `facts` with the daemon's answer at `path` stored under `key` in `table`.
    private func fill<Value: Sendable>(
        _ table: WritableKeyPath<Facts, FactTable<Value>> & Sendable, _ key: String, _ facts: Facts, _ path: String,
        _ read: @escaping @Sendable (JSONValue) throws(InspectError) -> Value
    ) -> EventLoopFuture<Facts> {
        inspect(path, read).map { answer in
            var updated = facts
            updated[keyPath: table][key] = answer
            return updated
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
