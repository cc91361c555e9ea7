/// The body of `POST /containers/{id}/exec` (`types.ExecConfig` on 20.10,
/// `container.ExecCreateRequest` on master).
///
/// `Privileged` gives the process every capability; `User` overrides the container's user,
/// and `""` means the container's own `Config.User` (which create already merged with the
/// image's `USER`). dockerd records both; `POST /exec/{id}/start` carries neither, so the gate
/// checks that from `GET /exec/{id}/json`.
public struct ExecCreateView: Sendable {
    let reader: FieldReader

    /// Throws for a body that is not a JSON object.
    public init(_ body: JSONValue) throws(ViewError) {
        reader = try FieldReader.body(body, goType: "types.ExecConfig")
    }

    public var privileged: Field<Bool> { reader.bool("Privileged") }
    public var user: Field<String> { reader.string("User") }
    public var env: Field<[String]> { reader.strings("Env") }
    /// `Cmd` (`[]string`: unlike create, a single string is refused).
    public var cmd: Field<[String]> { reader.strings("Cmd") }
    public var workingDir: Field<String> { reader.string("WorkingDir") }
    public var tty: Field<Bool> { reader.bool("Tty") }
    public var attachStdin: Field<Bool> { reader.bool("AttachStdin") }
    public var detachKeys: Field<String> { reader.string("DetachKeys") }
}
