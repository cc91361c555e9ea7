/// The verification in words, as `dockgate audit verify` prints it: one line per file, the
/// break or the incomplete records, and a conclusion. docs/audit.md shows examples.
extension AuditVerification {
    public var report: [String] {
        var lines: [String] = []
        for file in files {
            lines.append("\(file.path): \(Self.count(file.records, "record"))")
            if let incomplete = file.incompleteRecord {
                lines.append(
                    "\(incomplete.path):\(incomplete.line): incomplete record (\(Self.count(incomplete.bytes, "byte")), no newline at the end of the file): dockgate stopped while writing it (crash or power loss); the chain continues from the line before it"
                )
            }
        }
        if let firstBreak {
            switch firstBreak.kind {
            case .syntax(let problem):
                lines.append("\(firstBreak.path):\(firstBreak.line): \(problem)")
            case .link(let expected, let found, let explanation):
                lines.append(
                    "\(firstBreak.path):\(firstBreak.line): chain broken: prev is \(found), expected \(expected) (the SHA-256 of the record before it)"
                )
                lines.append("\(firstBreak.path):\(firstBreak.line): \(explanation)")
            case .unreadable(let error):
                lines.append("\(firstBreak.path): cannot read: \(error)")
            }
            let place = firstBreak.line > 0 ? "\(firstBreak.path) line \(firstBreak.line)" : firstBreak.path
            lines.append("broken: \(Self.count(records, "record")) verify before \(place)")
        } else if incompleteRecords.isEmpty {
            lines.append(
                "intact: \(Self.count(records, "record")) in \(Self.count(files.count, "file")); the last record's SHA-256 is \(lastHash)"
            )
        } else {
            lines.append(
                "intact but for \(Self.count(incompleteRecords.count, "incomplete record")) left by a crash: \(Self.count(records, "record")) in \(Self.count(files.count, "file")) verify; the last complete record's SHA-256 is \(lastHash)"
            )
        }
        return lines
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
