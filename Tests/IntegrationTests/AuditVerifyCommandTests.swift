import Audit
import Foundation
import TestSupport
import Testing

/// `dockgate audit verify` through the built binary, on logs the `Audit` module wrote: the exit
/// status and report an operator sees for an intact log, a tampered one, a crash remnant, and
/// a rotated set listed by the shell glob docs/audit.md recommends.
@Suite(.timeLimit(.minutes(2)))
final class AuditVerifyCommandTests {
    let directory: String

    init() throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "dockgate-audit-verify-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Writes `count` records through an `AuditLog` into `audit.log`, closed cleanly.
    func writeLog(count: Int, maximumFileSize: Int64? = nil) async throws {
        let log = try AuditLog(
            configuration: AuditConfiguration(
                sinks: [.file(path: directory + "/audit.log")],
                rotation: AuditRotation(maximumFileSize: maximumFileSize)))
        for number in 1...count {
            var record = AuditRecord(event: .request)
            record.method = "GET"
            record.path = "/containers/\(number)/json"
            record.decision = .allow
            record.status = 200
            log.record(record)
        }
        try await log.close()
    }

    func verify(_ arguments: [String]) async throws -> CommandResult {
        let child = try ChildProcess(
            try Executables.dockgate(), ["audit", "verify"] + arguments, directory: directory)
        return await child.waitForResult(timeout: .seconds(30))
    }

    @Test("an intact log: exit 0 and the count")
    func intact() async throws {
        try await writeLog(count: 3)
        let result = try await verify(["audit.log"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.hasPrefix("audit.log: 3 records\nintact: 3 records in 1 file; "), "\(result)")
    }

    @Test("one byte changed: exit 1, the file, line, and both hashes")
    func tampered() async throws {
        try await writeLog(count: 3)
        let path = directory + "/audit.log"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "/containers/2/json", with: "/containers/3/json")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let result = try await verify(["audit.log"])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("audit.log:3: chain broken: prev is "), "\(result)")
        #expect(
            result.standardOutput.contains(
                "audit.log:3: line 2 was changed, or records between lines 2 and 3 were deleted"), "\(result)")
        #expect(result.standardOutput.hasSuffix("broken: 2 records verify before audit.log line 3\n"), "\(result)")
    }

    @Test("a crash remnant: exit 2, told apart from tampering")
    func crashRemnant() async throws {
        try await writeLog(count: 2)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/audit.log"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"v":1,"time":"2026-"#.utf8))
        try handle.close()
        let result = try await verify(["audit.log"])
        #expect(result.status == 2, "\(result)")
        #expect(result.standardOutput.contains("audit.log:3: incomplete record (20 bytes"), "\(result)")
    }

    @Test("rotated files listed by the shell glob, oldest first, verify as one chain")
    func rotatedGlob() async throws {
        try await writeLog(count: 40, maximumFileSize: 2048)
        let rotated = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
            $0.hasPrefix("audit.log.")
        }
        #expect(rotated.count >= 3, "\(rotated)")
        let child = try ChildProcess(
            "/bin/sh", ["-c", "\(shellQuoted(try Executables.dockgate())) audit verify audit.log.* audit.log"],
            directory: directory)
        let result = await child.waitForResult(timeout: .seconds(30))
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("intact: 40 records in \(rotated.count + 1) files"), "\(result)")

        let reversed = try await verify(["audit.log"] + rotated.sorted())
        #expect(reversed.status == 1, "\(reversed)")
        #expect(reversed.standardOutput.contains("give the files oldest first"), "\(reversed)")
    }

    @Test("--follows must be a SHA-256: a usage error")
    func badFollows() async throws {
        try await writeLog(count: 1)
        let result = try await verify(["--follows", "abc", "audit.log"])
        #expect(result.status == 64, "\(result)")
        #expect(result.standardError.contains(#"--follows "abc" is not a SHA-256"#), "\(result)")
    }
}
