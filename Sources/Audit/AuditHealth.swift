/// Whether every audit record so far has reached every sink, as the proxy reads it before each
/// request (fail closed: 503 while unhealthy).
public struct AuditHealth: Sendable, Equatable, CustomStringConvertible {
    /// The sinks that cannot write at the moment.
    public var failures: [AuditSinkFailure]
    /// Records `AuditLog.record(_:)` dropped because the writer fell too far behind, not yet
    /// noted in the log.
    public var droppedRecords: Int

    public static let healthy = AuditHealth(failures: [], droppedRecords: 0)

    public var isHealthy: Bool { failures.isEmpty && droppedRecords == 0 }

    public var description: String {
        var parts = failures.map(\.description)
        if droppedRecords > 0 {
            parts.append("\(droppedRecords) audit records were dropped: the audit writer fell behind")
        }
        return parts.isEmpty ? "audit log healthy" : parts.joined(separator: "; ")
    }
}

/// A sink that cannot write: since when, the last error, and what waits.
public struct AuditSinkFailure: Sendable, Equatable, CustomStringConvertible {
    /// `file /var/log/dockgate/audit.log`, `stdout`, `syslog /dev/log`.
    public var sink: String
    /// The last error: `write /var/log/dockgate/audit.log: No space left on device`.
    public var error: String
    public var since: AuditTimestamp
    /// Records held in memory, written when the sink works again.
    public var heldRecords: Int
    /// Records beyond the bound, noted as lost when the sink works again.
    public var lostRecords: Int

    public var description: String {
        "audit \(sink) cannot be written since \(since) (\(error)); \(heldRecords) records held, \(lostRecords) lost"
    }
}

/// Counts for the metrics: what waits for the writer now, and what went wrong since start-up.
public struct AuditStatistics: Sendable, Equatable {
    /// Records queued for the writer thread, not yet handed to the sinks.
    public var queuedRecords: Int
    /// Writes and fsyncs that failed, over all sinks, retries included.
    public var failedWrites: Int
    /// Records dropped because the queue was full.
    public var droppedRecords: Int

    public init(queuedRecords: Int, failedWrites: Int, droppedRecords: Int) {
        self.queuedRecords = queuedRecords
        self.failedWrites = failedWrites
        self.droppedRecords = droppedRecords
    }
}
