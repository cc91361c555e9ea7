#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An audit file: appended to (mode 0600 when created), one `write(2)` per line, rotated by
/// size into `PATH.<UTC timestamp>` files (`FileAuditSink+Rotation.swift`).
///
/// On open it continues the chain from the last complete line of the newest file. An
/// incomplete last line (a crash mid-write) is never appended to: that file is rotated away
/// as it is, and the first record of the new file says so.
///
/// After a failed write it takes back a partial line, closes the file and opens the path again
/// on the next attempt, so it recovers from a full disk, a replaced file or a remount.
///
/// Used on the writer thread only.
final class FileAuditSink: AuditSink {
    let path: String
    let rotation: AuditRotation
    private(set) var chainStart: AuditSHA256
    private(set) var openingNote: String?
    private var file: OpenFile?
    /// The file that was open when a write failed, and its size before the failed write.
    private var abandoned: (identity: FileIdentity, size: Int64)?

    var name: String { "file \(path)" }

    struct FileIdentity: Equatable {
        let device: UInt64
        let inode: UInt64
    }

    struct OpenFile {
        let descriptor: Int32
        let identity: FileIdentity
        /// Bytes of whole lines.
        var size: Int64
    }

    init(path: String, rotation: AuditRotation) throws(SystemError) {
        self.path = path
        self.rotation = rotation
        chainStart = .genesis
        let tail = try AuditFileTail.read(path: path)
        if tail.incompleteBytes > 0 {
            let remnant = try rotate()
            openingNote =
                "\(remnant) ends with an incomplete record (\(tail.incompleteBytes) bytes): dockgate stopped while writing it (crash or power loss); this file continues the chain from the line before it"
        }
        chainStart = try newestLineHash() ?? .genesis
        file = try open()
    }

    func write(_ line: [UInt8], entry: AuditEntry) throws(SystemError) {
        var current: OpenFile
        if let file { current = file } else { current = try reopen() }
        let length = Int64(line.count + 1)
        if let maximum = rotation.maximumFileSize, current.size > 0, current.size + length > maximum {
            try synchronize()
            closeFile()
            _ = try rotate()
            current = try open()
        }
        let (written, failure) = FileCalls.writeAll(current.descriptor, line + [UInt8(ascii: "\n")], path: path)
        if let failure {
            if written > 0, ftruncate(current.descriptor, off_t(current.size)) != 0 {
                abandoned = (current.identity, current.size)
            }
            closeFile()
            throw failure
        }
        current.size += length
        file = current
    }

    func synchronize() throws(SystemError) {
        guard let file else { return }
        do {
            try FileCalls.synchronize(file.descriptor, path: path)
        } catch {
            closeFile()
            throw error
        }
    }

    func close() { closeFile() }

    private func closeFile() {
        if let file { FileCalls.closeDescriptor(file.descriptor) }
        file = nil
    }

    /// Opens the path again after a failure. If it is still the file a write failed on and a
    /// partial line could not be taken back then, it is taken back now; a file that is not
    /// the one dockgate had (replaced, rotated by hand) is appended to as it is.
    private func reopen() throws(SystemError) -> OpenFile {
        var reopened = try open()
        if let abandoned, abandoned.identity == reopened.identity, reopened.size > abandoned.size {
            guard ftruncate(reopened.descriptor, off_t(abandoned.size)) == 0 else {
                let error = SystemError("truncate", path)
                closeFile()
                throw error
            }
            reopened.size = abandoned.size
        }
        abandoned = nil
        return reopened
    }

    private func open() throws(SystemError) -> OpenFile {
        let descriptor = try FileCalls.openFile(path, O_WRONLY | O_APPEND | O_CREAT, mode: 0o600)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = SystemError("stat", path)
            FileCalls.closeDescriptor(descriptor)
            throw error
        }
        let opened = OpenFile(
            descriptor: descriptor,
            identity: FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)),
            size: Int64(status.st_size))
        file = opened
        return opened
    }
}
