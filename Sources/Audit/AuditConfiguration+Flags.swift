import Foundation

/// Building the configuration from `serve`'s flags, and checking it.
extension AuditConfiguration {
    /// The configuration `serve` was asked for:
    ///
    /// - `auditLog`: `--audit-log PATH|-`, repeatable; `-` is standard output. Relative paths
    ///   are taken from `workingDirectory`.
    /// - `auditSyslog`: `--audit-syslog [SOCKET]`: nil when the flag is absent; pass
    ///   `defaultSyslogSocket` when it is given without a socket.
    /// - `auditFsync`: `every` (default), `interval` (1 s) or `interval=DURATION` (`500ms`, `2s`).
    /// - `auditMaxSize`: bytes, or with a 1024-based suffix: `100M` (default), `1G`, `512K`.
    /// - `auditKeep`: rotated files kept, a positive number or `all` (default).
    ///
    /// Throws, naming the flag, for a bad value, for no sink at all (auditing is not optional),
    /// and for `--audit-max-size`/`--audit-keep` without an `--audit-log` file.
    public init(
        auditLog: [String], auditSyslog: String? = nil, auditFsync: String? = nil, auditMaxSize: String? = nil,
        auditKeep: String? = nil, workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(AuditConfigurationError) {
        var sinks: [Sink] = auditLog.map { value in
            if value == "-" { return .standardOutput }
            if value.isEmpty || value.hasPrefix("/") { return .file(path: value) }
            return .file(path: (workingDirectory as NSString).appendingPathComponent(value))
        }
        if let auditSyslog { sinks.append(.syslog(socketPath: auditSyslog)) }
        let hasFile = sinks.contains { if case .file = $0 { true } else { false } }
        var rotation = AuditRotation()
        if let auditMaxSize {
            guard hasFile else {
                throw AuditConfigurationError(
                    key: "--audit-max-size", value: auditMaxSize,
                    problem: "applies to --audit-log files, and none is given")
            }
            rotation.maximumFileSize = try Self.parseSize(auditMaxSize)
        }
        if let auditKeep {
            guard hasFile else {
                throw AuditConfigurationError(
                    key: "--audit-keep", value: auditKeep, problem: "applies to --audit-log files, and none is given")
            }
            rotation.keptFiles = try Self.parseKeep(auditKeep)
        }
        self.init(sinks: sinks, rotation: rotation, fsync: try auditFsync.map(Self.parseFsync) ?? .every)
        try validate()
    }

    /// Checks every value; the error names the first bad one.
    public func validate() throws(AuditConfigurationError) {
        guard !sinks.isEmpty else {
            throw AuditConfigurationError(
                key: "--audit-log", value: nil,
                problem: "no audit sink: give --audit-log PATH (or - for standard output), or --audit-syslog")
        }
        var seen = Set<Sink>()
        for sink in sinks {
            switch sink {
            case .file(let path):
                guard path.hasPrefix("/") else {
                    throw AuditConfigurationError(key: "--audit-log", value: path, problem: "not an absolute path")
                }
            case .standardOutput:
                break
            case .syslog(let socketPath):
                guard !socketPath.isEmpty, socketPath.utf8.count <= 107 else {
                    throw AuditConfigurationError(
                        key: "--audit-syslog", value: socketPath,
                        problem: "not a Unix socket path (1 to 107 bytes; the system log's is /dev/log)")
                }
            }
            guard seen.insert(sink).inserted else {
                let (key, value) = Self.flag(of: sink)
                throw AuditConfigurationError(key: key, value: value, problem: "given twice")
            }
        }
        if let maximum = rotation.maximumFileSize, maximum < AuditRotation.minimumFileSize {
            throw AuditConfigurationError(
                key: "--audit-max-size", value: String(maximum),
                problem: "too small; give at least \(AuditRotation.minimumFileSize) bytes")
        }
        if let kept = rotation.keptFiles, kept < 1 {
            throw AuditConfigurationError(
                key: "--audit-keep", value: String(kept), problem: "keep at least 1 rotated file, or all")
        }
        if case .interval(let interval) = fsync, interval <= .zero {
            throw AuditConfigurationError(
                key: "--audit-fsync", value: "interval=\(interval)", problem: "the interval must be positive")
        }
        for (key, value) in [("heldRecordsLimit", heldRecordsLimit), ("queueLimit", queueLimit)] where value < 1 {
            throw AuditConfigurationError(key: key, value: String(value), problem: "must be at least 1")
        }
        guard retryInterval > .zero else {
            throw AuditConfigurationError(
                key: "retryInterval", value: "\(retryInterval)", problem: "must be positive")
        }
    }

    private static func flag(of sink: Sink) -> (key: String, value: String) {
        switch sink {
        case .file(let path): ("--audit-log", path)
        case .standardOutput: ("--audit-log", "-")
        case .syslog(let socketPath): ("--audit-syslog", socketPath)
        }
    }

    static func parseSize(_ text: String) throws(AuditConfigurationError) -> Int64 {
        var digits = Substring(text)
        var multiplier: Int64 = 1
        for suffix in ["iB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits = digits.dropLast(suffix.count)
            break
        }
        switch digits.last?.uppercased() {
        case "K": multiplier = 1 << 10
        case "M": multiplier = 1 << 20
        case "G": multiplier = 1 << 30
        default: break
        }
        if multiplier > 1 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let number = Int64(digits), number >= 0,
            number <= Int64.max / multiplier
        else {
            throw AuditConfigurationError(
                key: "--audit-max-size", value: text,
                problem: "not a size; give bytes, or a number with K, M or G (1024-based), e.g. 100M")
        }
        return number * multiplier
    }

    static func parseKeep(_ text: String) throws(AuditConfigurationError) -> Int? {
        if text == "all" { return nil }
        guard let number = Int(text), number >= 1 else {
            throw AuditConfigurationError(
                key: "--audit-keep", value: text,
                problem: "give the number of rotated files to keep (1 or more), or all")
        }
        return number
    }

    static func parseFsync(_ text: String) throws(AuditConfigurationError) -> FsyncPolicy {
        if text == "every" { return .every }
        if text == "interval" { return .interval(defaultFsyncInterval) }
        if text.hasPrefix("interval=") {
            let amount = text.dropFirst("interval=".count)
            for (suffix, unit) in [("ms", Duration.milliseconds(1)), ("s", Duration.seconds(1))]
            where amount.hasSuffix(suffix) {
                if let number = Int(amount.dropLast(suffix.count)), number > 0, number <= 3_600_000 {
                    return .interval(unit * number)
                }
                break
            }
        }
        throw AuditConfigurationError(
            key: "--audit-fsync", value: text,
            problem: "give every, interval (1 s), or interval=DURATION such as interval=500ms or interval=2s")
    }
}
