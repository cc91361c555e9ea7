import COpenSSL
import Foundation

/// An owned OpenSSL memory BIO, used to move PEM text in and out of OpenSSL.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty, writable memory BIO.
    init() throws {
        ERR_clear_error()
        guard let bio = BIO_new(BIO_s_mem()) else { throw OpenSSLError("BIO_new") }
        pointer = bio
    }

    /// A memory BIO holding a copy of `bytes`, ready to be read.
    convenience init(reading bytes: [UInt8]) throws {
        try self.init()
        let written = bytes.withUnsafeBytes { BIO_write(pointer, $0.baseAddress, Int32($0.count)) }
        guard written == bytes.count || bytes.isEmpty else { throw OpenSSLError("BIO_write") }
    }

    deinit {
        BIO_free(pointer)
    }

    /// Everything written to the BIO so far.
    func drain() -> [UInt8] {
        let pending = Int(dg_BIO_ctrl_pending(pointer))
        guard pending > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: pending)
        let read = bytes.withUnsafeMutableBytes { BIO_read(pointer, $0.baseAddress, Int32(pending)) }
        return Array(bytes.prefix(max(0, Int(read))))
    }
}

/// Reads a whole file, turning every failure into an error that names the file.
func readFile(_ path: String) throws -> [UInt8] {
    guard let handle = FileDescriptorReader(path: path) else {
        throw TLSConfigurationError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
    }
    return try handle.readAll()
}
