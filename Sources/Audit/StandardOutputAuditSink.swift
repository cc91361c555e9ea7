/// Standard output, one line per record, for journald, `docker logs` or a shipper reading a
/// pipe. Its chain starts at the genesis value every time dockgate starts: the process cannot
/// know what an earlier one wrote there.
///
/// Used on the writer thread only.
final class StandardOutputAuditSink: AuditSink {
    let name = "stdout"
    let chainStart = AuditSHA256.genesis
    let openingNote: String? = nil
    /// 1, or a pipe in tests.
    private let descriptor: Int32
    /// A pipe cannot take back half a line; the next line then starts on a line of its own.
    private var partialLineWritten = false

    init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
    }

    func write(_ line: [UInt8], entry: AuditEntry) throws(SystemError) {
        let bytes = (partialLineWritten ? [UInt8(ascii: "\n")] : []) + line + [UInt8(ascii: "\n")]
        let (written, failure) = FileCalls.writeAll(descriptor, bytes, path: "standard output")
        if let failure {
            if written > 0 { partialLineWritten = bytes[written - 1] != UInt8(ascii: "\n") }
            throw failure
        }
        partialLineWritten = false
    }

    func synchronize() throws(SystemError) {}

    func close() {}
}
