/// Typed reads of query parameters with the exact conversions dockerd's handlers use
/// (`daemon/server/httputils/form.go`, `api/server/httputils/form.go` on 20.10, and Go's
/// `strconv`). A policy must read a parameter the same way the handler will, or `?force=off`
/// (true for dockerd) reads as false.
extension QueryParameters {
    /// `httputils.BoolValue`: false only for `""`, `0`, `no`, `false`, `none` after trimming
    /// and lower-casing; everything else, `off` and `n` included, is true. Absent is false.
    public func boolValue(_ name: String) -> Bool {
        GoValues.boolValue(formValue(name))
    }

    /// `httputils.BoolValueOrDefault`: `defaultValue` only when the name is absent; present
    /// with an empty value is false.
    public func boolValue(_ name: String, default defaultValue: Bool) -> Bool {
        contains(name) ? boolValue(name) : defaultValue
    }

    /// `httputils.Int64ValueOrZero`: 0 when absent, empty or not an int64.
    public func int64ValueOrZero(_ name: String) -> Int64 {
        int64Value(name, default: 0) ?? 0
    }

    /// `httputils.Int64ValueOrDefault`: `defaultValue` when absent or empty, `nil` where the
    /// handler gets an error (not a base-10 int64).
    public func int64Value(_ name: String, default defaultValue: Int64) -> Int64? {
        let value = formValue(name)
        return value.isEmpty ? defaultValue : GoValues.parseInt64(value)
    }

    /// master's `httputils.Uint32Value` (resize `h`/`w`): `nil` where the handler fails.
    public func uint32Value(_ name: String) -> UInt32? {
        GoValues.parseUint32(formValue(name))
    }

    /// `strconv.ParseBool` on the first value, for the flags handlers read from
    /// `r.URL.Query()` instead (`rotateWorkerToken`, `insertDefaults`, `rollback`, network
    /// `verbose`, …): absent or empty is false. An invalid value makes the handler refuse
    /// the whole request, so reading it as false never understates what the daemon does.
    public func strictBoolValue(_ name: String) -> Bool {
        first(name).flatMap(GoValues.parseBool) ?? false
    }
}

/// Go's string-to-value conversions, as dockerd applies them.
public enum GoValues {
    /// `httputils.BoolValue` on one value.
    ///
    /// Go trims with `strings.TrimSpace` (Unicode white space) and lower-cases with
    /// `strings.ToLower` (Unicode). Only ASCII letters, U+0130 (→ `i`) and U+212A (→ `k`)
    /// lower-case to ASCII, and none of the false words contains `i` or `k`, so ASCII
    /// lower-casing after a Unicode trim decides exactly as Go does.
    public static func boolValue(_ value: String) -> Bool {
        let trimmed = trimmingGoSpace(value)
        guard trimmed.utf8.allSatisfy({ $0 < 0x80 }) else { return true }
        switch trimmed.lowercased() {
        case "", "0", "no", "false", "none": return false
        default: return true
        }
    }

    /// `strconv.ParseBool`: `1 t T TRUE true True` and `0 f F FALSE false False`, else `nil`.
    public static func parseBool(_ value: String) -> Bool? {
        guard value.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        switch value {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }

    /// `strconv.ParseInt(value, 10, 64)`: an optional `+` or `-`, then one or more ASCII
    /// digits, within the int64 range; no spaces, no underscores.
    public static func parseInt64(_ value: String) -> Int64? {
        var digits = value.utf8[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        guard let magnitude = parseDigits(digits, limit: limit) else { return nil }
        return negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
    }

    /// master's `httputils.Uint32Value`: one or more ASCII digits within uint32; no sign
    /// (a `-` is a range error, a `+` a syntax error).
    public static func parseUint32(_ value: String) -> UInt32? {
        parseDigits(value.utf8[...], limit: UInt64(UInt32.max)).map { UInt32($0) }
    }

    private static func parseDigits(_ digits: Substring.UTF8View, limit: UInt64) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var result: UInt64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowShift) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflowShift, !overflowAdd, sum <= limit else { return nil }
            result = sum
        }
        return result
    }

    /// `strings.TrimSpace`: `unicode.IsSpace` at both ends.
    static func trimmingGoSpace(_ value: String) -> String {
        var scalars = Substring(value).unicodeScalars
        while let first = scalars.first, isGoSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isGoSpace(last) { scalars.removeLast() }
        return String(scalars)
    }

    /// Go's `unicode.IsSpace`.
    static func isGoSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
