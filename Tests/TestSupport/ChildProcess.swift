import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One program a test runs: dockgate, the docker CLI, openssl, curl, python3, `script`, a relay.
///
/// stdout and stderr are files, never pipes: a chatty child cannot stall on a full pipe, and
/// the test can look at what it printed so far while it still runs (`logs -f`, a prompt, a
/// "listening on" line). Every wait takes a timeout; `kill()` (also run on deinit and by the
/// test targets' cleanups) ends a child that overstays.
///
/// Owned by one test's task; the lock only guards stdin against a `kill()` from a cleanup
/// running elsewhere.
public final class ChildProcess: @unchecked Sendable {
    /// What the child reads on stdin.
    public enum Input: Sendable {
        /// `/dev/null`.
        case none
        /// A pipe: the test writes with `send(_:)` and ends it with `closeInput()`.
        case pipe
        /// A pipe that gets `text` and is then closed (`echo text | cmd`).
        case text(String)
        /// A file opened for reading (`cmd < path`).
        case file(String)
    }

    /// The command line, `sh`-quoted, for messages.
    public let commandLine: String
    public let standardOutputPath: String
    public let standardErrorPath: String
    private let process = Process()
    private let lock = NSLock()
    private var stdin: FileHandle?

    /// Starts `executable` in `directory`, which also receives the output files.
    /// - Parameter environment: the child's whole environment; nil inherits the test runner's.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String, input: Input = .none
    ) throws {
        _ = sigpipeIgnored
        commandLine = ([executable] + arguments).map(shellQuoted).joined(separator: " ")
        let stem = "\(directory)/\(URL(fileURLWithPath: executable).lastPathComponent)-\(UUID().uuidString.prefix(8))"
        standardOutputPath = stem + ".stdout"
        standardErrorPath = stem + ".stderr"
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let environment { process.environment = environment }
        process.standardOutput = try Self.truncatedFile(standardOutputPath)
        process.standardError = try Self.truncatedFile(standardErrorPath)
        var readEnd: FileHandle?
        switch input {
        case .none:
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw HarnessError("cannot read \(path) (stdin of \(commandLine))")
            }
            process.standardInput = handle
        case .pipe, .text:
            let pipe = Pipe()
            // Our write end must reach no child at all: a sibling started meanwhile that
            // inherited it would keep this child from ever reading EOF.
            _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
            process.standardInput = pipe
            readEnd = pipe.fileHandleForReading
            stdin = pipe.fileHandleForWriting
        }
        do {
            // One start at a time: Foundation hands each child one end of a socket it watches
            // for the child's exit, and a sibling spawned in between would inherit it.
            try Self.spawnLock.withLock { try process.run() }
        } catch {
            throw HarnessError("cannot start \(commandLine): \(error)")
        }
        try? readEnd?.close()  // the child holds its own copy; ours would keep EOF from coming
        if case .text(let text) = input {
            send(text)
            closeInput()
        }
    }

    deinit { kill() }

    /// Held around every child start in the test targets (see `init`).
    static let spawnLock = NSLock()

    private static func truncatedFile(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw HarnessError("cannot create \(path)") }
        return handle
    }

    public var pid: Int32 { process.processIdentifier }
    /// What the child wrote to stdout so far.
    public var standardOutput: String { String(decoding: standardOutputData, as: UTF8.self) }
    public var standardOutputData: Data { FileManager.default.contents(atPath: standardOutputPath) ?? Data() }
    /// What the child wrote to stderr so far.
    public var standardError: String {
        String(decoding: FileManager.default.contents(atPath: standardErrorPath) ?? Data(), as: UTF8.self)
    }

    /// How the child ended; nil while it runs.
    public var termination: Termination? {
        if !process.isRunning {
            switch process.terminationReason {
            case .exit: return .exited(process.terminationStatus)
            case .uncaughtSignal: return .signaled(process.terminationStatus)
            @unknown default: return .exited(process.terminationStatus)
            }
        }
        return peekExit()
    }

    /// True until the child has exited, by Foundation's account or the kernel's.
    private var isRunning: Bool { termination == nil }

    /// Asks the kernel whether the child has exited, without reaping it (Foundation still
    /// does that). Needed because Foundation on Linux learns of an exit only when a socket
    /// the child inherited closes, and a sibling started at the same moment may hold a copy
    /// of it for as long as it lives; Foundation then reports a dead child as running.
    private func peekExit() -> Termination? {
        #if canImport(Glibc)
            var info = siginfo_t()
            let pid = process.processIdentifier
            guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0,
                info._sifields._sigchld.si_pid == pid
            else { return nil }
            let status = info._sifields._sigchld.si_status
            return info.si_code == Int32(CLD_EXITED) ? .exited(status) : .signaled(status)
        #else
            return nil
        #endif
    }

    /// Writes to stdin (`.pipe`); a child that is gone already is not an error here, the
    /// test's expectations on its output say what went wrong.
    public func send(_ text: String) {
        lock.withLock { try? stdin?.write(contentsOf: Data(text.utf8)) }
    }

    /// Ends stdin: the child reads EOF.
    public func closeInput() {
        lock.withLock {
            try? stdin?.close()
            stdin = nil
        }
    }

    public func signal(_ number: Int32) {
        if isRunning { deliver(number, to: process.processIdentifier) }
    }

    /// Waits at most `timeout`; nil if the child still runs then.
    public func waitForExit(timeout: Duration) async -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return termination
    }

    /// Waits at most `timeout` for the child to exit, kills it if it still runs then, and
    /// returns what it did.
    public func waitForResult(timeout: Duration) async -> CommandResult {
        let termination = await waitForExit(timeout: timeout)
        kill()
        return result(termination)
    }

    /// Polls stdout and stderr until `condition` holds, the child exits (one last look then),
    /// or `timeout` passes. Returns whether it held.
    public func waitForOutput(timeout: Duration, until condition: (_ stdout: String, _ stderr: String) -> Bool)
        async -> Bool
    {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let ended = !isRunning
            if condition(standardOutput, standardError) { return true }
            if ended { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(standardOutput, standardError)
    }

    /// SIGKILL if it still runs, and reap it.
    public func kill() {
        closeInput()
        guard isRunning else { return }
        deliver(SIGKILL, to: process.processIdentifier)
        // Bounded, never `waitUntilExit()`: Foundation on Linux may not notice an exit while
        // another child still holds a descriptor it inherited, and an unbounded wait here
        // blocks a concurrency thread; with a few of them blocked the whole suite stalls.
        let deadline = ContinuousClock.now + .seconds(2)
        while isRunning, ContinuousClock.now < deadline { usleep(10_000) }
    }

    /// The child's story so far (or final, once `termination` is set), for failure messages:
    /// `termination` is how it ended, nil for one killed at its deadline.
    public func result(_ termination: Termination?) -> CommandResult {
        CommandResult(
            commandLine: commandLine, termination: termination, standardOutput: standardOutput,
            standardError: standardError)
    }
}

/// `kill(2)`, named apart from `ChildProcess.kill()`.
private func deliver(_ signal: Int32, to pid: Int32) {
    _ = kill(pid, signal)
}

/// Writing to the stdin of a child that exited must fail the write, not kill the test runner.
private let sigpipeIgnored: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()

/// `sh` quoting: for command lines shown in messages and handed to `sh -c` / `script -c`.
public func shellQuoted(_ word: String) -> String {
    let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,%+".contains($0) }
    return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The harness itself failed (a tool missing, a file not written, a setup command failed), as
/// opposed to an expectation about dockgate.
public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
