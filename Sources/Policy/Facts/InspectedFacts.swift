import DockerAPI

/// Facts read from the daemon's own inspect answers (`GET /images/{name}/json`,
/// `/containers/{name}/json`, `/exec/{id}/json`, `/volumes/{name}`).
///
/// The daemon writes these documents itself with Go's `encoding/json`, so names are matched
/// by their exact bytes. A field the daemon always writes that is missing or of another type
/// means the answer is not what the gate understands: reading it throws, and the gate refuses
/// the request rather than guess (fail closed). Fields Go omits when empty (`omitempty`) or
/// writes as `null` read as their zero value.
public enum InspectedFacts {
    public static func image(_ document: JSONValue) throws(InspectError) -> ImageFact {
        let root = try object(document, at: "")
        // `Config` is a pointer in the image inspect type: null for images without a config.
        let config = try optionalObject(root, "Config", at: "")
        return ImageFact(user: try string(config, "User", at: "Config."))
    }

    public static func container(_ document: JSONValue) throws(InspectError) -> ContainerFact {
        let root = try object(document, at: "")
        let config = try optionalObject(root, "Config", at: "")
        let host = try optionalObject(root, "HostConfig", at: "")
        var mounts: [MountFact] = []
        if case .present(let member) = root.value(forMapKey: "Mounts"), !member.value.isNull {
            guard let list = member.value.arrayValue else { throw InspectError(path: "Mounts", expected: "an array") }
            for (index, entry) in list.enumerated() {
                let path = "Mounts[\(index)]."
                let mount = try object(entry, at: path)
                mounts.append(
                    MountFact(
                        type: try string(mount, "Type", at: path), source: try string(mount, "Source", at: path),
                        name: try string(mount, "Name", at: path), driver: try string(mount, "Driver", at: path)))
            }
        }
        let id = try string(root, "Id", at: "")
        guard !id.isEmpty else { throw InspectError(path: "Id", expected: "a container ID") }
        return ContainerFact(
            id: id, user: try string(config, "User", at: "Config."),
            networkMode: try string(host, "NetworkMode", at: "HostConfig."),
            pidMode: try string(host, "PidMode", at: "HostConfig."),
            ipcMode: try string(host, "IpcMode", at: "HostConfig."),
            mounts: mounts, owner: try owner(config, at: "Config."), limits: try limits(host))
    }

    public static func exec(_ document: JSONValue) throws(InspectError) -> ExecFact {
        let root = try object(document, at: "")
        guard let process = try optionalObject(root, "ProcessConfig", at: "") else {
            throw InspectError(path: "ProcessConfig", expected: "an object")
        }
        return ExecFact(
            containerID: try string(root, "ContainerID", at: ""),
            privileged: try bool(process, "privileged", at: "ProcessConfig."),
            user: try string(process, "user", at: "ProcessConfig."))
    }

    public static func volume(_ document: JSONValue) throws(InspectError) -> VolumeFact {
        let root = try object(document, at: "")
        var options: [StringMap.Entry] = []
        if case .present(let member) = root.value(forMapKey: "Options"), !member.value.isNull {
            let map = try object(member.value, at: "Options")
            for entry in map.members {
                guard let value = entry.value.stringValue else {
                    throw InspectError(path: "Options.\(entry.key)", expected: "a string")
                }
                options.append(StringMap.Entry(key: entry.key, value: value))
            }
        }
        return VolumeFact(
            driver: try string(root, "Driver", at: ""), options: StringMap(options), owner: try owner(root, at: ""))
    }

    public static func network(_ document: JSONValue) throws(InspectError) -> NetworkFact {
        let root = try object(document, at: "")
        let id = try string(root, "Id", at: "")
        guard !id.isEmpty else { throw InspectError(path: "Id", expected: "a network ID") }
        return NetworkFact(id: id, name: try string(root, "Name", at: ""), owner: try owner(root, at: ""))
    }

    public static func service(_ document: JSONValue) throws(InspectError) -> ServiceFact {
        let root = try object(document, at: "")
        let id = try string(root, "ID", at: "")
        guard !id.isEmpty else { throw InspectError(path: "ID", expected: "a service ID") }
        return ServiceFact(id: id, owner: try owner(try optionalObject(root, "Spec", at: ""), at: "Spec."))
    }

    /// `GET /containers/json`: the containers' `Id`s.
    public static func containerIDs(_ document: JSONValue) throws(InspectError) -> [String] {
        guard let list = document.arrayValue else { throw InspectError(path: "the document", expected: "an array") }
        var ids: [String] = []
        for (index, entry) in list.enumerated() {
            let id = try string(try object(entry, at: "[\(index)]"), "Id", at: "[\(index)].")
            guard !id.isEmpty else { throw InspectError(path: "[\(index)].Id", expected: "a container ID") }
            ids.append(id)
        }
        return ids
    }

    /// A container's memory and CPU limits (`HostConfig.Memory`; `NanoCpus`, or `CpuQuota`
    /// over `CpuPeriod`), 0 for none.
    public static func containerLimits(_ document: JSONValue) throws(InspectError) -> ContainerLimits {
        try limits(try optionalObject(try Self.object(document, at: ""), "HostConfig", at: ""))
    }

    private static func limits(_ host: JSONObject?) throws(InspectError) -> ContainerLimits {
        ContainerLimits(
            memory: try integer(host, "Memory", at: "HostConfig."),
            nanoCPUs: try integer(host, "NanoCpus", at: "HostConfig."),
            cpuQuota: try integer(host, "CpuQuota", at: "HostConfig."),
            cpuPeriod: try integer(host, "CpuPeriod", at: "HostConfig."))
    }

    /// `GET /containers/json`: how many containers the list holds.
    public static func containerCount(_ document: JSONValue) throws(InspectError) -> Int {
        guard let list = document.arrayValue else { throw InspectError(path: "the document", expected: "an array") }
        return list.count
    }

    /// `Labels["dockgate.owner"]` of `object`, if any.
    private static func owner(_ object: JSONObject?, at path: String) throws(InspectError) -> String? {
        guard case .present(let member) = object?.value(forMapKey: "Labels"), !member.value.isNull else { return nil }
        let labels = try Self.object(member.value, at: path + "Labels")
        guard case .present(let label) = labels.value(forMapKey: OwnerLabel.key) else { return nil }
        guard let team = label.value.stringValue else {
            throw InspectError(path: path + "Labels." + OwnerLabel.key, expected: "a string")
        }
        return team
    }

    // MARK: Reading

    private static func object(_ value: JSONValue, at path: String) throws(InspectError) -> JSONObject {
        guard let object = value.objectValue else {
            throw InspectError(path: path.isEmpty ? "the document" : path, expected: "an object")
        }
        return object
    }

    /// An object member that may be absent or `null`.
    private static func optionalObject(_ object: JSONObject, _ name: String, at path: String) throws(InspectError)
        -> JSONObject?
    {
        guard case .present(let member) = object.value(forMapKey: name), !member.value.isNull else { return nil }
        return try Self.object(member.value, at: path + name)
    }

    /// A string member; absent or `null` (or a missing parent object) reads as `""`: Go's
    /// `omitempty` and zero value.
    private static func string(_ object: JSONObject?, _ name: String, at path: String) throws(InspectError) -> String {
        guard case .present(let member) = object?.value(forMapKey: name), !member.value.isNull else { return "" }
        guard let text = member.value.stringValue else { throw InspectError(path: path + name, expected: "a string") }
        return text
    }

    /// A whole-number member; absent or `null` reads as 0.
    private static func integer(_ object: JSONObject?, _ name: String, at path: String) throws(InspectError) -> Int64 {
        guard case .present(let member) = object?.value(forMapKey: name), !member.value.isNull else { return 0 }
        guard let number = member.value.numberValue, let value = Int64(number.text) else {
            throw InspectError(path: path + name, expected: "a whole number")
        }
        return value
    }

    private static func bool(_ object: JSONObject, _ name: String, at path: String) throws(InspectError) -> Bool {
        guard case .present(let member) = object.value(forMapKey: name), !member.value.isNull else { return false }
        guard let flag = member.value.boolValue else { throw InspectError(path: path + name, expected: "a boolean") }
        return flag
    }
}

/// An inspect answer the gate cannot read: which field, and what it should have been.
public struct InspectError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let expected: String

    public var description: String { "\(path) is not \(expected)" }
}
