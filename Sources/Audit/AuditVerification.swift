/// What `AuditVerifier` found in a list of audit files: how many records verify, where the
/// chain first breaks, and records a crash left incomplete.
public struct AuditVerification: Sendable, Equatable {
    /// A file read to its end without a break.
    public struct FileSummary: Sendable, Equatable {
        public let path: String
        public let records: Int
        /// Its last line, when a crash left it incomplete.
        public let incompleteRecord: IncompleteRecord?
    }

    /// A final line without its newline: dockgate stopped while writing it (kill -9 during a
    /// large write, power loss, or the file system filling up before dockgate could undo it).
    /// Not a break: the chain continues from the line before it.
    public struct IncompleteRecord: Sendable, Equatable {
        public let path: String
        public let line: Int
        public let bytes: Int
    }

    /// The first place the files stop being an unbroken dockgate audit chain.
    public struct Break: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// The line is not a record dockgate writes; the text says what is wrong.
            case syntax(String)
            /// The record's `prev` is not the SHA-256 of the record before it.
            case link(expected: AuditSHA256, found: AuditSHA256, explanation: String)
            /// The file could not be read.
            case unreadable(String)
        }

        public let path: String
        /// 1-based; 0 for a file that could not be opened.
        public let line: Int
        public let kind: Kind
    }

    public internal(set) var files: [FileSummary] = []
    /// Records that verified, over all files (up to the break, if any).
    public internal(set) var records = 0
    /// SHA-256 of the last record that verified: what the next record must carry as `prev`.
    /// Keep it somewhere else to detect a later truncation of the log.
    public internal(set) var lastHash: AuditSHA256
    public internal(set) var firstBreak: Break?

    init(follows: AuditSHA256) {
        lastHash = follows
    }

    public var incompleteRecords: [IncompleteRecord] { files.compactMap(\.incompleteRecord) }

    public var isIntact: Bool { firstBreak == nil && incompleteRecords.isEmpty }

    /// `dockgate audit verify`'s exit status: 0 intact, 1 broken (edited, deleted, reordered,
    /// unreadable, or not a record), 2 intact but for records a crash left incomplete.
    public var exitStatus: Int32 {
        if firstBreak != nil { return 1 }
        return incompleteRecords.isEmpty ? 0 : 2
    }
}
