import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rotation: `audit.log` is renamed to `audit.log.20260501T123456.123456Z` (the UTC time of
/// the rotation) and a new `audit.log` is started whose first record follows the last record
/// of the renamed one. One rename, so a crash cannot leave a half-renamed set; the names sort
/// in time order, so `dockgate audit verify audit.log.* audit.log` lists them oldest first.
extension FileAuditSink {
    /// Renames the current file to its rotated name, then removes the oldest rotated files
    /// beyond the number kept. Returns the new name.
    func rotate() throws(SystemError) -> String {
        var stamp = AuditTimestamp.now()
        var target = "\(path).\(stamp.compact)"
        while access(target, F_OK) == 0 {
            stamp.microsecondsSinceEpoch += 1
            target = "\(path).\(stamp.compact)"
        }
        guard rename(path, target) == 0 else { throw SystemError("rename", "\(path) to \(target)") }
        try FileCalls.synchronizeDirectory(directory)
        if let kept = rotation.keptFiles {
            for old in rotatedFiles().dropLast(kept) { unlink(old) }
        }
        return target
    }

    /// The SHA-256 of the last complete line of the newest file that has one: the current
    /// file, else the rotated ones from newest to oldest. nil for a log not started yet.
    func newestLineHash() throws(SystemError) -> AuditSHA256? {
        for candidate in [path] + rotatedFiles().reversed() {
            if let line = try AuditFileTail.read(path: candidate).lastCompleteLine {
                return AuditSHA256(of: line)
            }
        }
        return nil
    }

    /// The rotated files of this log, oldest first: `PATH.<timestamp>` in the same directory.
    func rotatedFiles() -> [String] {
        let base = (path as NSString).lastPathComponent + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return
            names
            .filter { $0.hasPrefix(base) && AuditTimestamp(compact: String($0.dropFirst(base.count))) != nil }
            .sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    var directory: String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }
}
