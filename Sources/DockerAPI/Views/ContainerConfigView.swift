/// `container.Config`: the portable part of a create body, at its top level.
public struct ContainerConfigView: Sendable {
    let reader: FieldReader

    init(_ reader: FieldReader) {
        self.reader = reader
    }

    /// `Image`: a name, name:tag, digest, `sha256:<id>` or ID prefix, as the daemon resolves it.
    public var image: Field<String> { reader.string("Image") }
    /// `User`: `uid[:gid]` or `name[:group]`; `""` means the image's `USER`.
    public var user: Field<String> { reader.string("User") }
    public var env: Field<[String]> { reader.strings("Env") }
    /// `Cmd` (a `StrSlice` on 20.10: one string is a list of one).
    public var cmd: Field<[String]> { reader.stringOrStrings("Cmd") }
    public var entrypoint: Field<[String]> { reader.stringOrStrings("Entrypoint") }
    public var labels: Field<StringMap> { reader.stringMap("Labels") }
    /// `Volumes`: anonymous volume mount points (the map's keys).
    public var volumes: Field<[String]> { reader.keySet("Volumes") }
    /// `ExposedPorts`: `"80/tcp"` keys.
    public var exposedPorts: Field<[String]> { reader.keySet("ExposedPorts") }
    public var workingDir: Field<String> { reader.string("WorkingDir") }
    public var hostname: Field<String> { reader.string("Hostname") }
    public var domainname: Field<String> { reader.string("Domainname") }
    public var tty: Field<Bool> { reader.bool("Tty") }
    public var openStdin: Field<Bool> { reader.bool("OpenStdin") }
    public var stopSignal: Field<String> { reader.string("StopSignal") }
}
