/// `network.NetworkingConfig`: the networks a new container joins, keyed by network name,
/// ID or ID prefix (map keys as sent, compared by bytes).
public struct NetworkingConfigView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// `EndpointsConfig`, in body order; a `null` entry has no settings.
    public var endpointsConfig: Field<[EndpointEntry]> {
        reader.read("EndpointsConfig") { (value, path) throws(ViewError) in
            guard case .object(let object) = value else {
                throw ViewError.mismatch(
                    at: path, found: value.kindName, goType: "map[string]*network.EndpointSettings")
            }
            var entries: [EndpointEntry] = []
            for member in object.members {
                let entryPath = "\(path).\(member.key)"
                let settings: EndpointSettingsView? =
                    member.value.isNull
                    ? nil
                    : EndpointSettingsView(
                        FieldReader(
                            try FieldDecoding.object(member.value, at: entryPath, goType: "network.EndpointSettings"),
                            path: entryPath + "."))
                entries.append(EndpointEntry(network: member.key, settings: settings))
            }
            return entries
        }
    }
}

/// One `EndpointsConfig` entry.
public struct EndpointEntry: Sendable {
    /// The map key: a network name, ID or ID prefix.
    public let network: String
    public let settings: EndpointSettingsView?
}

/// `network.EndpointSettings`.
public struct EndpointSettingsView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    public var aliases: Field<[String]> { reader.strings("Aliases") }
    public var links: Field<[String]> { reader.strings("Links") }
    /// `DriverOpts`: driver options, among them `com.docker.network.endpoint.sysctls` (API 1.46).
    public var driverOpts: Field<StringMap> { reader.stringMap("DriverOpts") }
    public var macAddress: Field<String> { reader.string("MacAddress") }
}
