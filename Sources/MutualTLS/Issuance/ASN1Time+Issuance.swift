import COpenSSL
import Foundation

extension ASN1Time {
    /// Whole seconds since the epoch; certificates and CRLs carry no fractions.
    static func seconds(_ date: Date) -> time_t {
        time_t(date.timeIntervalSince1970.rounded(.down))
    }

    /// Writes `date` into an ASN1_TIME owned by a certificate (`X509_getm_notBefore`).
    /// OpenSSL picks UTCTime before 2050 and GeneralizedTime after, as RFC 5280 requires.
    static func set(_ time: UnsafeMutablePointer<ASN1_TIME>?, to date: Date, what: String) throws {
        ERR_clear_error()
        guard let time, ASN1_TIME_set(time, seconds(date)) != nil else { throw OpenSSLError("setting \(what)") }
    }

    /// A new ASN1_TIME for setters that copy (`X509_CRL_set1_*`); the caller frees it.
    static func make(_ date: Date, what: String) throws -> UnsafeMutablePointer<ASN1_TIME> {
        ERR_clear_error()
        guard let time = ASN1_TIME_set(nil, seconds(date)) else { throw OpenSSLError("setting \(what)") }
        return time
    }
}
