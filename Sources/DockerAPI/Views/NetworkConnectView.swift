/// The body of `POST /networks/{id}/connect` (`types.NetworkConnect` on 20.10,
/// `network.ConnectRequest` on master): the container to attach and its endpoint settings,
/// the same `EndpointSettings` a create body gives per network.
public struct NetworkConnectView: Sendable {
    let reader: FieldReader

    /// Throws for a body that is not a JSON object.
    public init(_ body: JSONValue) throws(ViewError) {
        reader = try FieldReader.body(body, goType: "types.NetworkConnect")
    }

    /// `Container`: the container's name, ID or ID prefix.
    public var container: Field<String> { reader.string("Container") }
    public var endpointConfig: Field<EndpointSettingsView> {
        reader.structure("EndpointConfig", goType: "network.EndpointSettings", EndpointSettingsView.init)
    }
}
