import Foundation
import Testing

@testable import Audit

#if canImport(Glibc)
    import Glibc
#endif

/// `AuditLog` as the proxy uses it: several sinks, non-blocking `record`, flush and close.
struct AuditLogTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("log")
    }

    @Test("several sinks at once: each gets every record, as a chain of its own")
    func severalSinks() async throws {
        let first = directory.file("a.log")
        let second = directory.file("b.log")
        try await { () async throws in
            let seed = try makeLog([.file(path: second)])
            seed.record(Samples.request(0))
            try await seed.close()
        }()
        let socketPath = directory.file("log.sock")
        let listener = try DatagramListener(path: socketPath)
        let log = try makeLog([.file(path: first), .file(path: second), .syslog(socketPath: socketPath)])
        for number in 1...3 { log.record(Samples.request(number)) }
        try await log.close()

        #expect(AuditVerifier().verify(paths: [first]).records == 3)
        #expect(AuditVerifier().verify(paths: [second]).records == 4)
        #expect(AuditVerifier().verify(paths: [first]).exitStatus == 0)
        #expect(AuditVerifier().verify(paths: [second]).exitStatus == 0)
        let firstLines = try readLines(first)
        let secondLines = try readLines(second)
        #expect(firstLines[0] != secondLines[1], "same record, different chains")
        for line in firstLines {
            #expect(listener.receive()?.hasSuffix(line) == true)
        }
    }

    @Test("standard output: one line per record; a line cut short is ended before the next")
    func standardOutput() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let channel = AuditChannel(sink: StandardOutputAuditSink(descriptor: ends[1]), heldLimit: 10)
        for number in 1...2 { channel.offer(AuditEntry(Samples.request(number))) }
        close(ends[1])
        let output = FileHandle(fileDescriptor: ends[0]).readDataToEndOfFile()
        let stream = directory.file("stdout")
        try output.write(to: URL(fileURLWithPath: stream))
        #expect(AuditVerifier().verify(paths: [stream]).records == 2)
    }

    @Test("record() returns while the writer is stuck; past the queue limit records are dropped, then noted")
    func neverBlocksAndNotesDrops() async throws {
        // A FIFO nobody reads yet: the writer blocks once the pipe buffer is full.
        let fifo = directory.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDWR)
        defer { close(reader) }
        let log = try AuditLog(
            configuration: AuditConfiguration(
                sinks: [.file(path: fifo)], queueLimit: 10, retryInterval: .milliseconds(20)))
        var record = Samples.request(1)
        record.note = String(repeating: "x", count: 8000)
        let start = ContinuousClock.now
        for _ in 0..<200 { log.record(record) }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(await eventually { log.health.droppedRecords > 0 })
        #expect(!log.isHealthy)
        #expect(log.health.description.contains("audit records were dropped: the audit writer fell behind"))

        // Reads until the log is closed and the pipe is drained: a pause of the writer (a
        // loaded machine) must not end the reading and so block the writer again.
        let closed = ClosedFlag()
        let received = Task.detached {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            var status = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
            while true {
                let wasClosed = closed.isSet
                guard poll(&status, 1, 200) > 0 else {
                    if wasClosed { break } else { continue }
                }
                let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                bytes += buffer[..<count]
            }
            return bytes
        }
        #expect(await eventually { log.isHealthy }, "\(log.health.description)")
        try await log.close()
        closed.set()
        let stream = directory.file("stream")
        try Data(await received.value).write(to: URL(fileURLWithPath: stream))
        let lines = try readLines(stream)
        let last = try AuditLine.decode(Array(try #require(lines.last).utf8)).record
        #expect(last.rule == "audit.records-dropped")
        #expect(last.note?.hasSuffix("were dropped: more than 10 waited for the audit writer") == true)
        #expect(lines.count < 200)
        #expect(AuditVerifier().verify(paths: [stream]).exitStatus == 0)
    }

    @Test("flush waits for what was recorded; close twice is harmless; records after close are discarded")
    func lifecycle() async throws {
        let path = directory.file("audit.log")
        let log = try makeLog([.file(path: path)])
        for number in 1...50 { log.record(Samples.request(number)) }
        try await log.flush()
        #expect(try readLines(path).count == 50)
        try await log.close()
        try await log.close()
        log.record(Samples.request(51))
        #expect(try readLines(path).count == 50)
    }

    @Test("a log released without close() ends its writer thread and leaves whole lines")
    func released() async throws {
        let path = directory.file("audit.log")
        do {
            let log = try makeLog([.file(path: path)])
            log.record(Samples.request(1))
        }
        #expect(await eventually { (try? readLines(path).count) == 1 })
        #expect(AuditVerifier().verify(paths: [path]).exitStatus == 0)
    }

    @Test("a bad configuration stops start-up, naming the key")
    func invalidConfiguration() {
        #expect(throws: AuditLogError.self) { try AuditLog(configuration: AuditConfiguration(sinks: [])) }
    }
}

/// Set once, read from another thread.
private final class ClosedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
