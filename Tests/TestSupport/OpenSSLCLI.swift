import Foundation

/// Runs the `openssl` command-line tool: an independent check of what MutualTLS writes.
public enum OpenSSLCLI {
    public struct Result: Sendable {
        public let status: Int32
        /// Standard output and standard error together, as a terminal would show them.
        public let output: String

        public var succeeded: Bool { status == 0 }
    }

    /// Runs `openssl` through the shared child-process harness (at most 60 s).
    public static func run(_ arguments: [String]) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dockgate-openssl-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let child = try ChildProcess("/usr/bin/env", ["openssl"] + arguments, directory: directory)
        let deadline = ContinuousClock.now + .seconds(60)
        while child.termination == nil, ContinuousClock.now < deadline { usleep(5_000) }
        guard let termination = child.termination else {
            child.kill()
            throw HarnessError("openssl \(arguments.joined(separator: " ")) did not finish within 60 s")
        }
        let status: Int32
        switch termination {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        return Result(status: status, output: child.standardOutput + child.standardError)
    }

    /// `openssl verify -CAfile ca -purpose purpose [-crl_check -CRLfile crl] certificate`.
    public static func verify(_ certificate: String, caFile: String, purpose: String, crlFile: String? = nil) throws
        -> Result
    {
        var arguments = ["verify", "-CAfile", caFile, "-purpose", purpose]
        if let crlFile { arguments += ["-crl_check", "-CRLfile", crlFile] }
        return try run(arguments + [certificate])
    }

    /// `openssl x509 -noout -ext NAMES -in certificate`: the named extensions as text.
    public static func extensions(_ names: String, of certificate: String) throws -> String {
        try run(["x509", "-noout", "-ext", names, "-in", certificate]).output
    }
}
