import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The writer thread: takes records from a queue, encodes each once, and hands it to every
/// sink's channel; fsyncs as configured; retries failing sinks; publishes the health the proxy
/// reads.
///
/// `enqueue` is the only thing callers' threads do: append under a lock and signal. Everything
/// else runs on the writer's own thread, so the order of a file is the order of the queue.
final class AuditWriter: @unchecked Sendable {
    enum Command {
        case record(AuditRecord)
        /// Resumed once everything queued before it is written (or held) and fsynced.
        case flush(CheckedContinuation<AuditHealth, Never>)
        /// A flush, then the sinks are closed and the thread ends.
        case close(CheckedContinuation<AuditHealth, Never>?)
    }

    private let configuration: AuditConfiguration
    /// Writer thread only.
    private let channels: [AuditChannel]

    /// Guards `commands`, `dropped`, `droppedSinceStart` and `closed`; signalled when a command arrives.
    private let condition = NSCondition()
    private var commands: [Command] = []
    private var dropped = 0
    private var droppedSinceStart = 0
    private var closed = false

    /// Guards `health` and `failedWrites`, read from any thread.
    private let healthLock = NSLock()
    private var health = AuditHealth.healthy
    private var failedWrites = 0

    init(configuration: AuditConfiguration, channels: [AuditChannel]) {
        self.configuration = configuration
        self.channels = channels
        publishHealth()
        let thread = Thread { [self] in run() }
        thread.name = "dockgate-audit"
        thread.start()
    }

    var currentHealth: AuditHealth { healthLock.withLock { health } }

    var isHealthy: Bool { healthLock.withLock { health.isHealthy } }

    var statistics: AuditStatistics {
        let (queued, dropped) = condition.withLock {
            (commands.count { if case .record = $0 { true } else { false } }, droppedSinceStart)
        }
        return AuditStatistics(
            queuedRecords: queued, failedWrites: healthLock.withLock { failedWrites }, droppedRecords: dropped)
    }

    func enqueue(_ record: AuditRecord) {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return }
        guard commands.count < configuration.queueLimit else {
            dropped += 1
            droppedSinceStart += 1
            healthLock.withLock { health.droppedRecords += 1 }
            return
        }
        commands.append(.record(record))
        condition.signal()
    }

    func flush() async -> AuditHealth {
        await withCheckedContinuation { continuation in
            if !send(.flush(continuation)) { continuation.resume(returning: currentHealth) }
        }
    }

    func close() async -> AuditHealth {
        await withCheckedContinuation { continuation in
            if !send(.close(continuation)) { continuation.resume(returning: currentHealth) }
        }
    }

    /// Ends the thread without waiting (the log was released without `close()`).
    func stop() { _ = send(.close(nil)) }

    /// False once the writer is closed.
    private func send(_ command: Command) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        if case .close = command { closed = true }
        commands.append(command)
        condition.signal()
        return true
    }

    private func run() {
        Self.blockSIGPIPE()
        var nextSynchronize: ContinuousClock.Instant?
        var nextRetry = ContinuousClock.now + configuration.retryInterval
        while true {
            condition.lock()
            while commands.isEmpty {
                let deadline = [nextSynchronize, isAnyChannelFailing ? nextRetry : nil].compactMap { $0 }.min()
                guard let deadline else {
                    condition.wait()
                    continue
                }
                let remaining = ContinuousClock.now.duration(to: deadline)
                if remaining <= .zero { break }
                _ = condition.wait(until: Date(timeIntervalSinceNow: remaining.seconds))
            }
            let batch = commands
            commands.removeAll(keepingCapacity: true)
            let droppedNow = dropped
            dropped = 0
            condition.unlock()
            // From here these drops are the writer's to note; only later ones keep the log
            // unhealthy.
            if droppedNow > 0 { healthLock.withLock { health.droppedRecords -= droppedNow } }

            // Drops happened while the queue was full, so after the records in it: noted
            // after them, or before a flush that reports on them.
            var unnoted = droppedNow
            func noteDropped() {
                if unnoted > 0 { noteDroppedRecords(unnoted) }
                unnoted = 0
            }
            for command in batch {
                switch command {
                case .record(let record):
                    let entry = AuditEntry(record)
                    for channel in channels { channel.offer(entry) }
                case .flush(let continuation):
                    noteDropped()
                    continuation.resume(returning: drain())
                case .close(let continuation):
                    noteDropped()
                    let health = drain()
                    for channel in channels { channel.sink.close() }
                    continuation?.resume(returning: health)
                    return
                }
            }
            noteDropped()
            if ContinuousClock.now >= nextRetry {
                for channel in channels { channel.retry() }
                nextRetry = ContinuousClock.now + configuration.retryInterval
            }
            switch configuration.fsync {
            case .every:
                for channel in channels { channel.synchronizeIfNeeded() }
            case .interval(let interval):
                if let due = nextSynchronize, ContinuousClock.now >= due {
                    for channel in channels { channel.synchronizeIfNeeded() }
                    nextSynchronize = nil
                }
                if nextSynchronize == nil, channels.contains(where: \.needsSynchronize) {
                    nextSynchronize = ContinuousClock.now + interval
                }
            }
            publishHealth()
        }
    }

    /// For flush and close: retry failing sinks once more, fsync everything, and report.
    private func drain() -> AuditHealth {
        for channel in channels { channel.retry() }
        for channel in channels { channel.synchronizeIfNeeded() }
        publishHealth()
        return currentHealth
    }

    private func noteDroppedRecords(_ count: Int) {
        let note =
            "\(count) record\(count == 1 ? " was" : "s were") dropped: more than \(configuration.queueLimit) waited for the audit writer"
        let entry = AuditEntry(AuditChannel.noteRecord(note, rule: "audit.records-dropped"))
        for channel in channels { channel.offer(entry) }
    }

    private var isAnyChannelFailing: Bool { channels.contains { $0.failure != nil } }

    private func publishHealth() {
        let failures = channels.compactMap(\.failure)
        let attempts = channels.reduce(0) { $0 + $1.failedAttempts }
        healthLock.withLock {
            health.failures = failures
            failedWrites = attempts
        }
    }

    /// A stdout whose reader is gone must fail the write (EPIPE), not kill the process: the
    /// signal stays pending on this thread, unseen.
    private static func blockSIGPIPE() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
