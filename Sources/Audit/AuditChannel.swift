/// One sink's hash chain and its failure state: seals each entry with the SHA-256 of the line
/// the sink last wrote, and while the sink cannot write, holds entries (up to a bound, then
/// counts them as lost) and retries them in order.
///
/// When the sink writes again, the held entries go first, then a note record saying how many
/// were lost, if any; so the sink's lines stay one unbroken chain either way.
///
/// Used on the writer thread only.
final class AuditChannel {
    let sink: any AuditSink
    private let heldLimit: Int
    private(set) var previous: AuditSHA256
    private var held: [AuditEntry] = []
    private var heldStart = 0
    private var lost = 0
    private(set) var failure: AuditSinkFailure?
    /// Written since the last fsync.
    private(set) var needsSynchronize = false
    /// Writes and fsyncs that failed since start-up, retries included.
    private(set) var failedAttempts = 0

    init(sink: any AuditSink, heldLimit: Int) {
        self.sink = sink
        self.heldLimit = heldLimit
        previous = sink.chainStart
        if let note = sink.openingNote {
            offer(AuditEntry(Self.noteRecord(note, rule: "audit.incomplete-record")))
        }
    }

    var heldCount: Int { held.count - heldStart }

    /// Writes `entry` now, or holds it behind earlier entries that could not be written yet.
    func offer(_ entry: AuditEntry) {
        if failure == nil && heldCount == 0 {
            do throws(SystemError) {
                try write(entry)
                return
            } catch {
                fail(error)
            }
        }
        if heldCount < heldLimit {
            held.append(entry)
        } else {
            lost += 1
        }
        failure?.heldRecords = heldCount
        failure?.lostRecords = lost
    }

    /// Tries the held entries again, oldest first, and then the note about lost ones.
    func retry() {
        guard failure != nil else { return }
        do throws(SystemError) {
            while heldStart < held.count {
                try write(held[heldStart])
                heldStart += 1
            }
            held.removeAll()
            heldStart = 0
            if lost > 0, let failure {
                let note =
                    "\(lost) record\(lost == 1 ? " was" : "s were") lost: \(sink.name) could not be written from \(failure.since) until now (\(failure.error)) and more than \(heldLimit) waited"
                try write(AuditEntry(Self.noteRecord(note, rule: "audit.records-lost")))
                lost = 0
            }
            if needsSynchronize { try synchronize() }
            self.failure = nil
        } catch {
            fail(error)
            if heldStart > 1024 {
                held.removeFirst(heldStart)
                heldStart = 0
            }
            self.failure?.heldRecords = heldCount
            self.failure?.lostRecords = lost
        }
    }

    /// fsync, if anything was written since the last one; a failure holds later entries back.
    func synchronizeIfNeeded() {
        guard needsSynchronize, failure == nil else { return }
        do throws(SystemError) {
            try synchronize()
        } catch {
            fail(error)
        }
    }

    private func synchronize() throws(SystemError) {
        try sink.synchronize()
        needsSynchronize = false
    }

    private func write(_ entry: AuditEntry) throws(SystemError) {
        let line = AuditLine.seal(entry.body, prev: previous)
        try sink.write(line, entry: entry)
        previous = AuditSHA256(of: line)
        needsSynchronize = true
    }

    private func fail(_ error: SystemError) {
        failedAttempts += 1
        if failure == nil {
            failure = AuditSinkFailure(
                sink: sink.name, error: error.description, since: .now(), heldRecords: heldCount, lostRecords: lost)
        } else {
            failure?.error = error.description
        }
    }

    /// A record the log writes about itself.
    static func noteRecord(_ note: String, rule: String) -> AuditRecord {
        var record = AuditRecord(event: .audit)
        record.rule = rule
        record.note = note
        return record
    }
}
