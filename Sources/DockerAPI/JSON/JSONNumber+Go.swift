/// What Go's `encoding/json` `literalStore` does with a number, by the Go type of the field:
/// - `int`, `int8` … `int64`: `strconv.ParseInt(text, 10, 64)`, then the field's range. So a
///   fraction or an exponent is an error even when the value is whole (`1.0`, `1e3`), as is
///   anything outside the range (`9223372036854775808` for int64). `-0` is 0.
/// - `uint`, `uint8` … `uint64`: `strconv.ParseUint(text, 10, 64)`, which takes no sign at all:
///   `-0` and `-1` are errors.
/// - `float32`, `float64` and `interface{}` (which holds a float64): `strconv.ParseFloat` with
///   the field's bit size; overflow to ±Inf is an error (`1e400`), underflow rounds to zero
///   (`1e-400` is 0) without error.
/// An error here means dockerd answers 400 and creates nothing.
extension JSONNumber {
    /// The value Go stores in an integer field of type `T` (`Int64` for int64, `Int` for int,
    /// `UInt16` for uint16 …), or the error dockerd reports.
    public func goInteger<T: FixedWidthInteger>(as type: T.Type) throws(GoDecodingError) -> T {
        let bytes = text.utf8
        let digits = bytes.first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
        let isPlainInteger = !digits.isEmpty && digits.allSatisfy { (0x30...0x39).contains($0) }
        let signAllowed = T.isSigned || bytes.first != UInt8(ascii: "-")
        guard isPlainInteger, signAllowed, let value = parsed(as: T.self) else {
            throw GoDecodingError(value: "number \(text)", goType: GoDecodingError.goName(of: T.self))
        }
        return value
    }

    /// The value Go stores in a float64 field, or in an `interface{}` field.
    public func goFloat64() throws(GoDecodingError) -> Double {
        guard let value = Double(text), value.isFinite else {
            throw GoDecodingError(value: "number \(text)", goType: "float64")
        }
        return value
    }

    /// The value Go stores in a float32 field (`ParseFloat(text, 32)`, rounded once).
    public func goFloat32() throws(GoDecodingError) -> Float {
        guard let value = Float(text), value.isFinite else {
            throw GoDecodingError(value: "number \(text)", goType: "float32")
        }
        return value
    }

    /// The text as Go's ParseInt/ParseUint (bit size 64) and then the field's range read it.
    private func parsed<T: FixedWidthInteger>(as type: T.Type) -> T? {
        if T.isSigned {
            return Int64(text, radix: 10).flatMap { T(exactly: $0) }
        }
        return UInt64(text, radix: 10).flatMap { T(exactly: $0) }
    }
}
