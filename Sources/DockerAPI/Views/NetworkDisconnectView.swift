/// The body of `POST /networks/{id}/disconnect` (`types.NetworkDisconnect`).
public struct NetworkDisconnectView: Sendable {
    let reader: FieldReader

    /// Throws for a body that is not a JSON object.
    public init(_ body: JSONValue) throws(ViewError) {
        reader = try FieldReader.body(body, goType: "types.NetworkDisconnect")
    }

    /// `Container`: the container's name, ID or ID prefix.
    public var container: Field<String> { reader.string("Container") }
}
