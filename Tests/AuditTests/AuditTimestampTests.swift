import Foundation
import Testing

@testable import Audit

struct AuditTimestampTests {
    @Test(
        "RFC 3339 in UTC with six fractional digits, both ways",
        arguments: [
            (0, "1970-01-01T00:00:00.000000Z"),
            (1_777_638_896_123_456, "2026-05-01T12:34:56.123456Z"),
            (1_709_251_199_999_999, "2024-02-29T23:59:59.999999Z"),
            (-500_000, "1969-12-31T23:59:59.500000Z"),
            (253_402_300_799_000_001, "9999-12-31T23:59:59.000001Z"),
        ] as [(Int64, String)])
    func roundTrip(microseconds: Int64, text: String) {
        let timestamp = AuditTimestamp(microsecondsSinceEpoch: microseconds)
        #expect(timestamp.rfc3339 == text)
        #expect(AuditTimestamp(rfc3339: text) == timestamp)
    }

    @Test(
        "anything but exactly that form is refused",
        arguments: [
            "2026-05-01T12:34:56Z", "2026-05-01T12:34:56.123Z", "2026-05-01T12:34:56.123456+00:00",
            "2026-05-01 12:34:56.123456Z", "2026-02-30T00:00:00.000000Z", "2025-02-29T00:00:00.000000Z",
            "2026-13-01T00:00:00.000000Z", "2026-05-01T24:00:00.000000Z", "2026-05-01T12:34:60.000000Z",
            "2026-05-01t12:34:56.123456z", "", "+026-05-01T12:34:56.123456Z",
        ])
    func refused(text: String) {
        #expect(AuditTimestamp(rfc3339: text) == nil)
    }

    @Test("now() is close to Foundation's clock")
    func now() {
        let foundation = Int64(Date().timeIntervalSince1970 * 1_000_000)
        #expect(abs(AuditTimestamp.now().microsecondsSinceEpoch - foundation) < 5_000_000)
    }

    @Test("the compact form of rotated file names sorts in time order")
    func compact() {
        let early = AuditTimestamp(microsecondsSinceEpoch: 1_709_251_199_999_999)
        #expect(early.compact == "20240229T235959.999999Z")
        #expect(AuditTimestamp(compact: early.compact) == early)
        #expect(early.compact < Samples.time.compact)
    }
}
