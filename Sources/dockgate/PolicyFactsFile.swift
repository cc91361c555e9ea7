import ArgumentParser
import DockerAPI
import Foundation
import Policy

/// The `--facts` file of `dockgate policy explain`: the answers the gate would get from the
/// daemon, written by hand. Read with the gate's strict JSON reader; every name is matched by
/// its exact bytes, and an unknown name stops the command with a message naming it, so a typo
/// never silently leaves a fact out. A `null` entry is the daemon's "no such …" (404).
///
///     {
///       "images":     {"local/busybox:1": {"user": "1000"}},
///       "containers": {"web": {"id": "4f…", "user": "", "networkMode": "host", "pidMode": "",
///                              "ipcMode": "", "mounts": [{"type": "bind", "source": "/srv"}]}},
///       "execs":      {"e1": {"containerID": "4f…", "privileged": false, "user": ""}},
///       "volumes":    {"data": {"driver": "local", "options": {"o": "bind"}}},
///       "hostPaths":  {"/srv/data": "/srv/data"}
///     }
enum PolicyFactsFile {
    static func load(_ path: String) throws -> Facts {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the facts file \(path)")
        }
        let root: JSONValue
        do throws(JSONRejection) {
            root = try StrictJSONParser.parse(Array(data))
        } catch {
            throw ValidationError("the facts file \(path) is not valid JSON: \(error.reason) at offset \(error.offset)")
        }
        return try FactsReader(file: path).facts(root)
    }

    /// A line of the facts file that would answer `fact`, for the hint after a denial.
    static func example(for fact: FactQuery) -> String {
        switch fact {
        case .image(let reference):
            "{\"images\": {\(quoted(reference)): {\"user\": \"1000\"}}}"
        case .container(let reference):
            "{\"containers\": {\(quoted(reference)): {\"user\": \"1000\", \"networkMode\": \"bridge\", \"owner\": \"web\"}}}"
        case .exec(let id):
            "{\"execs\": {\(quoted(id)): {\"containerID\": \"…\", \"privileged\": false, \"user\": \"1000\"}}}"
        case .volume(let name):
            "{\"volumes\": {\(quoted(name)): {\"driver\": \"local\", \"options\": {}}}}"
        case .hostPath(let path):
            "{\"hostPaths\": {\(quoted(path)): \"<the path with symbolic links resolved>\"}}"
        case .network(let name):
            "{\"networks\": {\(quoted(name)): {\"id\": \"…\", \"name\": \(quoted(name)), \"owner\": \"web\"}}}"
        case .service(let name):
            "{\"services\": {\(quoted(name)): {\"id\": \"…\", \"owner\": \"web\"}}}"
        case .secret(let name):
            "{\"secrets\": {\(quoted(name)): {\"id\": \"…\", \"owner\": \"web\"}}}"
        case .config(let name):
            "{\"configs\": {\(quoted(name)): {\"id\": \"…\", \"owner\": \"web\"}}}"
        case .teamContainers(let team):
            "{\"teamContainers\": {\(quoted(team)): 3}}"
        case .teamResources(let team):
            "{\"teamResources\": {\(quoted(team)): {\"memory\": 1073741824, \"nanoCPUs\": 1000000000}}}"
        }
    }

    private static func quoted(_ text: String) -> String {
        JSONValue.string(text).description
    }
}

/// Walks the parsed facts file; every failure names the file and the JSON path of the value.
private struct FactsReader {
    let file: String

    func facts(_ root: JSONValue) throws -> Facts {
        var facts = Facts()
        for member in try members(
            root, at: "the top level",
            allowed: [
                "images", "containers", "execs", "volumes", "hostPaths", "networks", "services", "teamContainers",
                "teamResources", "secrets", "configs",
            ])
        {
            let path = member.key
            switch member.key {
            case "images": facts.images = try table(member.value, at: path, image)
            case "containers": facts.containers = try table(member.value, at: path, container)
            case "execs": facts.execs = try table(member.value, at: path, exec)
            case "volumes": facts.volumes = try table(member.value, at: path, volume)
            case "networks": facts.networks = try table(member.value, at: path, network)
            case "teamResources":
                facts.teamResources = try table(member.value, at: path) { value, _, at in
                    var fields: [String: Int64] = [:]
                    for entry in try members(value, at: at, allowed: ["memory", "nanoCPUs"]) {
                        guard let number = entry.value.numberValue.flatMap({ Int64($0.text) }), number >= 0 else {
                            throw problem(at: "\(at).\(entry.key)", "must be a whole number")
                        }
                        fields[entry.key] = number
                    }
                    return TeamResources(memory: fields["memory"] ?? 0, nanoCPUs: fields["nanoCPUs"] ?? 0)
                }
            case "services": facts.services = try table(member.value, at: path, service)
            case "secrets": facts.secrets = try table(member.value, at: path, service)
            case "configs": facts.configs = try table(member.value, at: path, service)
            case "teamContainers":
                facts.teamContainers = try table(member.value, at: path) { value, _, at in
                    guard let count = value.numberValue.flatMap({ Int($0.text) }), count >= 0 else {
                        throw problem(at: at, "must be a count of containers")
                    }
                    return count
                }
            default: facts.hostPaths = try table(member.value, at: path) { value, _, at in try string(value, at: at) }
            }
        }
        return facts
    }

    private func table<Value: Sendable>(
        _ value: JSONValue, at path: String, _ read: (_ value: JSONValue, _ key: String, _ path: String) throws -> Value
    ) throws -> FactTable<Value> {
        guard let object = value.objectValue else { throw problem(at: path, "must be an object keyed by reference") }
        var table = FactTable<Value>()
        for member in object.members {
            let at = "\(path).\(member.key)"
            table[member.key] = member.value.isNull ? .notFound : .found(try read(member.value, member.key, at))
        }
        return table
    }

    private func image(_ value: JSONValue, key: String, at path: String) throws -> ImageFact {
        var user = ""
        for member in try members(value, at: path, allowed: ["user"]) {
            user = try string(member.value, at: "\(path).user")
        }
        return ImageFact(user: user)
    }

    private func container(_ value: JSONValue, key reference: String, at path: String) throws -> ContainerFact {
        var fields = ["id": reference, "user": "", "networkMode": "default", "pidMode": "", "ipcMode": ""]
        var mounts: [MountFact] = []
        let allowed = ["id", "user", "networkMode", "pidMode", "ipcMode", "mounts", "owner"]
        for member in try members(value, at: path, allowed: allowed) {
            let at = "\(path).\(member.key)"
            if member.key == "mounts" {
                guard let array = member.value.arrayValue else { throw problem(at: at, "must be an array") }
                mounts = try array.enumerated().map { try mount($1, at: "\(at)[\($0)]") }
            } else {
                fields[member.key] = try string(member.value, at: at)
            }
        }
        return ContainerFact(
            id: fields["id"] ?? reference, user: fields["user"] ?? "", networkMode: fields["networkMode"] ?? "default",
            pidMode: fields["pidMode"] ?? "", ipcMode: fields["ipcMode"] ?? "", mounts: mounts, owner: fields["owner"])
    }

    private func network(_ value: JSONValue, key: String, at path: String) throws -> NetworkFact {
        var fields = ["id": key, "name": key]
        for member in try members(value, at: path, allowed: ["id", "name", "owner"]) {
            fields[member.key] = try string(member.value, at: "\(path).\(member.key)")
        }
        return NetworkFact(id: fields["id"] ?? key, name: fields["name"] ?? key, owner: fields["owner"])
    }

    private func service(_ value: JSONValue, key: String, at path: String) throws -> ServiceFact {
        var fields = ["id": key]
        for member in try members(value, at: path, allowed: ["id", "owner"]) {
            fields[member.key] = try string(member.value, at: "\(path).\(member.key)")
        }
        return ServiceFact(id: fields["id"] ?? key, owner: fields["owner"])
    }

    private func mount(_ value: JSONValue, at path: String) throws -> MountFact {
        var fields: [String: String] = [:]
        for member in try members(value, at: path, allowed: ["type", "source", "name", "driver"]) {
            fields[member.key] = try string(member.value, at: "\(path).\(member.key)")
        }
        guard let type = fields["type"] else { throw problem(at: path, "needs a \"type\" (bind, volume, tmpfs, …)") }
        return MountFact(
            type: type, source: fields["source"] ?? "", name: fields["name"] ?? "", driver: fields["driver"] ?? "")
    }

    private func exec(_ value: JSONValue, key: String, at path: String) throws -> ExecFact {
        var containerID = ""
        var privileged = false
        var user = ""
        for member in try members(value, at: path, allowed: ["containerID", "privileged", "user"]) {
            let at = "\(path).\(member.key)"
            switch member.key {
            case "containerID": containerID = try string(member.value, at: at)
            case "privileged":
                guard let flag = member.value.boolValue else { throw problem(at: at, "must be true or false") }
                privileged = flag
            default: user = try string(member.value, at: at)
            }
        }
        return ExecFact(containerID: containerID, privileged: privileged, user: user)
    }

    private func volume(_ value: JSONValue, key: String, at path: String) throws -> VolumeFact {
        var driver = "local"
        var owner: String?
        var options: [StringMap.Entry] = []
        for member in try members(value, at: path, allowed: ["driver", "options", "owner"]) {
            let at = "\(path).\(member.key)"
            if member.key == "driver" {
                driver = try string(member.value, at: at)
            } else if member.key == "owner" {
                owner = try string(member.value, at: at)
            } else {
                guard let object = member.value.objectValue else {
                    throw problem(at: at, "must be an object of strings")
                }
                options = try object.members.map {
                    StringMap.Entry(key: $0.key, value: try string($0.value, at: "\(at).\($0.key)"))
                }
            }
        }
        return VolumeFact(driver: driver, options: StringMap(options), owner: owner)
    }

    /// The object's members, after checking that each name is one of `allowed` (exact bytes).
    private func members(_ value: JSONValue, at path: String, allowed: [String]) throws -> [JSONMember] {
        guard let object = value.objectValue else { throw problem(at: path, "must be an object") }
        for member in object.members where !allowed.contains(where: { $0.utf8.elementsEqual(member.key.utf8) }) {
            throw problem(
                at: path,
                "has unknown key \(JSONValue.string(member.key)); allowed: \(allowed.joined(separator: ", "))")
        }
        return object.members
    }

    private func string(_ value: JSONValue, at path: String) throws -> String {
        guard let text = value.stringValue else { throw problem(at: path, "must be a string, not \(value.kindName)") }
        return text
    }

    private func problem(at path: String, _ what: String) -> ValidationError {
        ValidationError("facts file \(file): \(path) \(what)")
    }
}
