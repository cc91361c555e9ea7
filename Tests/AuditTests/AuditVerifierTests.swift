import Foundation
import Testing

@testable import Audit

/// `AuditVerifier` on files built by hand: every way the issue lists to damage a log.
struct AuditVerifierTests {
    let directory: TemporaryDirectory
    let lines: [[UInt8]]

    init() throws {
        directory = try TemporaryDirectory("verify")
        lines = chainedLines((1...5).map(Samples.request))
    }

    func hash(_ line: [UInt8]) -> AuditSHA256 { AuditSHA256(of: line) }

    func verify(_ names: [String], follows: AuditSHA256 = .genesis) -> AuditVerification {
        AuditVerifier(follows: follows).verify(paths: names.map(directory.file))
    }

    func write(_ name: String, _ lines: [[UInt8]]) throws {
        try writeLines(lines, to: directory.file(name))
    }

    /// What the report says a broken link suggests; nil when the break is not a link.
    func explanation(_ result: AuditVerification) -> String? {
        guard case .link(_, _, let explanation) = result.firstBreak?.kind else { return nil }
        return explanation
    }

    @Test("an intact file: exit 0, the count, and the last record's hash")
    func intact() throws {
        try write("audit.log", lines)
        let result = verify(["audit.log"])
        #expect(result.exitStatus == 0)
        #expect(result.records == 5)
        #expect(result.lastHash == hash(lines[4]))
        #expect(
            result.report == [
                "\(directory.file("audit.log")): 5 records",
                "intact: 5 records in 1 file; the last record's SHA-256 is \(hash(lines[4]))",
            ])
    }

    @Test("one byte edited, the line still a valid record: the next line's link breaks")
    func byteEditedValid() throws {
        var edited = lines
        edited[2] = Array(String(decoding: edited[2], as: UTF8.self).replacingOccurrences(of: "GET", with: "PUT").utf8)
        try write("audit.log", edited)
        let result = verify(["audit.log"])
        #expect(result.exitStatus == 1)
        #expect(result.records == 3)
        let path = directory.file("audit.log")
        #expect(
            result.firstBreak
                == .init(
                    path: path, line: 4,
                    kind: .link(
                        expected: hash(edited[2]), found: hash(lines[2]),
                        explanation: "line 3 was changed, or records between lines 3 and 4 were deleted")))
        #expect(
            result.report == [
                "\(path):4: chain broken: prev is \(hash(lines[2])), expected \(hash(edited[2])) (the SHA-256 of the record before it)",
                "\(path):4: line 3 was changed, or records between lines 3 and 4 were deleted",
                "broken: 3 records verify before \(path) line 4",
            ])
    }

    @Test("one byte edited so the line is no record: the syntax problem, at that line")
    func byteEditedSyntax() throws {
        var edited = lines
        edited[1][edited[1].firstIndex(of: UInt8(ascii: ":"))!] = UInt8(ascii: ";")
        try write("audit.log", edited)
        let result = verify(["audit.log"])
        #expect(result.exitStatus == 1)
        #expect(result.firstBreak?.line == 2)
        #expect(result.firstBreak?.kind == .syntax("not an audit record: column 5: expected ':' after \"v\""))
        #expect(result.report.last == "broken: 1 record verify before \(directory.file("audit.log")) line 2")
    }

    @Test("a line deleted")
    func lineDeleted() throws {
        try write("audit.log", Array(lines[0..<2] + lines[3...]))
        let result = verify(["audit.log"])
        #expect(result.exitStatus == 1)
        #expect(result.firstBreak?.line == 3)
        #expect(
            result.firstBreak?.kind
                == .link(
                    expected: hash(lines[1]), found: hash(lines[2]),
                    explanation: "line 2 was changed, or records between lines 2 and 3 were deleted"))
    }

    @Test("two lines swapped")
    func linesReordered() throws {
        try write("audit.log", [lines[0], lines[2], lines[1], lines[3], lines[4]])
        let result = verify(["audit.log"])
        #expect(result.exitStatus == 1)
        #expect(result.firstBreak?.line == 2)
        #expect(explanation(result) == "line 2 follows line 3, which comes after it: the lines were reordered")
    }

    @Test("a truncated last line (a crash mid-write): reported apart, exit 2, the prefix verifies")
    func truncatedLastLine() throws {
        let path = directory.file("audit.log")
        try write("audit.log", Array(lines[0..<4]))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: lines[4].prefix(100))
        try handle.close()
        let result = verify(["audit.log"])
        #expect(result.exitStatus == 2)
        #expect(result.firstBreak == nil)
        #expect(result.records == 4)
        #expect(result.incompleteRecords == [.init(path: path, line: 5, bytes: 100)])
        #expect(
            result.report == [
                "\(path): 4 records",
                "\(path):5: incomplete record (100 bytes, no newline at the end of the file): dockgate stopped while writing it (crash or power loss); the chain continues from the line before it",
                "intact but for 1 incomplete record left by a crash: 4 records in 1 file verify; the last complete record's SHA-256 is \(hash(lines[3]))",
            ])
    }

    @Test("rotated files: the chain continues from each file's last line into the next")
    func rotated() throws {
        try write("audit.log.1", Array(lines[0..<2]))
        try write("audit.log.2", Array(lines[2..<4]))
        try write("audit.log", [lines[4]])
        let result = verify(["audit.log.1", "audit.log.2", "audit.log"])
        #expect(result.exitStatus == 0, "\(result.report)")
        #expect(result.records == 5)
        #expect(result.files.map(\.records) == [2, 2, 1])
    }

    @Test("files in the wrong order: the message says which goes first")
    func wrongOrder() throws {
        try write("audit.log.1", Array(lines[0..<2]))
        try write("audit.log", Array(lines[2...]))
        let result = verify(["audit.log", "audit.log.1"])
        #expect(result.exitStatus == 1)
        #expect(result.firstBreak?.line == 1)
        let older = directory.file("audit.log.1")
        let newer = directory.file("audit.log")
        #expect(
            explanation(result) == "line 1 continues \(older): give the files oldest first, \(older) before \(newer)")
    }

    @Test("a missing middle file, and a first file whose predecessors are gone (--follows)")
    func missingFiles() throws {
        try write("a", Array(lines[0..<2]))
        try write("b", Array(lines[2..<4]))
        try write("c", [lines[4]])
        let gap = verify(["a", "c"])
        #expect(gap.exitStatus == 1)
        #expect(
            explanation(gap)
                == "the last record of \(directory.file("a")) was changed or deleted, or records or files between \(directory.file("a")) and \(directory.file("c")) are missing"
        )

        let headless = verify(["b", "c"])
        #expect(headless.exitStatus == 1)
        #expect((explanation(headless) ?? "").contains("pass --follows \(hash(lines[1]))"))
        #expect(verify(["b", "c"], follows: hash(lines[1])).exitStatus == 0)
    }

    @Test("a second log appended to the first: the line that starts over is named")
    func secondLogAppended() throws {
        try write("audit.log", Array(lines[0..<3]) + chainedLines([Samples.request(9)]))
        let result = verify(["audit.log"])
        #expect(
            result.firstBreak?.kind
                == .link(
                    expected: hash(lines[2]), found: .genesis,
                    explanation: "line 4 starts a log of its own: the lines before it belong to another log"))
    }

    @Test("a file rotated away after a crash: its incomplete tail is reported, the next file continues")
    func incompleteInMiddleFile() throws {
        try Data((lines[0..<2].flatMap { $0 + [10] }) + lines[2].prefix(40)).write(
            to: URL(fileURLWithPath: directory.file("audit.log.1")))
        try write("audit.log", chainedLines([Samples.request(7)], follows: hash(lines[1])))
        let result = verify(["audit.log.1", "audit.log"])
        #expect(result.exitStatus == 2, "\(result.report)")
        #expect(result.records == 3)
        #expect(result.incompleteRecords.map(\.line) == [3])
    }

    @Test("an empty file verifies with no records; a missing one is a break")
    func emptyAndMissing() throws {
        try write("empty", [])
        #expect(verify(["empty"]).exitStatus == 0)
        #expect(verify(["empty"]).records == 0)
        let missing = verify(["nope"])
        #expect(missing.exitStatus == 1)
        #expect(
            missing.report.first
                == "\(directory.file("nope")): cannot read: open \(directory.file("nope")): No such file or directory")
    }

    @Test("the last record's hash changes when the last record is edited: keep it elsewhere to catch that")
    func lastRecordEdited() throws {
        var edited = lines
        edited[4] = Array(String(decoding: edited[4], as: UTF8.self).replacingOccurrences(of: "GET", with: "PUT").utf8)
        try write("audit.log", edited)
        let result = verify(["audit.log"])
        #expect(result.exitStatus == 0)
        #expect(result.lastHash != hash(lines[4]))
    }
}
