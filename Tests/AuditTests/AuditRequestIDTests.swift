import Testing

@testable import Audit

struct AuditRequestIDTests {
    @Test("32 lowercase hex digits, the first 12 the time in milliseconds")
    func shape() {
        let id = AuditRequestID.make(at: Samples.time)
        #expect(AuditRequestID.isWellFormed(id), "\(id)")
        #expect(id.hasPrefix(String(Samples.time.microsecondsSinceEpoch / 1000, radix: 16).leftPadded(to: 12)))
    }

    @Test("ids made at the same instant differ")
    func unique() {
        let ids = (0..<10_000).map { _ in AuditRequestID.make(at: Samples.time) }
        #expect(Set(ids).count == ids.count)
    }

    @Test("ids sort by time")
    func sortable() {
        let later = AuditTimestamp(microsecondsSinceEpoch: Samples.time.microsecondsSinceEpoch + 1000)
        #expect(AuditRequestID.make(at: Samples.time) < AuditRequestID.make(at: later))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: width - count) + self }
}
