import ArgumentParser
import Audit

/// `dockgate audit`: tools for the people who keep and check the audit log. docs/audit.md
/// describes the record format, the hash chain and rotation.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the tamper-evident audit log.",
        discussion: """
            A typical check, rotated files first (their names sort oldest first):
              dockgate audit verify /var/log/dockgate/audit.log.* /var/log/dockgate/audit.log
            """,
        subcommands: [AuditVerify.self]
    )
}

/// `dockgate audit verify FILE...`: checks the hash chain across the files, oldest first, and
/// each line's syntax.
///
/// Exit status: 0 intact, 1 broken (the first break is reported with file, line, expected and
/// found hash, or the syntax problem), 2 intact except for records a crash left incomplete.
struct AuditVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the hash chain of audit log files, given oldest first.",
        discussion: """
            Exit status: 0 intact; 1 broken (a record edited, deleted, reordered, a file missing \
            or out of order, or a line that is not a record); 2 intact, but a crash left an \
            incomplete last record in a file.
            """
    )

    @Option(
        help: ArgumentHelp(
            "SHA-256 the first record must follow, when older files are gone (default: the genesis value, 64 zeros).",
            valueName: "hash"))
    var follows: String?

    @Argument(help: "Audit files, oldest first (audit.log.<timestamp>… then audit.log).")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one audit file") }
        if let follows, AuditSHA256(hex: follows) == nil {
            throw ValidationError("--follows \"\(follows)\" is not a SHA-256 (64 hex digits)")
        }
    }

    func run() throws {
        let verifier = AuditVerifier(follows: follows.flatMap(AuditSHA256.init(hex:)) ?? .genesis)
        let verification = verifier.verify(paths: files)
        for line in verification.report { print(line) }
        if verification.exitStatus != 0 { throw ExitCode(verification.exitStatus) }
    }
}
