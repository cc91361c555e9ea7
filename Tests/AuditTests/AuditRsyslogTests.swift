import Foundation
import TestSupport
import Testing

@testable import Audit

/// The syslog sink against a real rsyslogd (Debian's `rsyslog`, installed by
/// scripts/install-deps), started with a private configuration on a socket of its own: rsyslog
/// parses each message as RFC 5424 and hands back the fields and the audit line unchanged.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/rsyslogd"), "needs rsyslog"))
struct AuditRsyslogTests {
    @Test("rsyslogd reads facility, severity, app, pid, msgid, the record's time, and the line exactly")
    func realDaemon() async throws {
        let directory = try TemporaryDirectory("rsyslog")
        let socket = directory.file("log.sock")
        let output = directory.file("out.log")
        let configuration = """
            global(workDirectory="\(directory.path)" maxMessageSize="64k")
            module(load="imuxsock" SysSock.Use="off")
            input(type="imuxsock" Socket="\(socket)" UseSpecialParser="off" ParseHostname="on" IgnoreTimestamp="off" RateLimit.Interval="0")
            template(name="fields" type="string" string="%syslogfacility-text%|%syslogseverity-text%|%app-name%|%procid%|%msgid%|%timereported:::date-rfc3339%|%msg%\\n")
            *.* action(type="omfile" file="\(output)" template="fields")
            """
        try configuration.write(toFile: directory.file("rsyslog.conf"), atomically: true, encoding: .utf8)
        let daemon = try ChildProcess(
            "/usr/sbin/rsyslogd", ["-n", "-f", "rsyslog.conf", "-i", directory.file("rsyslogd.pid")],
            directory: directory.path)
        defer { daemon.kill() }
        #expect(await eventually { FileManager.default.fileExists(atPath: socket) }, "\(daemon.result(nil))")

        let log = try makeLog([.syslog(socketPath: socket)])
        var records = (1...3).map(Samples.request)
        records[1].decision = .deny
        records[2].event = .audit
        records[2].decision = nil
        for record in records { log.record(record) }
        try await log.close()
        #expect(await eventually { ((try? readLines(output)) ?? []).count == 3 }, "\(daemon.result(nil))")

        var lines: [[UInt8]] = []
        for (line, (record, severity)) in zip(try readLines(output), zip(records, ["info", "notice", "warning"])) {
            let fields = line.split(separator: "|", maxSplits: 6).map(String.init)
            #expect(
                Array(fields[0..<6]) == [
                    "authpriv", severity, "dockgate", String(getpid()), "audit", record.time.rfc3339,
                ], "\(line)")
            #expect(try AuditLine.decode(Array(fields[6].utf8)).record == record)
            lines.append(Array(fields[6].utf8))
        }
        let stream = directory.file("stream")
        try writeLines(lines, to: stream)
        #expect(AuditVerifier().verify(paths: [stream]).exitStatus == 0)
    }
}
