#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// RFC 5424 messages on a local Unix datagram socket (`/dev/log`), one per record, the audit
/// line as the message: `<85>1 2026-05-01T12:34:56.123456Z host dockgate 4242 audit - {"v":1,…}`.
///
/// The socket is not connected: each message is addressed to the path, so a restarted syslog
/// daemon is found again without reopening. A send waits at most a second (a full receive
/// queue) before it counts as a failure. Its chain, like stdout's, starts at the genesis value
/// each time dockgate starts.
///
/// Used on the writer thread only.
final class SyslogAuditSink: AuditSink {
    let socketPath: String
    let chainStart = AuditSHA256.genesis
    let openingNote: String? = nil
    private let descriptor: Int32
    private let hostname: String
    private let processID: Int32

    var name: String { "syslog \(socketPath)" }

    init(socketPath: String) throws(SystemError) {
        self.socketPath = socketPath
        #if canImport(Glibc)
            let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let type = SOCK_DGRAM
        #endif
        descriptor = socket(AF_UNIX, type, 0)
        guard descriptor >= 0 else { throw SystemError("socket", socketPath) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        hostname = Self.currentHostname()
        processID = getpid()
    }

    func write(_ line: [UInt8], entry: AuditEntry) throws(SystemError) {
        let message = Self.message(line: line, entry: entry, hostname: hostname, processID: processID)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            path.copyBytes(from: socketPath.utf8.prefix(path.count - 1))
        }
        while true {
            let sent = message.withUnsafeBytes { bytes in
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(
                            descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0,
                            socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
            }
            if sent == message.count { return }
            if sent < 0 && errno == EINTR { continue }
            throw SystemError("send to", socketPath, code: sent < 0 ? errno : EMSGSIZE)
        }
    }

    func synchronize() throws(SystemError) {}

    func close() { FileCalls.closeDescriptor(descriptor) }

    /// The RFC 5424 message: facility authpriv (10); severity info for allowed calls, notice
    /// for denials, warning for errors and the log's own notes. No structured data, no BOM:
    /// the message is the audit line itself.
    static func message(line: [UInt8], entry: AuditEntry, hostname: String, processID: Int32) -> [UInt8] {
        let severity: Int
        switch (entry.event, entry.decision) {
        case (.audit, _), (_, .error): severity = 4
        case (_, .deny): severity = 5
        case (_, .allow), (_, nil): severity = 6
        }
        let header = "<\(10 * 8 + severity)>1 \(entry.time.rfc3339) \(hostname) dockgate \(processID) audit - "
        return Array(header.utf8) + line
    }

    /// The host name as RFC 5424 allows it (printable ASCII, at most 255), or `-`.
    private static func currentHostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "-" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let printable = name.unicodeScalars.filter { $0.value > 32 && $0.value < 127 }
        return printable.isEmpty ? "-" : String(String.UnicodeScalarView(printable.prefix(255)))
    }
}
