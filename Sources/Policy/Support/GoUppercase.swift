/// Go's `strings.ToUpper` as far as a comparison with an ASCII name can tell: ASCII letters
/// upper-cased, and the two non-ASCII letters whose upper case is ASCII, `ı` (U+0131) to `I`
/// and `ſ` (U+017F) to `S`. Every other character stays as it is (Go upper-cases many of
/// them, but never into ASCII, so they cannot make a name match either way).
///
/// dockerd upper-cases capability names (`ſys_admin` is `CAP_SYS_ADMIN`) and, for services,
/// mount types, bind propagation and port publish modes (`bınd` is a bind mount).
extension StringProtocol {
    var goUppercased: String {
        var upper = ""
        upper.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x61...0x7A: upper.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x20)!)
            case 0x0131: upper.unicodeScalars.append("I")
            case 0x017F: upper.unicodeScalars.append("S")
            default: upper.unicodeScalars.append(scalar)
            }
        }
        return upper
    }
}
