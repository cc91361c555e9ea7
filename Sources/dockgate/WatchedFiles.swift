import Foundation

/// What the watched files looked like at the last look: `changed()` says whether any of them
/// differs now (inode, size or modification time, or it appeared or disappeared).
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
    /// secrets and certbot renew by swapping a link); `absent` when the file is not there.
    static func fingerprint(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "absent" }
        return "\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
