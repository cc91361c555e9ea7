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
    /// `GET /networks/{name}`: `Id`, `Name` and the owner label.
    case network(String)
    /// `GET /services/{name}`: `ID` and the owner label.
    case service(String)
    /// `GET /secrets/{name}`: `ID` and the owner label in `Spec.Labels`.
    case secret(String)
    /// `GET /configs/{name}`: `ID` and the owner label in `Spec.Labels`.
    case config(String)
    /// `GET /containers/json?all=1` filtered by the team's owner label: how many it holds.
    case teamContainers(String)
    /// The team's containers, running or not (`GET /containers/json?all=1`, then each one's
    /// inspect): their memory and CPU limits summed.
    case teamResources(String)

    public var description: String {
        switch self {
        case .image(let reference): "image \(quoted(reference))"
        case .container(let reference): "container \(quoted(reference))"
        case .exec(let id): "exec \(quoted(id))"
        case .volume(let name): "volume \(quoted(name))"
        case .hostPath(let path): "host path \(quoted(path))"
        case .network(let name): "network \(quoted(name))"
        case .service(let name): "service \(quoted(name))"
        case .secret(let name): "secret \(quoted(name))"
        case .config(let name): "config \(quoted(name))"
        case .teamContainers(let team): "the containers of team \(quoted(team))"
        case .teamResources(let team): "the limits of team \(quoted(team))'s containers"
        }
    }

    public static func == (lhs: FactQuery, rhs: FactQuery) -> Bool {
        switch (lhs, rhs) {
        case (.image(let a), .image(let b)), (.container(let a), .container(let b)), (.exec(let a), .exec(let b)),
            (.volume(let a), .volume(let b)), (.hostPath(let a), .hostPath(let b)), (.network(let a), .network(let b)),
            (.service(let a), .service(let b)), (.teamContainers(let a), .teamContainers(let b)),
            (.teamResources(let a), .teamResources(let b)), (.secret(let a), .secret(let b)),
            (.config(let a), .config(let b)):
            a.bytesEqual(b)
        case (.image, _), (.container, _), (.exec, _), (.volume, _), (.hostPath, _), (.network, _), (.service, _),
            (.teamContainers, _), (.teamResources, _), (.secret, _), (.config, _):
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
        case .network(let key): hasher.combine(5); hasher.combine(Array(key.utf8))
        case .service(let key): hasher.combine(6); hasher.combine(Array(key.utf8))
        case .teamContainers(let key): hasher.combine(7); hasher.combine(Array(key.utf8))
        case .teamResources(let key): hasher.combine(8); hasher.combine(Array(key.utf8))
        case .secret(let key): hasher.combine(9); hasher.combine(Array(key.utf8))
        case .config(let key): hasher.combine(10); hasher.combine(Array(key.utf8))
        }
    }
}
