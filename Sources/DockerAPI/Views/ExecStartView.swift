/// The body of `POST /exec/{id}/start` (`container.ExecStartCheck`).
public struct ExecStartView: Sendable {
    let reader: FieldReader

    /// Throws for a body that is not a JSON object.
    public init(_ body: JSONValue) throws(ViewError) {
        reader = try FieldReader.body(body, goType: "container.ExecStartCheck")
    }

    /// `Detach`: run without attaching; the answer is a plain response, not a hijacked stream.
    public var detach: Field<Bool> { reader.bool("Detach") }
}
