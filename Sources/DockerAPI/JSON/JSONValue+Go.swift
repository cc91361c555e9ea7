/// The value Go's `encoding/json` would store in a field of a given Go type.
///
/// Each accessor returns nil for JSON `null`: Go then leaves a bool, number or string field
/// unchanged (an earlier value, or the zero value) and sets a pointer field to nil. It throws
/// where Go would (`1` or `"true"` into a bool, `"1000"` into an int64), see `JSONNumber+Go.swift`.
extension JSONValue {
    public func goBool() throws(GoDecodingError) -> Bool? {
        switch self {
        case .null: return nil
        case .bool(let flag): return flag
        case .object, .array, .string, .number: throw mismatch(goType: "bool")
        }
    }

    public func goString() throws(GoDecodingError) -> String? {
        switch self {
        case .null: return nil
        case .string(let text): return text
        case .object, .array, .bool, .number: throw mismatch(goType: "string")
        }
    }

    /// For an integer field: `goInteger(as: Int64.self)` for int64, `Int.self` for int, …
    public func goInteger<T: FixedWidthInteger>(as type: T.Type) throws(GoDecodingError) -> T? {
        switch self {
        case .null: return nil
        case .number(let number): return try number.goInteger(as: type)
        case .object, .array, .bool, .string: throw mismatch(goType: GoDecodingError.goName(of: type))
        }
    }

    public func goFloat64() throws(GoDecodingError) -> Double? {
        switch self {
        case .null: return nil
        case .number(let number): return try number.goFloat64()
        case .object, .array, .bool, .string: throw mismatch(goType: "float64")
        }
    }

    public func goFloat32() throws(GoDecodingError) -> Float? {
        switch self {
        case .null: return nil
        case .number(let number): return try number.goFloat32()
        case .object, .array, .bool, .string: throw mismatch(goType: "float32")
        }
    }

    private func mismatch(goType: String) -> GoDecodingError {
        GoDecodingError(value: kindName, goType: goType)
    }
}
