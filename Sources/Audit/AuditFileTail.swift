#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The end of an audit file: its last complete line, which the next record chains to, and the
/// bytes of an incomplete line after it, which a crash mid-write leaves.
///
/// Read backwards from the end in growing windows, so a large file costs one small read.
struct AuditFileTail: Equatable {
    /// The last line that ends with a newline (without it); nil when there is none.
    var lastCompleteLine: [UInt8]?
    /// Bytes after the last newline: 0 when the file is empty or ends with a newline.
    var incompleteBytes: Int

    static let empty = AuditFileTail(lastCompleteLine: nil, incompleteBytes: 0)

    /// The tail of the file at `path`; a missing file is empty.
    static func read(path: String) throws(SystemError) -> AuditFileTail {
        let descriptor: Int32
        do {
            descriptor = try FileCalls.openFile(path, O_RDONLY)
        } catch  where error.code == ENOENT {
            return .empty
        }
        defer { _ = close(descriptor) }
        return try read(descriptor: descriptor, path: path)
    }

    static func read(descriptor: Int32, path: String) throws(SystemError) -> AuditFileTail {
        let size = try FileCalls.size(descriptor, path: path)
        var window: Int64 = 64 * 1024
        while true {
            let start = max(0, size - window)
            let bytes = try FileCalls.read(descriptor, count: Int(size - start), at: start, path: path)
            let newline = UInt8(ascii: "\n")
            guard let last = bytes.lastIndex(of: newline) else {
                if start == 0 { return AuditFileTail(lastCompleteLine: nil, incompleteBytes: bytes.count) }
                window *= 2
                continue
            }
            let incomplete = bytes.count - 1 - last
            if let previous = bytes[..<last].lastIndex(of: newline) {
                return AuditFileTail(lastCompleteLine: Array(bytes[(previous + 1)..<last]), incompleteBytes: incomplete)
            }
            if start == 0 { return AuditFileTail(lastCompleteLine: Array(bytes[..<last]), incompleteBytes: incomplete) }
            window *= 2
        }
    }
}

/// Reads a file line by line in large chunks, for the verifier: each line without its newline,
/// and whether it had one.
final class AuditFileLineReader {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    init(path: String) throws(SystemError) {
        self.path = path
        descriptor = try FileCalls.openFile(path, O_RDONLY)
    }

    deinit { _ = close(descriptor) }

    func next() throws(SystemError) -> (bytes: [UInt8], terminated: Bool)? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[position..<newline])
                position = newline + 1
                return (line, true)
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let rest = Array(buffer[position...])
                position = buffer.count
                return (rest, false)
            }
            try fill()
        }
    }

    private func fill() throws(SystemError) {
        buffer.removeFirst(position)
        position = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return
            }
            if count == 0 {
                atEnd = true
                return
            }
            if errno != EINTR { throw SystemError("read", path) }
        }
    }
}
