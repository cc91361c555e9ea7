/// Checks audit files, oldest first, as one hash chain: every line must be a record exactly as
/// dockgate writes it, and carry as `prev` the SHA-256 of the line before it (of the previous
/// file's last line, for a file's first line; the genesis value, for the first file's).
///
/// Stops at the first break and explains it as precisely as the files allow: a line whose
/// predecessor comes later (reordered), a file that continues another one given after it
/// (wrong order), a line whose predecessor is nowhere (edited, or records deleted).
public struct AuditVerifier: Sendable {
    /// What the first file's first record must follow: the genesis value, or the last hash of
    /// older files no longer at hand.
    public var follows: AuditSHA256

    public init(follows: AuditSHA256 = .genesis) {
        self.follows = follows
    }

    public func verify(paths: [String]) -> AuditVerification {
        var result = AuditVerification(follows: follows)
        for (fileIndex, path) in paths.enumerated() {
            var line = 0
            var records = 0
            var incomplete: AuditVerification.IncompleteRecord?
            func fail(_ kind: AuditVerification.Break.Kind) -> AuditVerification {
                result.firstBreak = AuditVerification.Break(path: path, line: line, kind: kind)
                return result
            }
            do {
                let reader = try AuditFileLineReader(path: path)
                while let (bytes, terminated) = try reader.next() {
                    line += 1
                    guard terminated else {
                        incomplete = AuditVerification.IncompleteRecord(path: path, line: line, bytes: bytes.count)
                        break
                    }
                    let prev: AuditSHA256
                    do {
                        prev = try AuditLine.decode(bytes).prev
                    } catch {
                        return fail(.syntax("not an audit record: \(error)"))
                    }
                    guard prev == result.lastHash else {
                        let explanation = explain(
                            found: prev, path: path, fileIndex: fileIndex, line: line, paths: paths)
                        return fail(.link(expected: result.lastHash, found: prev, explanation: explanation))
                    }
                    result.lastHash = AuditSHA256(of: bytes)
                    records += 1
                    result.records += 1
                }
            } catch {
                return fail(.unreadable(error.description))
            }
            result.files.append(.init(path: path, records: records, incompleteRecord: incomplete))
        }
        return result
    }

    /// Why line `line` of `path` does not follow the record before it, judged from where else
    /// the hash it names (`found`) occurs.
    private func explain(found: AuditSHA256, path: String, fileIndex: Int, line: Int, paths: [String]) -> String {
        if let earlier = lineNumber(hashingTo: found, in: path) {
            return earlier > line
                ? "line \(line) follows line \(earlier), which comes after it: the lines were reordered"
                : "line \(line) follows line \(earlier): lines \(earlier + 1) to \(line - 1) do not belong between them"
        }
        if let other = paths.first(where: { $0 != path && lastLineHash(of: $0) == found }) {
            return "line \(line) continues \(other): give the files oldest first, \(other) before \(path)"
        }
        if found == .genesis {
            return line == 1
                ? "\(path) starts a log (its first record follows the genesis value): give it first"
                : "line \(line) starts a log of its own: the lines before it belong to another log"
        }
        if line > 1 {
            return "line \(line - 1) was changed, or records between lines \(line - 1) and \(line) were deleted"
        }
        if fileIndex == 0 {
            return
                "the record before it is in none of the files given: give the older files too, oldest first, or pass --follows \(found) if they are gone; otherwise the first records of \(path) were deleted"
        }
        let previous = paths[fileIndex - 1]
        return
            "the last record of \(previous) was changed or deleted, or records or files between \(previous) and \(path) are missing"
    }

    /// The first line of `path` whose SHA-256 is `hash`.
    private func lineNumber(hashingTo hash: AuditSHA256, in path: String) -> Int? {
        guard let reader = try? AuditFileLineReader(path: path) else { return nil }
        var line = 0
        while let (bytes, _) = try? reader.next() {
            line += 1
            if AuditSHA256(of: bytes) == hash { return line }
        }
        return nil
    }

    private func lastLineHash(of path: String) -> AuditSHA256? {
        (try? AuditFileTail.read(path: path))?.lastCompleteLine.map { AuditSHA256(of: $0) }
    }
}
