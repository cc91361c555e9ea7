import Foundation

/// Runs the `openssl` command-line tool: an independent check of what MutualTLS writes.
public enum OpenSSLCLI {
    public struct Result: Sendable {
        public let status: Int32
        /// Standard output and standard error together, as a terminal would show them.
        public let output: String

        public var succeeded: Bool { status == 0 }
    }

    public static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        // Made and started under the harness's spawn lock, so no concurrently started child
        // inherits this pipe's write end and delays its end of file (see ChildProcess).
        let pipe = try ChildProcess.spawnLock.withLock {
            let pipe = Pipe()
            _ = fcntl(pipe.fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            return pipe
        }
        // Read before waiting, so a chatty openssl never blocks on a full pipe.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
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
