import Foundation
import Testing

@testable import Audit

/// A directory of its own for one test, removed when the test lets go of it.
final class TemporaryDirectory {
    let path: String

    init(_ label: String = "audit") throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "dockgate-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}

enum Samples {
    /// 2026-05-01T12:34:56.123456Z
    static let time = AuditTimestamp(microsecondsSinceEpoch: 1_777_638_896_123_456)

    /// A small allowed request, numbered so every line differs.
    static func request(_ number: Int) -> AuditRecord {
        var record = AuditRecord(
            event: .request, id: String(format: "%032x", number),
            time: AuditTimestamp(microsecondsSinceEpoch: time.microsecondsSinceEpoch + Int64(number)))
        record.client = "127.0.0.1:\(40000 + number)"
        record.identity = AuditIdentity(subject: "CN=alice,OU=web", team: "web")
        record.method = "GET"
        record.path = "/containers/json"
        record.endpoint = "container.list"
        record.decision = .allow
        record.status = 200
        return record
    }
}

/// The lines a sink writes for `records`, chained by hand (no writer involved).
func chainedLines(_ records: [AuditRecord], follows: AuditSHA256 = .genesis) -> [[UInt8]] {
    var previous = follows
    return records.map { record in
        let line = AuditLine.seal(AuditLine.body(of: record), prev: previous)
        previous = AuditSHA256(of: line)
        return line
    }
}

/// Writes lines to `path`, each ended by a newline.
func writeLines(_ lines: [[UInt8]], to path: String) throws {
    try Data(lines.flatMap { $0 + [UInt8(ascii: "\n")] }).write(to: URL(fileURLWithPath: path))
}

/// The file's lines as text, without the newlines (and without an empty last piece).
func readLines(_ path: String) throws -> [String] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// A log with these sinks and test-friendly timing.
func makeLog(
    _ sinks: [AuditConfiguration.Sink], rotation: AuditRotation = AuditRotation(), heldLimit: Int = 10_000,
    fsync: AuditConfiguration.FsyncPolicy = .every
) throws -> AuditLog {
    try AuditLog(
        configuration: AuditConfiguration(
            sinks: sinks, rotation: rotation, fsync: fsync, heldRecordsLimit: heldLimit,
            retryInterval: .milliseconds(20)))
}

/// Polls `condition` every 10 ms for up to `timeout`.
func eventually(timeout: Duration = .seconds(10), _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return try condition()
}
