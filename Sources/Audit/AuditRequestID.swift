/// Request ids: 32 lowercase hex digits, the first 12 the milliseconds since the Unix epoch and
/// the other 20 random (80 bits from the system's secure generator).
///
/// Unique without coordination, sortable by time to the millisecond, and safe in an HTTP
/// header, a file name or a grep pattern. The proxy puts the same id in the record and in its
/// response header, so a docker user's error message can be found in the log.
public enum AuditRequestID {
    /// A new id; callable from any thread.
    public static func make(at time: AuditTimestamp = .now()) -> String {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, time.microsecondsSinceEpoch / 1000)) & 0xffff_ffff_ffff
        let high = UInt64.random(in: 0...0xffff, using: &generator)
        let low = generator.next() as UInt64
        return hex(milliseconds, digits: 12) + hex(high, digits: 4) + hex(low, digits: 16)
    }

    /// Whether `text` has the shape `make()` produces.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: digits - text.count) + text
    }
}
