import Foundation
import TestSupport
import Testing

@testable import Audit

/// The file sink through `AuditLog`: mode, chain, restarts, rotation, crash remnants.
struct AuditFileSinkTests {
    let directory: TemporaryDirectory
    var path: String { directory.file("audit.log") }

    init() throws {
        directory = try TemporaryDirectory("file-sink")
    }

    func write(_ numbers: ClosedRange<Int>, rotation: AuditRotation = AuditRotation()) async throws {
        let log = try makeLog([.file(path: path)], rotation: rotation)
        for number in numbers { log.record(Samples.request(number)) }
        try await log.close()
    }

    func rotatedNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("audit.log.") }
            .sorted()
    }

    @Test("a new file has mode 0600 and one line per record, chained from the genesis value")
    func newFile() async throws {
        try await write(1...3)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let lines = try readLines(path)
        #expect(lines.count == 3)
        let prevs = try lines.map { try AuditLine.decode(Array($0.utf8)).prev }
        #expect(prevs[0] == .genesis)
        #expect(prevs[1] == AuditSHA256(of: Array(lines[0].utf8)))
        #expect(try lines.map { try AuditLine.decode(Array($0.utf8)).record } == (1...3).map(Samples.request))
    }

    @Test("the chain link is the SHA-256 sha256sum computes of the previous line")
    func independentDigest() async throws {
        try await write(1...2)
        let lines = try readLines(path)
        try Data(lines[0].utf8).write(to: URL(fileURLWithPath: directory.file("first")))
        let child = try ChildProcess("/usr/bin/sha256sum", ["first"], directory: directory.path)
        let result = await child.waitForResult(timeout: .seconds(10))
        #expect(result.status == 0, "\(result)")
        let prev = try AuditLine.decode(Array(lines[1].utf8)).prev
        #expect(result.standardOutput.hasPrefix(prev.hex + " "), "\(result)")
    }

    @Test("records from many threads: all written, one unbroken chain")
    func concurrentRecords() async throws {
        let log = try makeLog([.file(path: path)])
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask { for number in 0..<200 { log.record(Samples.request(task * 1000 + number)) } }
            }
        }
        try await log.close()
        let result = AuditVerifier().verify(paths: [path])
        #expect(result.exitStatus == 0, "\(result.report)")
        #expect(result.records == 1600)
    }

    @Test("a restart appends and continues the chain from the file's last line")
    func restart() async throws {
        try await write(1...2)
        try await write(3...4)
        let result = AuditVerifier().verify(paths: [path])
        #expect(result.exitStatus == 0, "\(result.report)")
        #expect(result.records == 4)
    }

    @Test("rotation: PATH.<UTC timestamp> files, none past the size, one chain across them")
    func rotation() async throws {
        try await write(1...30, rotation: AuditRotation(maximumFileSize: 1024))
        let rotated = try rotatedNames()
        #expect(rotated.count >= 5, "\(rotated)")
        for name in rotated {
            #expect(AuditTimestamp(compact: String(name.dropFirst("audit.log.".count))) != nil, "\(name)")
            let size = try FileManager.default.attributesOfItem(atPath: directory.file(name))[.size] as? Int
            #expect((size ?? .max) <= 1024, "\(name)")
        }
        let result = AuditVerifier().verify(paths: rotated.map(directory.file) + [path])
        #expect(result.exitStatus == 0, "\(result.report)")
        #expect(result.records == 30)
    }

    @Test("--audit-keep: older rotated files are deleted; the rest verify from the last deleted hash")
    func keep() async throws {
        try await write(1...30, rotation: AuditRotation(maximumFileSize: 1024, keptFiles: 2))
        let rotated = try rotatedNames()
        #expect(rotated.count == 2, "\(rotated)")
        let paths = rotated.map(directory.file) + [path]
        let first = AuditVerifier().verify(paths: paths)
        guard case .link(_, let found, _) = first.firstBreak?.kind, first.firstBreak?.line == 1 else {
            Issue.record("\(first.report)")
            return
        }
        #expect(AuditVerifier(follows: found).verify(paths: paths).exitStatus == 0)
    }

    @Test("a restart after a rotation, with no current file yet, follows the newest rotated file")
    func restartAfterRotation() async throws {
        try await write(1...2)
        let rotated = directory.file("audit.log.20260101T000000.000000Z")
        try FileManager.default.moveItem(atPath: path, toPath: rotated)
        try await write(3...3)
        let result = AuditVerifier().verify(paths: [rotated, path])
        #expect(result.exitStatus == 0, "\(result.report)")
    }

    @Test("an incomplete last line from a crash: that file is rotated away untouched, the next one says so")
    func crashRemnant() async throws {
        try await write(1...3)
        let partial = Array(try Data(contentsOf: URL(fileURLWithPath: path))).prefix(60)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(partial))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        try await write(4...4)
        let rotated = try rotatedNames()
        #expect(rotated.count == 1)
        let remnant = directory.file(rotated[0])
        #expect(try Data(contentsOf: URL(fileURLWithPath: remnant)) == before)
        let lines = try readLines(path)
        let note = try AuditLine.decode(Array(lines[0].utf8)).record
        #expect(note.event == .audit)
        #expect(note.rule == "audit.incomplete-record")
        #expect(
            note.note
                == "\(remnant) ends with an incomplete record (60 bytes): dockgate stopped while writing it (crash or power loss); this file continues the chain from the line before it"
        )
        let result = AuditVerifier().verify(paths: [remnant, path])
        #expect(result.exitStatus == 2, "\(result.report)")
        #expect(result.records == 5)
        #expect(result.incompleteRecords == [.init(path: remnant, line: 4, bytes: 60)])
    }

    @Test("fsync on an interval: records still reach the file, and flush syncs at once")
    func fsyncInterval() async throws {
        let log = try makeLog([.file(path: path)], fsync: .interval(.milliseconds(30)))
        for number in 1...5 { log.record(Samples.request(number)) }
        try await log.flush()
        #expect(try readLines(path).count == 5)
        try await log.close()
    }

    /// A named pipe to a log shipper: fsync has nothing to do there (EINVAL), which must not
    /// make the sink a failing one.
    @Test("a FIFO as the audit file: fsync after every record, the log stays healthy")
    func fifo() async throws {
        let fifo = path + ".fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDWR)
        defer { close(reader) }
        let log = try makeLog([.file(path: fifo)], fsync: .every)
        for number in 1...3 { log.record(Samples.request(number)) }
        try await log.flush()
        #expect(log.isHealthy, "\(log.health.description)")
        try await log.close()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
        #expect(String(decoding: buffer[..<max(count, 0)], as: UTF8.self).split(separator: "\n").count == 3)
    }
}
