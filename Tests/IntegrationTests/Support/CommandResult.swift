import Foundation

/// What a finished (or timed-out) command did, with a description made for failure messages.
struct CommandResult: Sendable, CustomStringConvertible {
    let commandLine: String
    /// nil when the command was still running at its deadline (it was then killed).
    let termination: Termination?
    let standardOutput: String
    let standardError: String

    var timedOut: Bool { termination == nil }
    /// The exit status, or nil for a timeout or a death by signal.
    var status: Int32? {
        if case .exited(let status) = termination { return status }
        return nil
    }
    /// stdout and stderr together, for tools (openssl s_client) that split one story between them.
    var output: String { standardOutput + standardError }

    var description: String {
        """
        $ \(commandLine)
        -> \(termination.map(\.description) ?? "still running at the deadline; killed")
        --- stdout ---
        \(standardOutput.suffixForMessage)
        --- stderr ---
        \(standardError.suffixForMessage)
        """
    }
}

extension String {
    /// The last few kilobytes, enough to see what happened without burying the failure.
    var suffixForMessage: String {
        count <= 6000 ? self : "…" + String(suffix(6000))
    }
}

extension ChildProcess {
    /// What the child did, for a child that ended (`termination`) or was killed at its deadline (nil).
    func result(_ termination: Termination?) -> CommandResult {
        CommandResult(
            commandLine: commandLine, termination: termination, standardOutput: standardOutput,
            standardError: standardError)
    }
}
