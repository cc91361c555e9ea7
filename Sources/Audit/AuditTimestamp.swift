import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A wall-clock instant with microsecond resolution, written as RFC 3339 in UTC with exactly
/// six fractional digits: `2026-05-01T12:34:56.123456Z`.
///
/// Whole microseconds since the Unix epoch, not `Date`: a `Double` cannot hold every
/// microsecond of this century exactly, and a record must read back to the same text.
public struct AuditTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// The system's real-time clock, now.
    public static func now() -> AuditTimestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return AuditTimestamp(microsecondsSinceEpoch: Int64(time.tv_sec) * 1_000_000 + Int64(time.tv_nsec) / 1000)
    }

    public static func < (lhs: AuditTimestamp, rhs: AuditTimestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    /// `2026-05-01T12:34:56.123456Z`.
    public var rfc3339: String { formatted(dateSeparator: "-", timeSeparator: ":") }

    public var description: String { rfc3339 }

    /// `20260501T123456.123456Z`: the same instant without `-` and `:`, for file names that
    /// sort in time order.
    var compact: String { formatted(dateSeparator: "", timeSeparator: "") }

    /// Reads exactly the form `rfc3339` writes; anything else (another offset, fewer digits)
    /// is nil.
    public init?(rfc3339 text: String) {
        self.init(text, dateSeparator: "-", timeSeparator: ":")
    }

    init?(compact text: String) {
        self.init(text, dateSeparator: "", timeSeparator: "")
    }

    private func formatted(dateSeparator: String, timeSeparator: String) -> String {
        let (days, microsecondOfDay) = microsecondsSinceEpoch.floorDividedBy(86_400_000_000)
        let (year, month, day) = Self.civil(fromDays: days)
        let seconds = microsecondOfDay / 1_000_000
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(year, 4) + dateSeparator + pad(month, 2) + dateSeparator + pad(day, 2) + "T"
            + pad(seconds / 3600, 2) + timeSeparator + pad(seconds / 60 % 60, 2) + timeSeparator
            + pad(seconds % 60, 2) + "." + pad(microsecondOfDay % 1_000_000, 6) + "Z"
    }

    private init?(_ text: String, dateSeparator: String, timeSeparator: String) {
        let d = dateSeparator.utf8.count
        let t = timeSeparator.utf8.count
        let bytes = Array(text.utf8)
        // YYYY-MM-DDTHH:MM:SS.ffffffZ with the separators as given.
        guard bytes.count == 23 + 2 * d + 2 * t else { return nil }
        var position = 0
        func number(_ width: Int) -> Int64? {
            guard position + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[position..<position + width] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            position += width
            return value
        }
        func literal(_ expected: String) -> Bool {
            let expectedBytes = Array(expected.utf8)
            guard bytes[position..<position + expectedBytes.count].elementsEqual(expectedBytes) else { return false }
            position += expectedBytes.count
            return true
        }
        guard let year = number(4), literal(dateSeparator), let month = number(2), literal(dateSeparator),
            let day = number(2), literal("T"), let hour = number(2), literal(timeSeparator),
            let minute = number(2), literal(timeSeparator), let second = number(2), literal("."),
            let micro = number(6), literal("Z")
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24,
            minute < 60, second < 60
        else { return nil }
        let days = Self.days(fromCivil: year, month, day)
        microsecondsSinceEpoch = (days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000 + micro
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day number.
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Howard Hinnant's `days_from_civil`: the inverse of `civil(fromDays:)`.
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Int64 {
    /// Quotient rounded towards minus infinity and a remainder in `0..<divisor`, so instants
    /// before 1970 format correctly too.
    fileprivate func floorDividedBy(_ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = self % divisor
        return remainder < 0 ? (self / divisor - 1, remainder + divisor) : (self / divisor, remainder)
    }
}
