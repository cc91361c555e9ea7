import Foundation

/// How a child process ended.
enum Termination: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    var description: String {
        switch self {
        case .exited(let status): "exit status \(status)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }
}

/// A finished (or timed-out and killed) command, described for failure messages.
struct CommandResult: Sendable, CustomStringConvertible {
    let commandLine: String
    /// nil: still running at its deadline, then killed.
    let termination: Termination?
    let output: String
    let errorOutput: String

    var succeeded: Bool { termination == .exited(0) }
    var timedOut: Bool { termination == nil }

    var description: String {
        """
        $ \(commandLine)
        -> \(termination.map(\.description) ?? "still running at its deadline; killed")
        --- stdout ---
        \(output.tail)
        --- stderr ---
        \(errorOutput.tail)
        """
    }
}

extension String {
    /// The last few kilobytes: enough to see what happened without burying the failure.
    var tail: String { count <= 6000 ? self : "…" + String(suffix(6000)) }

    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
