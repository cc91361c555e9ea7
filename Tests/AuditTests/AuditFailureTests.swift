import Foundation
import Testing

@testable import Audit

#if canImport(Glibc)
    import Glibc
#endif

/// A file sink that cannot write, made real without a seam (tests run as root, so permissions
/// stop nothing): `audit.log` a symlink to `/dev/full`, where every write fails with ENOSPC; a
/// tiny tmpfs filled up; a path whose parent is a regular file.
struct AuditFailureTests {
    let directory: TemporaryDirectory
    var path: String { directory.file("audit.log") }

    init() throws {
        directory = try TemporaryDirectory("failure")
    }

    @Test("disk full: unhealthy with the error, records held; the path writable again: written in order, healthy")
    func fullThenRecovered() async throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/full")
        let log = try makeLog([.file(path: path)])
        for number in 1...3 { log.record(Samples.request(number)) }
        #expect(await eventually { log.health.failures.first?.heldRecords == 3 })
        #expect(!log.isHealthy)
        let failure = try #require(log.health.failures.first)
        #expect(failure.sink == "file \(path)")
        #expect(failure.error == "write \(path): No space left on device")
        #expect(log.health.description.hasPrefix("audit file \(path) cannot be written since "))
        await #expect(throws: AuditLogError.self) { try await log.flush() }

        try FileManager.default.removeItem(atPath: path)
        #expect(await eventually { log.isHealthy })
        log.record(Samples.request(4))
        try await log.close()
        let result = AuditVerifier().verify(paths: [path])
        #expect(result.exitStatus == 0, "\(result.report)")
        #expect(try readLines(path).map { try AuditLine.decode(Array($0.utf8)).record } == (1...4).map(Samples.request))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test("statistics count failed writes since start-up and an empty queue once flushed")
    func statistics() async throws {
        let healthy = try makeLog([.file(path: directory.file("healthy.log"))])
        for number in 1...3 { healthy.record(Samples.request(number)) }
        try await healthy.flush()
        #expect(healthy.statistics == AuditStatistics(queuedRecords: 0, failedWrites: 0, droppedRecords: 0))
        try await healthy.close()

        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/full")
        let failing = try makeLog([.file(path: path)])
        for number in 1...3 { failing.record(Samples.request(number)) }
        #expect(await eventually { failing.health.failures.first?.heldRecords == 3 })
        // The first write fails; the others are held behind it without being tried (and the
        // writer retries now and then).
        let before = failing.statistics.failedWrites
        #expect(before >= 1)
        await #expect(throws: AuditLogError.self) { try await failing.flush() }
        // The flush retried the held records once more, and failed again.
        #expect(failing.statistics.failedWrites > before)
        #expect(failing.statistics.queuedRecords == 0)
    }

    @Test("beyond the held bound records are counted as lost, and a note says how many")
    func lostRecordsNoted() async throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/full")
        let log = try makeLog([.file(path: path)], heldLimit: 2)
        for number in 1...5 { log.record(Samples.request(number)) }
        #expect(await eventually { log.health.failures.first?.lostRecords == 3 })
        #expect(log.health.failures.first?.heldRecords == 2)
        try FileManager.default.removeItem(atPath: path)
        #expect(await eventually { log.isHealthy })
        try await log.close()

        let records = try readLines(path).map { try AuditLine.decode(Array($0.utf8)).record }
        #expect(records.count == 3)
        #expect(Array(records.prefix(2)) == [Samples.request(1), Samples.request(2)])
        #expect(records[2].event == .audit)
        #expect(records[2].rule == "audit.records-lost")
        let note = try #require(records[2].note)
        #expect(note.hasPrefix("3 records were lost: file \(path) could not be written from "), "\(note)")
        #expect(note.hasSuffix("until now (write \(path): No space left on device) and more than 2 waited"), "\(note)")
        #expect(AuditVerifier().verify(paths: [path]).exitStatus == 0)
    }

    @Test("a path whose parent is a regular file: start-up fails, naming the path and the error")
    func parentIsAFile() throws {
        let parent = directory.file("regular")
        try Data().write(to: URL(fileURLWithPath: parent))
        let path = parent + "/audit.log"
        #expect(throws: AuditLogError.cannotOpen(SystemError("open", path, code: ENOTDIR))) {
            try makeLog([.file(path: path)])
        }
        #expect(
            AuditLogError.cannotOpen(SystemError("open", path, code: ENOTDIR)).description
                == "cannot open the audit log: open \(path): Not a directory")
    }

    @Test(
        "a real full file system: a line cut short is taken back, nothing is lost, the file verifies",
        .enabled(if: TinyFileSystem.isAvailable, "needs root and mount(2) for a tmpfs"))
    func tmpfsFull() async throws {
        let mount = try TinyFileSystem(at: directory.file("tmpfs"))
        defer { mount.unmount() }
        let path = mount.path + "/audit.log"
        let log = try makeLog([.file(path: path)])
        func big(_ number: Int) -> AuditRecord {
            var record = Samples.request(number)
            record.note = String(repeating: "n", count: 1500)
            return record
        }
        log.record(big(1))
        try await log.flush()
        let filler = mount.path + "/filler"
        mount.fill(filler)
        for number in 2...6 { log.record(big(number)) }
        #expect(await eventually { !log.isHealthy })
        #expect(log.health.failures.first?.error == "write \(path): No space left on device")
        // The first record's page had room for the second and part of the third: that part
        // went out, the write failed, and it was taken back.
        #expect(try readLines(path).count == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).last == UInt8(ascii: "\n"))

        try FileManager.default.removeItem(atPath: filler)
        #expect(await eventually { log.isHealthy })
        try await log.close()
        let result = AuditVerifier().verify(paths: [path])
        #expect(result.exitStatus == 0, "\(result.report)")
        #expect(result.records == 6)
    }
}

/// A 64 KiB tmpfs mounted for one test.
struct TinyFileSystem {
    let path: String

    init(at path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Glibc.mount("tmpfs", path, "tmpfs", 0, "size=64k,mode=0700") == 0 else {
            throw SystemError("mount tmpfs on", path)
        }
    }

    func unmount() { umount2(path, Int32(MNT_DETACH)) }

    /// Writes zeros to `file` until the file system is full.
    func fill(_ file: String) {
        let descriptor = open(file, O_WRONLY | O_CREAT, 0o600)
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 512)
        while block.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN), tried once.
    static let isAvailable: Bool = {
        guard let probe = try? TemporaryDirectory("mount-probe"),
            let mount = try? TinyFileSystem(at: probe.file("tmpfs"))
        else { return false }
        mount.unmount()
        return true
    }()
}
