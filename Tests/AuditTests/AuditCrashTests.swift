import Foundation
import TestSupport
import Testing

@testable import Audit

/// kill -9 of a process in the middle of writing records: this test bundle is started again,
/// running only `AuditCrashChildWriter`, which records as fast as it can until it is killed.
@Suite(.timeLimit(.minutes(2)))
struct AuditCrashTests {
    @Test("kill -9 mid-write leaves whole lines that verify; the next start appends to the chain")
    func killed() async throws {
        let directory = try TemporaryDirectory("crash")
        let path = directory.file("audit.log")
        let bundle = try #require(Bundle.main.executablePath ?? CommandLine.arguments.first)
        var environment = ProcessInfo.processInfo.environment
        environment[CrashChild.pathVariable] = path
        let child = try ChildProcess(
            bundle, ["--testing-library", "swift-testing", "--filter", "AuditCrashChildWriter"],
            environment: environment, directory: directory.path)
        defer { child.kill() }
        let written = await eventually(timeout: .seconds(60)) { ((try? readLines(path)) ?? []).count >= 2000 }
        #expect(written, "\(child.result(nil))")
        child.signal(SIGKILL)
        #expect(await child.waitForExit(timeout: .seconds(10)) == .signaled(SIGKILL))

        let killed = AuditVerifier().verify(paths: [path])
        #expect(killed.exitStatus == 0, "\(killed.report)")
        #expect(killed.records >= 2000)

        let log = try makeLog([.file(path: path)])
        log.record(Samples.request(1))
        try await log.close()
        let restarted = AuditVerifier().verify(paths: [path])
        #expect(restarted.exitStatus == 0, "\(restarted.report)")
        #expect(restarted.records == killed.records + 1)
    }
}

/// The process `AuditCrashTests` kills: enabled only when started by it.
@Suite(.enabled(if: CrashChild.path != nil, "run by AuditCrashTests only"))
struct AuditCrashChildWriter {
    @Test func recordUntilKilled() async throws {
        let log = try makeLog([.file(path: try #require(CrashChild.path))], fsync: .interval(.milliseconds(100)))
        for number in 0... {
            log.record(Samples.request(number))
            if number % 100 == 0 { try await Task.sleep(for: .milliseconds(1)) }
        }
    }
}

/// Where the child writes, from its environment.
enum CrashChild {
    static let pathVariable = "DOCKGATE_AUDIT_CRASH_TEST_LOG"
    static let path = ProcessInfo.processInfo.environment[pathVariable]
}
