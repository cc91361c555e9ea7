import DockerAPI

/// The containers a body names (`container:X` namespaces, `VolumesFrom`, a network connect's
/// or disconnect's `Container`) rewritten to the full IDs the ownership check looked at, so
/// the daemon acts on exactly the checked containers: a name the team renames away between the
/// check and the request cannot then resolve, as an ID prefix, to another team's container.
/// `Links` keep their names (a link's default alias is the name it was given).
public enum PinnedReferences {
    /// `body` with each looked-up reference replaced by its full ID; nil when nothing changed.
    public static func apply(to body: JSONValue, request: PolicyRequest, facts: Facts) -> JSONValue? {
        func fullID(_ reference: String) -> String? {
            guard case .found(let container)? = facts.containers[reference], !container.id.isEmpty,
                !container.id.bytesEqual(reference)
            else { return nil }
            return container.id
        }
        var edited = body
        var changed = false
        func edit(_ path: [String], _ transform: (JSONValue) -> JSONValue?) {
            if let updated = JSONEdit.updating(
                edited, at: path[...], create: false,
                { current in
                    current.flatMap(transform)
                })
            {
                edited = updated
                changed = true
            }
        }
        switch request.body {
        case .containerCreate(let create):
            let prefix: [String]
            switch create.hostConfigSource {
            case .none: return nil
            case .inner(let key): prefix = [key]
            case .topLevel: prefix = []
            }
            for field in ["NetworkMode", "PidMode", "IpcMode"] {
                edit(prefix + [field]) { value in
                    guard case .string(let mode) = value, let reference = NamespaceResolver.containerReference(mode),
                        let id = fullID(reference)
                    else { return nil }
                    return .string("container:" + id)
                }
            }
            edit(prefix + ["VolumesFrom"]) { value in
                guard case .array(let entries) = value else { return nil }
                var any = false
                let pinned = entries.map { entry -> JSONValue in
                    guard case .string(let text) = entry else { return entry }
                    let parts = text.splitBytes(":", maxSplits: 1)
                    guard let id = fullID(String(parts.first ?? "")) else { return entry }
                    any = true
                    return .string(parts.count == 2 ? id + ":" + parts[1] : id)
                }
                return any ? .array(pinned) : nil
            }
        case .networkConnect, .networkDisconnect:
            edit(["Container"]) { value in
                guard case .string(let reference) = value, let id = fullID(reference) else { return nil }
                return .string(id)
            }
        default:
            return nil
        }
        return changed ? edited : nil
    }
}
