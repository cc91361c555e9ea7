import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a child process ended.
enum Termination: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    var description: String {
        switch self {
        case .exited(let status): return "exit status \(status)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// One child process (dockgate, openssl, curl, python3) started by a test.
///
/// Its stdout and stderr go to files in the test's directory rather than pipes, so a chatty
/// child can never block on a full pipe and the output can be read at any moment while it
/// runs. Every wait is bounded; `kill()` (also run by `TestBed.cleanUp()`) ends a straggler.
///
/// Used from the test's task only; the lock guards the stdin handle against `kill()` from a
/// cleanup running elsewhere.
final class ChildProcess: @unchecked Sendable {
    /// What the child reads on stdin.
    enum Input {
        /// `/dev/null`.
        case none
        /// A pipe the test writes to with `send(_:)` and ends with `closeInput()`.
        case pipe
    }

    let commandLine: String
    let standardOutputPath: String
    let standardErrorPath: String
    private let process = Process()
    private let lock = NSLock()
    private var inputPipe: FileHandle?

    /// Starts `executable`; output files are created in `outputDirectory`.
    init(_ executable: String, _ arguments: [String], outputDirectory: String, input: Input = .none) throws {
        _ = ignoreSIGPIPE
        commandLine = ([executable] + arguments).map(shellQuoted).joined(separator: " ")
        let stem = "\(outputDirectory)/\((executable as NSString).lastPathComponent)-\(UUID().uuidString.prefix(8))"
        standardOutputPath = stem + ".stdout"
        standardErrorPath = stem + ".stderr"
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: outputDirectory)
        process.standardOutput = try Self.createOutputFile(standardOutputPath)
        process.standardError = try Self.createOutputFile(standardErrorPath)
        switch input {
        case .none:
            process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        case .pipe:
            let pipe = Pipe()
            process.standardInput = pipe
            inputPipe = pipe.fileHandleForWriting
        }
        do {
            try process.run()
        } catch {
            throw HarnessError("cannot start \(commandLine): \(error)")
        }
        // The child has its own copy of the read end.
        if case .pipe = input, let pipe = process.standardInput as? Pipe { try? pipe.fileHandleForReading.close() }
    }

    deinit {
        kill()
    }

    private static func createOutputFile(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw HarnessError("cannot create \(path)") }
        return handle
    }

    /// Everything the child has written to stdout so far.
    var standardOutput: String { Self.read(standardOutputPath) }
    /// Everything the child has written to stderr so far.
    var standardError: String { Self.read(standardErrorPath) }

    private static func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    /// The way the child ended, or nil while it runs.
    var termination: Termination? {
        guard !process.isRunning else { return nil }
        switch process.terminationReason {
        case .exit: return .exited(process.terminationStatus)
        case .uncaughtSignal: return .signaled(process.terminationStatus)
        @unknown default: return .exited(process.terminationStatus)
        }
    }

    /// Writes to the child's stdin (`.pipe` input only). A child that already exited is not an error here;
    /// the test's expectations on its output say what went wrong.
    func send(_ text: String) {
        lock.withLock { try? inputPipe?.write(contentsOf: Data(text.utf8)) }
    }

    /// Ends the child's stdin (`.pipe` input only).
    func closeInput() {
        lock.withLock {
            try? inputPipe?.close()
            inputPipe = nil
        }
    }

    func signal(_ signal: Int32) {
        if process.isRunning { sendSignal(signal, to: process.processIdentifier) }
    }

    /// Waits at most `timeout` for the child to exit; nil if it is still running then.
    func waitForExit(timeout: Duration) async -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return termination
    }

    /// Polls the child's stdout and stderr until `condition` holds, the child has exited
    /// (then one last look), or `timeout` passes. Returns whether `condition` held.
    func waitForOutput(timeout: Duration, until condition: (_ stdout: String, _ stderr: String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let exited = !process.isRunning
            if condition(standardOutput, standardError) { return true }
            if exited { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition(standardOutput, standardError)
    }

    /// SIGKILL if still running, then reaps it.
    func kill() {
        closeInput()
        guard process.isRunning else { return }
        sendSignal(SIGKILL, to: process.processIdentifier)
        process.waitUntilExit()
    }
}

/// `kill(2)`; inside `ChildProcess` the name means its own `kill()`.
private func sendSignal(_ signal: Int32, to pid: Int32) {
    _ = kill(pid, signal)
}

/// Writing to a pipe whose reader exited must fail the write, not kill the test runner.
private let ignoreSIGPIPE: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()

/// `sh`-style quoting, only for showing command lines in failure messages.
func shellQuoted(_ word: String) -> String {
    let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,%+".contains($0) }
    return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// A failure of the test harness itself (a tool missing, a file not written), as opposed
/// to a failed expectation about dockgate.
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
