/// `container.LogConfig`: the log driver and its options.
public struct LogConfigView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// `Type`: the driver (`json-file`, `local`, `journald`, `syslog`, `gelf`, …, a plugin);
    /// `""` is the daemon's default.
    public var type: Field<String> { reader.string("Type") }
    public var config: Field<StringMap> { reader.stringMap("Config") }
}

/// `container.RestartPolicy`.
public struct RestartPolicyView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var name: Field<String> { reader.string("Name") }
    public var maximumRetryCount: Field<Int> { reader.integer("MaximumRetryCount", as: Int.self) }
}

/// One `PortBindings` entry (`nat.PortMap`): a container port (`"80/tcp"`, the map key as
/// sent) and the host addresses it is published on (`null` is no binding).
public struct PortMapping: Sendable {
    public let port: String
    public let bindings: [PortBindingView]

    static func decodeMap(_ value: JSONValue, at path: String) throws(ViewError) -> [PortMapping] {
        guard case .object(let object) = value else {
            throw ViewError.mismatch(at: path, found: value.kindName, goType: "nat.PortMap")
        }
        var mappings: [PortMapping] = []
        for member in object.members {
            let entryPath = "\(path).\(member.key)"
            let bindings: [PortBindingView] =
                member.value.isNull
                ? []
                : try FieldDecoding.array(member.value, at: entryPath, goType: "[]nat.PortBinding") {
                    (item, itemPath) throws(ViewError) in
                    PortBindingView(
                        FieldReader(
                            try FieldDecoding.object(item, at: itemPath, goType: "nat.PortBinding"),
                            path: itemPath + "."))
                }
            mappings.append(PortMapping(port: member.key, bindings: bindings))
        }
        return mappings
    }
}

/// `nat.PortBinding`: `HostIp` (`""` means every interface) and `HostPort`.
public struct PortBindingView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// Where the fields sit in the body (`"HostConfig.PortBindings.80/tcp[0]."`).
    public var path: String { reader.path }

    public var hostIP: Field<String> { reader.string("HostIp") }
    public var hostPort: Field<String> { reader.string("HostPort") }
}
