import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one test owns: a throw-away directory, a fresh PKI made by `dockgate certs init`, and
/// every process the test started through it.
///
/// Call order: `let bed = try await TestBed.make()`, `defer { bed.cleanUp() }`, then start
/// servers and run clients. `cleanUp()` kills whatever still runs and removes the directory.
final class TestBed: @unchecked Sendable {
    /// Root of everything this test writes.
    let directory: String
    /// Where the children's stdout/stderr files go.
    let outputDirectory: String
    /// The CA, server and CRL files of `dockgate certs init --dir`.
    let pki: PKIFiles
    private let lock = NSLock()
    private var children: [ChildProcess] = []
    private var daemon: FakeDaemon?

    private init(directory: String) {
        self.directory = directory
        self.outputDirectory = directory + "/output"
        self.pki = PKIFiles(directory: directory + "/pki")
    }

    /// A new directory with a CA, server certificate and empty CRL in `pki`.
    static func make() async throws -> TestBed {
        var template = Array(
            (NSTemporaryDirectory() as NSString).appendingPathComponent("dockgate-it-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed: errno \(errno)") }
        let bed = TestBed(directory: String(cString: made))
        do {
            try FileManager.default.createDirectory(atPath: bed.outputDirectory, withIntermediateDirectories: true)
            try await bed.dockgateSucceeds(["certs", "init", "--dir", bed.pki.directory])
            return bed
        } catch {
            bed.cleanUp()
            throw error
        }
    }

    /// Kills every process still running and removes the directory (kept when the environment
    /// has `DOCKGATE_IT_KEEP=1`, to look at the certificates and every child's output).
    func cleanUp() {
        let all = lock.withLock {
            defer { children.removeAll() }
            return children
        }
        for child in all { child.kill() }
        if ProcessInfo.processInfo.environment["DOCKGATE_IT_KEEP"] == "1" { return }
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: Processes

    /// Starts a long-running child that `cleanUp()` will kill if the test does not.
    func start(_ executable: String, _ arguments: [String], input: ChildProcess.Input = .none) throws -> ChildProcess {
        let child = try ChildProcess(executable, arguments, directory: outputDirectory, input: input)
        lock.withLock { children.append(child) }
        return child
    }

    /// Runs a command to completion (at most `timeout`, then it is killed).
    func run(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(30)) async throws
        -> CommandResult
    {
        try await start(executable, arguments).waitForResult(timeout: timeout)
    }

    func dockgate(_ arguments: [String], timeout: Duration = .seconds(30)) async throws -> CommandResult {
        try await run(try Executables.dockgate(), arguments, timeout: timeout)
    }

    /// Runs `dockgate` and throws, with its output, unless it exits 0.
    @discardableResult
    func dockgateSucceeds(_ arguments: [String]) async throws -> CommandResult {
        let result = try await dockgate(arguments)
        guard result.status == 0 else { throw HarnessError("dockgate failed:\n\(result)") }
        return result
    }

    func openssl(_ arguments: [String]) async throws -> CommandResult {
        try await run(try Executables.openssl(), arguments)
    }

    /// Runs `openssl` and throws, with its output, unless it exits 0.
    @discardableResult
    func opensslSucceeds(_ arguments: [String]) async throws -> CommandResult {
        let result = try await openssl(arguments)
        guard result.status == 0 else { throw HarnessError("openssl failed:\n\(result)") }
        return result
    }

    /// The bed's fake Docker daemon, started on first use.
    func fakeDaemon() async throws -> FakeDaemon {
        if let running = lock.withLock({ daemon }) { return running }
        let started = try await startFakeDaemon()
        lock.withLock { daemon = started }
        return started
    }

    // MARK: Files

    func path(_ relative: String) -> String { directory + "/" + relative }

    func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
