#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call, naming what was attempted on which path:
/// `write /var/log/dockgate/audit.log: No space left on device`.
public struct SystemError: Error, Sendable, Hashable, CustomStringConvertible {
    public let operation: String
    public let path: String
    public let code: Int32

    init(_ operation: String, _ path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}

/// Thin wrappers over the system calls the audit files need, retrying on EINTR.
enum FileCalls {
    static func openFile(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(SystemError) -> Int32 {
        while true {
            let descriptor = open(path, flags | O_CLOEXEC, mode)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw SystemError("open", path) }
        }
    }

    /// Writes all of `bytes` with as few `write(2)` calls as the kernel allows (one, for a
    /// line on a local file system). On failure, returns how much went out before it.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) -> (written: Int, error: SystemError?) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result > 0 {
                written += result
            } else if result < 0 && errno == EINTR {
                continue
            } else {
                return (written, SystemError("write", path, code: result == 0 ? EIO : errno))
            }
        }
        return (written, nil)
    }

    /// Up to `count` bytes at `offset`, fewer only at the end of the file.
    static func read(_ descriptor: Int32, count: Int, at offset: Int64, path: String) throws(SystemError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset) + off_t(filled))
            }
            if result > 0 {
                filled += result
            } else if result == 0 {
                break
            } else if errno != EINTR {
                throw SystemError("read", path)
            }
        }
        return Array(bytes[..<filled])
    }

    static func size(_ descriptor: Int32, path: String) throws(SystemError) -> Int64 {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SystemError("stat", path) }
        return Int64(status.st_size)
    }

    /// fsync; a pipe, FIFO or socket has nothing to make durable (EINVAL or EROFS, fsync(2)),
    /// so an audit log written to a named pipe for a log shipper is not a failing sink.
    static func synchronize(_ descriptor: Int32, path: String) throws(SystemError) {
        guard fsync(descriptor) != 0 else { return }
        let code = errno
        guard code != EINVAL && code != EROFS else { return }
        throw SystemError("fsync", path, code: code)
    }

    /// fsync of a directory, so a rename or a new file in it survives a power loss.
    static func synchronizeDirectory(_ path: String) throws(SystemError) {
        let descriptor = try openFile(path, O_RDONLY | O_DIRECTORY)
        defer { _ = close(descriptor) }
        try synchronize(descriptor, path: path)
    }

    static func closeDescriptor(_ descriptor: Int32) {
        _ = close(descriptor)
    }
}
