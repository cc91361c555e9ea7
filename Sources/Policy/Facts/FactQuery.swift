/// A fact the gate looks up from the daemon (over its own upstream connection) before the
/// policy can decide. Carried by a denial (`Denial.missingFact`) when it was missing; the
/// gate then fetches it and evaluates again, as often as new facts are asked for.
public enum FactQuery: Sendable, Hashable, CustomStringConvertible {
    /// `GET /images/{reference}/json`: the image's `Config.User`.
    case image(String)
    /// `GET /containers/{reference}/json`: `Id`, `Config.User`, `HostConfig.NetworkMode`,
    /// `PidMode`, `IpcMode` and `Mounts`.
    case container(String)
    /// `GET /exec/{id}/json`: `ContainerID`, `ProcessConfig.privileged` and `.user`.
    case exec(String)
    /// `GET /volumes/{name}`: `Driver` and `Options`.
    case volume(String)
    /// The host path with every symbolic link in its existing part resolved (`realpath`),
    /// for a bind source under an allowed prefix.
    case hostPath(String)

    public var description: String {
        switch self {
        case .image(let reference): "image \(quoted(reference))"
        case .container(let reference): "container \(quoted(reference))"
        case .exec(let id): "exec \(quoted(id))"
        case .volume(let name): "volume \(quoted(name))"
        case .hostPath(let path): "host path \(quoted(path))"
        }
    }

    public static func == (lhs: FactQuery, rhs: FactQuery) -> Bool {
        switch (lhs, rhs) {
        case (.image(let a), .image(let b)), (.container(let a), .container(let b)), (.exec(let a), .exec(let b)),
            (.volume(let a), .volume(let b)), (.hostPath(let a), .hostPath(let b)):
            a.bytesEqual(b)
        case (.image, _), (.container, _), (.exec, _), (.volume, _), (.hostPath, _):
            false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .image(let key): hasher.combine(0); hasher.combine(Array(key.utf8))
        case .container(let key): hasher.combine(1); hasher.combine(Array(key.utf8))
        case .exec(let key): hasher.combine(2); hasher.combine(Array(key.utf8))
        case .volume(let key): hasher.combine(3); hasher.combine(Array(key.utf8))
        case .hostPath(let key): hasher.combine(4); hasher.combine(Array(key.utf8))
        }
    }
}
