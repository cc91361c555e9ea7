import COpenSSL

/// One entry of OpenSSL's per-thread error queue, as `ERR_error_string_n` renders it.
public struct OpenSSLErrorEntry: Sendable, Hashable, CustomStringConvertible {
    public let code: UInt
    public let text: String

    public var library: Int32 { dg_ERR_GET_LIB(code) }
    public var reason: Int32 { dg_ERR_GET_REASON(code) }
    public var description: String { text }
}

/// The OpenSSL error stack, captured right after a failing call.
///
/// Every call into OpenSSL in this module is made as `ERR_clear_error(); call(); capture()`,
/// so a stack always belongs to the call that produced it and never to an earlier one on the
/// same thread (event loops share threads between connections).
public struct OpenSSLErrorStack: Sendable, Hashable, CustomStringConvertible {
    public let entries: [OpenSSLErrorEntry]

    public init(entries: [OpenSSLErrorEntry]) {
        self.entries = entries
    }

    /// Drains the calling thread's error queue.
    public static func capture() -> OpenSSLErrorStack {
        var entries: [OpenSSLErrorEntry] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            entries.append(OpenSSLErrorEntry(code: code, text: text))
        }
        return OpenSSLErrorStack(entries: entries)
    }

    public var isEmpty: Bool { entries.isEmpty }

    public var description: String {
        entries.isEmpty ? "no OpenSSL error recorded" : entries.map(\.text).joined(separator: "; ")
    }

    /// True when OpenSSL recognised plaintext HTTP where a TLS record was expected.
    public var isPlaintextHTTP: Bool {
        entries.contains { $0.library == ERR_LIB_SSL && $0.reason == SSL_R_HTTP_REQUEST }
    }
}

/// A failed OpenSSL operation, named by what dockgate was doing, with the error stack.
public struct OpenSSLError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let stack: OpenSSLErrorStack

    public init(_ operation: String, stack: OpenSSLErrorStack = .capture()) {
        self.operation = operation
        self.stack = stack
    }

    public var description: String { "\(operation) failed: \(stack)" }
}
