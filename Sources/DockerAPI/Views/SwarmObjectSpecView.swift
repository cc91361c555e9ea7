/// The body of `POST /secrets/create` and `/configs/create`, and of their `update`
/// (`swarm.SecretSpec`, `swarm.ConfigSpec`): only the labels matter to the gate.
public struct SwarmObjectSpecView: Sendable {
    let reader: FieldReader

    /// Throws for a body that is not a JSON object.
    public init(_ body: JSONValue, goType: String) throws(ViewError) {
        reader = try FieldReader.body(body, goType: goType)
    }

    public var labels: Field<StringMap> { reader.stringMap("Labels") }
}
