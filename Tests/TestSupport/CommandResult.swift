import Foundation

/// How a child process ended.
public enum Termination: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public var description: String {
        switch self {
        case .exited(let status): "exit status \(status)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }
}

/// What a finished (or timed-out and killed) command did, described for failure messages.
public struct CommandResult: Sendable, CustomStringConvertible {
    public let commandLine: String
    /// nil: still running at its deadline, then killed.
    public let termination: Termination?
    public let standardOutput: String
    public let standardError: String

    public init(commandLine: String, termination: Termination?, standardOutput: String, standardError: String) {
        self.commandLine = commandLine
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    public var succeeded: Bool { termination == .exited(0) }
    public var timedOut: Bool { termination == nil }
    /// The exit status, or nil for a timeout or a death by signal.
    public var status: Int32? {
        if case .exited(let status) = termination { return status }
        return nil
    }
    /// stdout and stderr together, for tools (openssl s_client) that split one story between them.
    public var combinedOutput: String { standardOutput + standardError }

    public var description: String {
        """
        $ \(commandLine)
        -> \(termination.map(\.description) ?? "still running at its deadline; killed")
        --- stdout ---
        \(standardOutput.suffixForMessage)
        --- stderr ---
        \(standardError.suffixForMessage)
        """
    }
}

extension String {
    /// The last few kilobytes: enough to see what happened without burying the failure.
    public var suffixForMessage: String { count <= 6000 ? self : "…" + String(suffix(6000)) }
}
