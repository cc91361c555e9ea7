/// Where audit records go and how they are kept: plain values, built once at start-up (from
/// `serve`'s flags with `init(logFlags:…)`) and checked by `validate()`.
public struct AuditConfiguration: Sendable, Hashable {
    public enum Sink: Sendable, Hashable {
        /// An append-only file, rotated by size (`AuditRotation`).
        case file(path: String)
        /// Standard output, one line per record (for journald, `docker logs`, a shipper's pipe).
        case standardOutput
        /// RFC 5424 messages on a local Unix datagram socket, `/dev/log` normally.
        case syslog(socketPath: String)
    }

    /// When the writer calls fsync on the files.
    public enum FsyncPolicy: Sendable, Hashable {
        /// After each batch the writer takes from its queue: after every record when records
        /// come one at a time, once per burst under load; never later than before the writer
        /// waits for more.
        case every
        /// At most this long after a write.
        case interval(Duration)
    }

    public var sinks: [Sink]
    public var rotation: AuditRotation
    public var fsync: FsyncPolicy
    /// Records one failing sink holds in memory for a retry; later ones are counted as lost and
    /// noted once the sink works again.
    public var heldRecordsLimit: Int
    /// Records waiting for the writer; beyond this `record(_:)` drops them, the log turns
    /// unhealthy, and the drop is noted in the log.
    public var queueLimit: Int
    /// How often a failing sink is tried again.
    public var retryInterval: Duration

    public static let defaultSyslogSocket = "/dev/log"
    public static let defaultFsyncInterval = Duration.seconds(1)

    public init(
        sinks: [Sink], rotation: AuditRotation = AuditRotation(), fsync: FsyncPolicy = .every,
        heldRecordsLimit: Int = 10_000, queueLimit: Int = 100_000, retryInterval: Duration = .seconds(1)
    ) {
        self.sinks = sinks
        self.rotation = rotation
        self.fsync = fsync
        self.heldRecordsLimit = heldRecordsLimit
        self.queueLimit = queueLimit
        self.retryInterval = retryInterval
    }
}

/// When a file is rotated, and how many rotated files are kept.
public struct AuditRotation: Sendable, Hashable {
    /// A file is rotated before a line would take it past this many bytes; nil never rotates.
    public var maximumFileSize: Int64?
    /// Rotated files kept, newest first; older ones are deleted. nil keeps them all: audit
    /// records are deleted only when an operator asks for it.
    public var keptFiles: Int?

    public static let defaultMaximumFileSize: Int64 = 100 * 1024 * 1024
    /// A file smaller than this would rotate every few records.
    public static let minimumFileSize: Int64 = 1024

    public init(maximumFileSize: Int64? = defaultMaximumFileSize, keptFiles: Int? = nil) {
        self.maximumFileSize = maximumFileSize
        self.keptFiles = keptFiles
    }
}
