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
    public let pid: Int32
    private let lock = NSLock()
    /// Our end of the stdin pipe (`.pipe`, `.text`), -1 once closed.
    private var stdinDescriptor: Int32 = -1
    /// Set once the child has been reaped.
    private var reaped: Termination?

    /// Starts `executable` in `directory`, which also receives the output files.
    ///
    /// Spawned with `posix_spawn`, not Foundation's `Process`: on Linux that crashed now and
    /// then inside `run()` when many children started and ended at once, and learned of an
    /// exit only through a socket a sibling could inherit. Every descriptor here is opened
    /// close-on-exec, so a child gets exactly its stdin, stdout and stderr.
    /// - Parameter environment: the child's whole environment; nil inherits the test runner's.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        directory: String, input: Input = .none
    ) throws {
        _ = sigpipeIgnored
        let commandLine = ([executable] + arguments).map(shellQuoted).joined(separator: " ")
        self.commandLine = commandLine
        let stem = "\(directory)/\(URL(fileURLWithPath: executable).lastPathComponent)-\(UUID().uuidString.prefix(8))"
        standardOutputPath = stem + ".stdout"
        standardErrorPath = stem + ".stderr"

        func openFile(_ path: String, _ flags: Int32) throws -> Int32 {
            let descriptor = open(path, flags | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw HarnessError("cannot open \(path) for \(commandLine): \(String(cString: strerror(errno)))")
            }
            return descriptor
        }
        let output = try openFile(standardOutputPath, O_WRONLY | O_CREAT | O_TRUNC)
        defer { close(output) }
        let errors = try openFile(standardErrorPath, O_WRONLY | O_CREAT | O_TRUNC)
        defer { close(errors) }
        let childInput: Int32
        var parentInput: Int32 = -1
        switch input {
        case .none:
            childInput = try openFile("/dev/null", O_RDONLY)
        case .file(let path):
            childInput = try openFile(path, O_RDONLY)
        case .pipe, .text:
            var ends: [Int32] = [-1, -1]
            // pipe2 is not imported; pipe + close-on-exec under the spawn lock is as good,
            // since every start in the test targets takes that lock.
            let made = Self.spawnLock.withLock { () -> Bool in
                guard pipe(&ends) == 0 else { return false }
                _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
                _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
                return true
            }
            guard made else {
                throw HarnessError("cannot make a pipe for \(commandLine): \(String(cString: strerror(errno)))")
            }
            childInput = ends[0]
            parentInput = ends[1]
        }
        defer { close(childInput) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the target, so these three reach the child.
        posix_spawn_file_actions_adddup2(&actions, childInput, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        // Nothing else of the test process reaches the child: NIO's sockets are not
        // close-on-exec, and a child holding one keeps it open after the test closed it.
        guard let addCloseFrom = Self.addCloseFrom, addCloseFrom(&actions, 3) == 0 else {
            throw HarnessError("cannot start \(commandLine): posix_spawn_file_actions_addclosefrom_np unavailable")
        }
        guard let addChdir = Self.addChdir, addChdir(&actions, directory) == 0 else {
            throw HarnessError(
                "cannot start \(commandLine) in \(directory): posix_spawn_file_actions_addchdir_np unavailable")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Children start as a service manager or shell starts them: default signal actions
        // (the runner ignores SIGPIPE) and nothing blocked (the runner's thread may block
        // signals, which would hide a child that dies of SIGHUP or SIGTERM).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGPIPE, SIGHUP, SIGTERM, SIGINT] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        let environmentStrings = (environment ?? ProcessInfo.processInfo.environment).map {
            strdup("\($0.key)=\($0.value)")
        }
        defer { environmentStrings.forEach { free($0) } }
        var child: pid_t = 0
        let status = Self.spawnLock.withLock {
            (argv + [nil]).withUnsafeBufferPointer { argvPointer in
                (environmentStrings + [nil]).withUnsafeBufferPointer { environmentPointer in
                    posix_spawn(
                        &child, executable, &actions, &attributes, argvPointer.baseAddress!,
                        environmentPointer.baseAddress!)
                }
            }
        }
        guard status == 0 else {
            if parentInput >= 0 { close(parentInput) }
            throw HarnessError("cannot start \(commandLine): \(String(cString: strerror(status)))")
        }
        pid = child
        stdinDescriptor = parentInput
        if case .text(let text) = input {
            send(text)
            closeInput()
        }
    }

    deinit { kill() }

    /// Held around every pipe creation and spawn in the test targets, so no child is started
    /// between a descriptor's creation and its close-on-exec flag.
    static let spawnLock = NSLock()

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift does not import.
    /// glibc 2.34+, looked up like `addChdir`.
    private static let addCloseFrom:
        (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
            else { return nil }
            return unsafeBitCast(
                symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()

    private static let addChdir:
        (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
            else { return nil }
            return unsafeBitCast(
                symbol,
                to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)
                    .self)
        }()

    /// What the child wrote to stdout so far.
    public var standardOutput: String { String(decoding: standardOutputData, as: UTF8.self) }
    public var standardOutputData: Data { FileManager.default.contents(atPath: standardOutputPath) ?? Data() }
    /// What the child wrote to stderr so far.
    public var standardError: String {
        String(decoding: FileManager.default.contents(atPath: standardErrorPath) ?? Data(), as: UTF8.self)
    }

    /// How the child ended; nil while it runs. Reaps it the first time it is seen gone.
    public var termination: Termination? {
        lock.withLock {
            if let reaped { return reaped }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
            let signal = status & 0x7f
            reaped = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
            return reaped
        }
    }

    private var isRunning: Bool { termination == nil }

    /// Writes to stdin (`.pipe`); a child that is gone already is not an error here, the
    /// test's expectations on its output say what went wrong.
    public func send(_ text: String) {
        lock.withLock {
            guard stdinDescriptor >= 0 else { return }
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { write(stdinDescriptor, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                bytes = bytes.dropFirst(written)
            }
        }
    }

    /// Ends stdin: the child reads EOF.
    public func closeInput() {
        lock.withLock {
            if stdinDescriptor >= 0 { close(stdinDescriptor) }
            stdinDescriptor = -1
        }
    }

    public func signal(_ number: Int32) {
        if isRunning { deliver(number, to: pid) }
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

    /// SIGKILL if it still runs, and reap it (bounded: a child in uninterruptible sleep must
    /// not hang the suite).
    public func kill() {
        closeInput()
        guard isRunning else { return }
        deliver(SIGKILL, to: pid)
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
