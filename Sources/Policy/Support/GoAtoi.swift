/// Go's `strconv.Atoi` on a 64-bit platform, which runc's user lookup uses for the uid and gid
/// parts of `User` and for `GroupAdd`: an optional `+` or `-`, then decimal digits only, within
/// `Int64`. So `00`, `+0` and `-0` are all 0; ` 0`, `0x0` and `1_000` are not numbers.
enum GoAtoi {
    static func parse(_ text: some StringProtocol) -> Int64? {
        var digits = Substring(text)
        var negative = false
        if let first = digits.utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        var value: Int64 = 0
        for byte in digits.utf8 {
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let digit = Int64(byte - 0x30)
            let (sum, overflowAdd) =
                negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if overflowShift || overflowAdd { return nil }
            value = sum
        }
        return value
    }
}
