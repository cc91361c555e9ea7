/// A `Binds` entry as dockerd's Linux mount parser splits it (`src:dst[:mode]`, at most three
/// parts; 20.10 refuses more than two colons, master more than three parts — the source is
/// the first part either way). With no colon the entry is only a container path: an
/// anonymous volume. A source starting with `/` is a host path (`path.IsAbs`), anything else
/// a volume name.
struct BindSpec {
    /// The first part, when the entry has a colon.
    let source: String?
    /// The third part split at commas: `ro`, `rw`, `z`, `Z`, `shared`, `rshared`, `nocopy`, …
    let modes: [Substring]

    init(_ raw: String) {
        let parts = raw.splitBytes(":", maxSplits: 3)
        source = parts.count >= 2 ? String(parts[0]) : nil
        modes = parts.count >= 3 ? parts[2].splitBytes(",") : []
    }

    /// The host path, when the source is one.
    var hostPath: String? {
        guard let source, GoPath.isAbsolute(source) else { return nil }
        return source
    }

    /// The volume name, when the source is one.
    var volumeName: String? {
        guard let source, !GoPath.isAbsolute(source) else { return nil }
        return source
    }

    /// `ro` among the modes (dockerd takes modes in lower case only).
    var isReadOnly: Bool {
        modes.contains { $0.bytesEqual("ro") }
    }

    /// `shared` or `rshared`: mounts made in the container propagate back to the host.
    var sharedPropagation: Substring? {
        modes.first(where: PropagationMode.isShared)
    }
}

enum PropagationMode {
    /// `shared` and `rshared` (CIS 5.20), compared by bytes as dockerd does.
    static func isShared(_ mode: some StringProtocol) -> Bool {
        mode.bytesEqual("shared") || mode.bytesEqual("rshared")
    }
}
