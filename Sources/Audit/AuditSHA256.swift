import Crypto
import Foundation

/// A SHA-256 digest, written as 64 lowercase hex digits: a chain link, a request body's digest,
/// the policy file's digest.
///
/// A type of its own rather than a `String` so a record can only ever carry a well-formed
/// digest, and `dockgate audit verify` never rejects a line dockgate wrote.
public struct AuditSHA256: Sendable, Hashable, CustomStringConvertible {
    /// 64 lowercase hex digits.
    public let hex: String

    /// The digest of `bytes`.
    public init<Bytes: DataProtocol>(of bytes: Bytes) {
        var text = ""
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(Self.hexDigits[Int(byte >> 4)])
            text.append(Self.hexDigits[Int(byte & 0x0f)])
        }
        hex = text
    }

    /// A digest already in hex (from another component, e.g. the policy loader): nil unless it
    /// is 64 hex digits; upper-case digits are accepted and lowered.
    public init?(hex text: String) {
        let lowered = text.lowercased()
        guard lowered.utf8.count == 64, lowered.utf8.allSatisfy(Self.isLowercaseHexDigit) else { return nil }
        hex = lowered
    }

    /// The value that stands before the first record of a log: 64 zeros.
    public static let genesis = AuditSHA256(uncheckedHex: String(repeating: "0", count: 64))

    public var description: String { hex }

    init(uncheckedHex: String) { hex = uncheckedHex }

    static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    private static let hexDigits = Array("0123456789abcdef")
}
