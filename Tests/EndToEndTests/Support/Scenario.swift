import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One test's world: its own directory, its own `dockgate serve` in front of the private
/// dockerd (or of another socket), one docker CLI pointed at that gate, and the containers,
/// images and volumes the test made.
///
/// Use: `try await Scenario.run(cli) { s in … }`. Afterwards, even when the body threw, it
/// kills the clients still running, removes the docker objects (straight through the daemon's
/// socket, so a broken gate cannot keep them alive), stops the gate expecting exit status 0
/// and a log without `error` lines, and removes the directory.
final class Scenario: @unchecked Sendable {
    enum Upstream {
        /// The private dockerd.
        case daemon
        /// A socket path inside the scenario's directory, which the test controls.
        case socketInDirectory(String)
        /// Another daemon's socket (absolute path). Objects the test registers for removal are
        /// removed on the private dockerd, so tests against another daemon make none.
        case socket(String)
    }

    let cli: DockerCLI
    let directory: String
    let setup: SharedSetup
    /// The gate's upstream socket path.
    let upstreamSocket: String
    private(set) var gate: Gate!
    private let lock = NSLock()
    private var children: [ChildProcess] = []
    private var containers: [String] = []
    private var images: [String] = []
    private var volumes: [String] = []

    private init(cli: DockerCLI, directory: String, setup: SharedSetup, upstreamSocket: String) {
        self.cli = cli
        self.directory = directory
        self.setup = setup
        self.upstreamSocket = upstreamSocket
    }

    static func run(
        _ cli: DockerCLI, upstream: Upstream = .daemon, gateArguments: [String] = [], errorsExpectedInLog: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation, _ body: (Scenario) async throws -> Void
    ) async throws {
        let setup = try await SharedSetup.get()
        await ScenarioSlots.shared.acquire()
        var template = Array("\(setup.scratch)/test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            await ScenarioSlots.shared.release()
            throw HarnessError("mkdtemp failed: errno \(errno)")
        }
        let directory = String(cString: made)
        let socket: String
        switch upstream {
        case .daemon: socket = setup.daemonSocket
        case .socketInDirectory(let name): socket = directory + "/" + name
        case .socket(let path): socket = path
        }
        let scenario = Scenario(cli: cli, directory: directory, setup: setup, upstreamSocket: socket)
        var failure: Error?
        do {
            scenario.gate = try await Gate.start(upstream: socket, setup: setup, extraArguments: gateArguments) {
                try scenario.start($0, $1)
            }
            try await body(scenario)
        } catch {
            failure = error
        }
        await scenario.finish(checkLog: !errorsExpectedInLog, sourceLocation: sourceLocation)
        await ScenarioSlots.shared.release()
        if let failure { throw failure }
    }

    /// Clients first (a stream still open at the gate's shutdown would end in a log line
    /// about the daemon), then the docker objects, then the gate.
    private func finish(checkLog: Bool, sourceLocation: SourceLocation) async {
        for child in lock.withLock({ children }) where child !== gate?.process { child.kill() }
        await removeDockerObjects()
        if let gate {
            let termination = await gate.stop()
            #expect(
                termination == .exited(0),
                "dockgate serve did not exit 0 on SIGTERM (\(termination?.description ?? "still running after 15 s")); log:\n\(gate.log.suffixForMessage)",
                sourceLocation: sourceLocation)
            let errors = gate.errorLines
            if checkLog, !errors.isEmpty {
                Issue.record(
                    "dockgate logged errors:\n\(errors.joined(separator: "\n"))", sourceLocation: sourceLocation)
            }
        }
        for child in lock.withLock({ children }) { child.kill() }  // the gate too, if stop() failed
        if ProcessInfo.processInfo.environment["DOCKGATE_E2E_KEEP"] != "1" {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    // MARK: Names and cleanup

    /// A name no parallel test uses: `e2e-<role>-<8 hex>` (lower case, valid for images too).
    func uniqueName(_ role: String) -> String {
        "e2e-\(role)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Remove these when the test ends.
    func removeAfterwards(container: String) { lock.withLock { containers.append(container) } }
    func removeAfterwards(image: String) { lock.withLock { images.append(image) } }
    func removeAfterwards(volume: String) { lock.withLock { volumes.append(volume) } }

    private func removeDockerObjects() async {
        let (containers, images, volumes) = lock.withLock { (self.containers, self.images, self.volumes) }
        let removals = [(["rm", "-f"], containers), (["rmi", "-f"], images), (["volume", "rm", "-f"], volumes)]
        for (command, names) in removals where !names.isEmpty {
            _ = try? await dockerDirect(command + names)
        }
    }

    /// `docker ARGUMENTS` straight to the daemon's socket, past the gate: to set up what a
    /// client of the gate may not create, and to see what the daemon really holds.
    func dockerDirect(_ arguments: [String], timeout: Duration = .seconds(30)) async throws -> CommandResult {
        var direct = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DOCKER_") }
        direct["DOCKER_HOST"] = "unix://" + setup.daemonSocket
        direct["DOCKER_CONFIG"] = directory + "/docker-config"
        return try await run(cli.path, arguments, environment: direct, timeout: timeout)
    }

    // MARK: Processes

    /// Starts a child that the scenario kills at the end if it still runs.
    func start(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        input: ChildProcess.Input = .none
    ) throws -> ChildProcess {
        let child = try ChildProcess(
            executable, arguments, environment: environment, directory: directory, input: input)
        lock.withLock { children.append(child) }
        return child
    }

    /// Runs a child to its end, killing it at `timeout`.
    func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        input: ChildProcess.Input = .none, timeout: Duration = .seconds(30)
    ) async throws -> CommandResult {
        try await start(executable, arguments, environment: environment, input: input).waitForResult(timeout: timeout)
    }

    // MARK: Files

    func path(_ relative: String) -> String { directory + "/" + relative }

    /// Writes `byteCount` random bytes to `path` (made relative to the directory).
    func writeRandomFile(_ relative: String, byteCount: Int) throws -> String {
        let path = path(relative)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: byteCount)
        bytes.withUnsafeMutableBytes { buffer in
            let words = buffer.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = generator.next() }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func write(_ text: String, to relative: String) throws {
        let path = path(relative)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// The hex SHA-256 of a file here (`sha256sum`, as the containers compute it too).
    func sha256(ofFile path: String) async throws -> String {
        let result = try await run(try Programs.tool("sha256sum", package: "coreutils"), [path])
        guard result.succeeded, let digest = result.standardOutput.split(separator: " ").first else {
            throw HarnessError("sha256sum failed:\n\(result)")
        }
        return String(digest)
    }
}
