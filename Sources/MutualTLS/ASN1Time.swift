import COpenSSL
import Foundation

/// Conversions between OpenSSL's ASN1_TIME and Foundation's Date.
enum ASN1Time {
    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        guard let time else { return .distantPast }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return .distantPast }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// RFC 3339 UTC, the form every message and log line uses.
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
