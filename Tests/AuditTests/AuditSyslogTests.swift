import Foundation
import Testing

@testable import Audit

/// The syslog sink against a Unix datagram socket the test binds.
struct AuditSyslogTests {
    let directory: TemporaryDirectory
    var socketPath: String { directory.file("log.sock") }

    init() throws {
        directory = try TemporaryDirectory("syslog")
    }

    /// `<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`, split on the first seven spaces.
    static func parts(_ message: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(message)
        for _ in 0..<7 {
            guard let space = rest.firstIndex(of: " ") else { break }
            parts.append(String(rest[..<space]))
            rest = rest[rest.index(after: space)...]
        }
        return parts + [String(rest)]
    }

    @Test("RFC 5424: authpriv with a severity per decision, the record's time, the line as the message")
    func format() async throws {
        let listener = try DatagramListener(path: socketPath)
        let log = try makeLog([.syslog(socketPath: socketPath)])
        var records = (1...3).map(Samples.request)
        records[1].decision = .deny
        records[2].decision = .error
        for record in records { log.record(record) }
        try await log.flush()

        var lines: [[UInt8]] = []
        for (record, pri) in zip(records, ["<86>1", "<85>1", "<84>1"]) {
            let message = try #require(listener.receive())
            let parts = Self.parts(message)
            #expect(parts.count == 8, "\(message)")
            #expect(parts[0] == pri)
            #expect(parts[1] == record.time.rfc3339)
            #expect(!parts[2].isEmpty && !parts[2].contains(" "))
            #expect(Array(parts[3...6]) == ["dockgate", String(getpid()), "audit", "-"])
            #expect(try AuditLine.decode(Array(parts[7].utf8)).record == record)
            lines.append(Array(parts[7].utf8))
        }
        try await log.close()
        let stream = directory.file("stream")
        try writeLines(lines, to: stream)
        #expect(AuditVerifier().verify(paths: [stream]).exitStatus == 0)
    }

    @Test("no syslog listening: unhealthy, records held; once it listens, delivered in order")
    func listenerLate() async throws {
        let log = try makeLog([.syslog(socketPath: socketPath)])
        log.record(Samples.request(1))
        log.record(Samples.request(2))
        #expect(await eventually { log.health.failures.first?.heldRecords == 2 })
        #expect(log.health.failures.first?.error == "send to \(socketPath): No such file or directory")

        let listener = try DatagramListener(path: socketPath)
        #expect(await eventually { log.isHealthy })
        for number in 1...2 {
            let message = try #require(listener.receive())
            #expect(try AuditLine.decode(Array(Self.parts(message)[7].utf8)).record == Samples.request(number))
        }
        try await log.close()
    }
}
