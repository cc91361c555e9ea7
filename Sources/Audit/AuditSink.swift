/// A record on its way to the sinks: encoded once (everything but the chain link), with what
/// a sink may need besides the bytes (syslog's timestamp and severity).
struct AuditEntry: Sendable {
    let body: [UInt8]
    let time: AuditTimestamp
    let event: AuditEvent
    let decision: AuditDecision?

    init(_ record: AuditRecord) {
        body = AuditLine.body(of: record)
        time = record.time
        event = record.event
        decision = record.decision
    }
}

/// Where lines go: a file, standard output, syslog. A sink only moves bytes; the chain, the
/// held records and the failure state are `AuditChannel`'s.
///
/// Used on the writer thread only.
protocol AuditSink: AnyObject {
    /// For messages: `file /var/log/dockgate/audit.log`, `stdout`, `syslog /dev/log`.
    var name: String { get }
    /// The hash the sink's next line must follow: the last line already there (a file that
    /// dockgate appends to), or the genesis value.
    var chainStart: AuditSHA256 { get }
    /// A note to write before anything else, about what the sink found when it opened (an
    /// incomplete record left by a crash).
    var openingNote: String? { get }
    /// Writes one whole line (`line` has no newline) or nothing: a sink that fails part-way
    /// takes back what it wrote, so a retry cannot leave half a line before a whole one.
    func write(_ line: [UInt8], entry: AuditEntry) throws(SystemError)
    /// Makes what was written durable (fsync), where that means something.
    func synchronize() throws(SystemError)
    func close()
}
