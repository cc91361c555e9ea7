/// The audit log: one record per API call and per refused handshake, written as hash-chained
/// JSON lines to every configured sink. The proxy's only entry point into this module.
///
/// Call order: `init` at start-up (it opens the files, so a bad path stops start-up), then
/// `record(_:)` from any thread for every exchange (it enqueues and returns; a dedicated writer
/// thread encodes, chains and writes), `isHealthy` before accepting a request (fail closed),
/// and `close()` on SIGTERM.
///
/// While a sink cannot write (disk full, permissions, syslog down) the log is unhealthy:
/// `health` says which sink and why. Records are held in memory for it (up to
/// `AuditConfiguration.heldRecordsLimit`, then counted as lost) and retried every
/// `retryInterval`; when the sink works again they are written in order, followed by a note
/// record if any were lost, and the log is healthy again by itself.
public final class AuditLog: Sendable {
    public let configuration: AuditConfiguration
    private let writer: AuditWriter

    /// Validates the configuration, opens every sink and starts the writer thread.
    public init(configuration: AuditConfiguration) throws(AuditLogError) {
        do {
            try configuration.validate()
        } catch {
            throw .invalidConfiguration(error)
        }
        var sinks: [any AuditSink] = []
        do throws(SystemError) {
            for sink in configuration.sinks {
                switch sink {
                case .file(let path): sinks.append(try FileAuditSink(path: path, rotation: configuration.rotation))
                case .standardOutput: sinks.append(StandardOutputAuditSink())
                case .syslog(let socketPath): sinks.append(try SyslogAuditSink(socketPath: socketPath))
                }
            }
        } catch {
            for sink in sinks { sink.close() }
            throw .cannotOpen(error)
        }
        self.configuration = configuration
        let channels = sinks.map { AuditChannel(sink: $0, heldLimit: configuration.heldRecordsLimit) }
        writer = AuditWriter(configuration: configuration, channels: channels)
    }

    deinit { writer.stop() }

    /// Queues `record` for every sink and returns at once; never blocks on I/O. Records after
    /// `close()` are discarded.
    public func record(_ record: AuditRecord) {
        writer.enqueue(record)
    }

    /// False while a sink cannot write or records were dropped; cheap (one lock), any thread.
    public var isHealthy: Bool { writer.isHealthy }

    /// Which sinks fail and why; `description` is a sentence for logs and 503 bodies.
    public var health: AuditHealth { writer.currentHealth }

    /// Queue depth and failure counts, for the metrics.
    public var statistics: AuditStatistics { writer.statistics }

    /// Waits until every record queued before it is written and fsynced. Throws when some are
    /// still only held in memory because a sink cannot write.
    public func flush() async throws(AuditLogError) {
        let health = await writer.flush()
        if !health.isHealthy { throw .unwritten(health) }
    }

    /// Flushes, then closes the sinks and ends the writer thread: for SIGTERM. Throws, after
    /// closing, when records could not be written. Later calls return at once.
    public func close() async throws(AuditLogError) {
        let health = await writer.close()
        if !health.isHealthy { throw .unwritten(health) }
    }
}

public enum AuditLogError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidConfiguration(AuditConfigurationError)
    /// A file or socket could not be opened at start-up.
    case cannotOpen(SystemError)
    /// Records remain unwritten at a flush or close.
    case unwritten(AuditHealth)

    public var description: String {
        switch self {
        case .invalidConfiguration(let error): "invalid audit configuration: \(error)"
        case .cannotOpen(let error): "cannot open the audit log: \(error)"
        case .unwritten(let health): "audit records are not all written: \(health)"
        }
    }
}
