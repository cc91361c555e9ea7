import Testing

@testable import Audit

/// `serve`'s audit flags to an `AuditConfiguration`, and the errors an operator sees.
struct AuditConfigurationTests {
    struct Flags: Sendable, CustomStringConvertible {
        var log: [String] = []
        var syslog: String?
        var fsync: String?
        var maxSize: String?
        var keep: String?

        var description: String { "\(log) \(syslog ?? "-") \(fsync ?? "-") \(maxSize ?? "-") \(keep ?? "-")" }

        func build() throws(AuditConfigurationError) -> AuditConfiguration {
            try AuditConfiguration(
                auditLog: log, auditSyslog: syslog, auditFsync: fsync, auditMaxSize: maxSize, auditKeep: keep,
                workingDirectory: "/srv")
        }
    }

    static let acceptedFlags: [(Flags, AuditConfiguration)] = [
        (
            Flags(log: ["/var/log/dockgate/audit.log"]),
            AuditConfiguration(sinks: [.file(path: "/var/log/dockgate/audit.log")])
        ),
        (Flags(log: ["audit.log", "-"]), AuditConfiguration(sinks: [.file(path: "/srv/audit.log"), .standardOutput])),
        (Flags(syslog: "/dev/log"), AuditConfiguration(sinks: [.syslog(socketPath: "/dev/log")])),
        (
            Flags(log: ["/a"], fsync: "interval", maxSize: "10M", keep: "5"),
            AuditConfiguration(
                sinks: [.file(path: "/a")], rotation: AuditRotation(maximumFileSize: 10 << 20, keptFiles: 5),
                fsync: .interval(.seconds(1)))
        ),
        (
            Flags(log: ["/a"], fsync: "interval=250ms", maxSize: "65536", keep: "all"),
            AuditConfiguration(
                sinks: [.file(path: "/a")], rotation: AuditRotation(maximumFileSize: 65536, keptFiles: nil),
                fsync: .interval(.milliseconds(250)))
        ),
        (
            Flags(log: ["/a"], fsync: "every", maxSize: "2GiB"),
            AuditConfiguration(sinks: [.file(path: "/a")], rotation: AuditRotation(maximumFileSize: 2 << 30))
        ),
        (
            Flags(log: ["/a"], maxSize: "512k"),
            AuditConfiguration(sinks: [.file(path: "/a")], rotation: AuditRotation(maximumFileSize: 512 << 10))
        ),
    ]

    @Test("accepted flags", arguments: acceptedFlags)
    func accepted(flags: Flags, expected: AuditConfiguration) throws {
        #expect(try flags.build() == expected)
    }

    static let refusedFlags: [(Flags, String)] = [
        (Flags(), "--audit-log: no audit sink: give --audit-log PATH (or - for standard output), or --audit-syslog"),
        (Flags(log: ["/a", "/a"]), #"--audit-log "/a": given twice"#),
        (Flags(log: ["-", "-"]), #"--audit-log "-": given twice"#),
        (Flags(log: [""]), #"--audit-log "": not an absolute path"#),
        (
            Flags(syslog: ""),
            #"--audit-syslog "": not a Unix socket path (1 to 107 bytes; the system log's is /dev/log)"#
        ),
        (
            Flags(log: ["/a"], maxSize: "10XB"),
            #"--audit-max-size "10XB": not a size; give bytes, or a number with K, M or G (1024-based), e.g. 100M"#
        ),
        (
            Flags(log: ["/a"], maxSize: "-5"),
            #"--audit-max-size "-5": not a size; give bytes, or a number with K, M or G (1024-based), e.g. 100M"#
        ),
        (Flags(log: ["/a"], maxSize: "100"), #"--audit-max-size "100": too small; give at least 1024 bytes"#),
        (
            Flags(log: ["-"], maxSize: "10M"),
            #"--audit-max-size "10M": applies to --audit-log files, and none is given"#
        ),
        (
            Flags(log: ["/a"], keep: "0"),
            #"--audit-keep "0": give the number of rotated files to keep (1 or more), or all"#
        ),
        (Flags(syslog: "/dev/log", keep: "3"), #"--audit-keep "3": applies to --audit-log files, and none is given"#),
        (
            Flags(log: ["/a"], fsync: "sometimes"),
            #"--audit-fsync "sometimes": give every, interval (1 s), or interval=DURATION such as interval=500ms or interval=2s"#
        ),
        (
            Flags(log: ["/a"], fsync: "interval=0s"),
            #"--audit-fsync "interval=0s": give every, interval (1 s), or interval=DURATION such as interval=500ms or interval=2s"#
        ),
    ]

    @Test("refused flags name the flag, the value and what to give instead", arguments: refusedFlags)
    func refused(flags: Flags, message: String) {
        #expect {
            _ = try flags.build()
        } throws: { error in
            String(describing: error) == message
        }
    }

    @Test("values built in code are checked too")
    func validateInCode() {
        #expect(
            throws: AuditConfigurationError(key: "--audit-log", value: "audit.log", problem: "not an absolute path")
        ) {
            try AuditConfiguration(sinks: [.file(path: "audit.log")]).validate()
        }
        #expect(throws: AuditConfigurationError(key: "queueLimit", value: "0", problem: "must be at least 1")) {
            try AuditConfiguration(sinks: [.standardOutput], queueLimit: 0).validate()
        }
    }
}
