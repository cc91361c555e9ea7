import Foundation

/// What the watched files looked like at the last look: `changed()` says whether any of them
/// differs now (inode, size or modification time, or it appeared or disappeared).
///
/// A watched directory (a `--tlscacert` bundle directory) counts as changed when any file in
/// it does: editing a file in place leaves the directory's own times alone.
struct WatchedFiles {
    let paths: [String]
    private var last: [String]

    init(_ paths: [String]) {
        self.paths = paths
        self.last = paths.map(Self.fingerprint)
    }

    mutating func changed() -> Bool {
        let now = paths.map(Self.fingerprint)
        defer { last = now }
        return now != last
    }

    /// Inode, size and modification time in nanoseconds, through symbolic links (Kubernetes
    /// secrets and certbot renew by swapping a link); `absent` when the file is not there. For
    /// a directory, also each entry's name and fingerprint (one level, as the CA bundle reads it).
    static func fingerprint(_ path: String) -> String {
        guard let info = status(path) else { return "absent" }
        guard info.st_mode & S_IFMT == S_IFDIR else { return describe(info) }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        let described = entries.map { name in
            "\(name)=\(status((path as NSString).appendingPathComponent(name)).map(describe) ?? "absent")"
        }
        return ([describe(info)] + described).joined(separator: " ")
    }

    private static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }

    private static func describe(_ info: stat) -> String {
        "\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
