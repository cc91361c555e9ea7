#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a small file with plain POSIX calls so the error is the real `errno` text
/// ("Permission denied", "Is a directory") rather than a Foundation paraphrase.
struct FileDescriptorReader {
    private let path: String
    private let descriptor: Int32

    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.path = path
        self.descriptor = descriptor
    }

    /// Reads to end of file and closes the descriptor.
    func readAll() throws -> [UInt8] {
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return result }
            if count < 0 {
                if errno == EINTR { continue }
                throw TLSConfigurationError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
            }
            result.append(contentsOf: chunk.prefix(count))
        }
    }
}
