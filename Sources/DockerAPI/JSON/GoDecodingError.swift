/// Go's `json.UnmarshalTypeError`: the JSON value cannot go into a field of that Go type, so
/// dockerd answers 400 and does nothing. The gate may refuse early with the same words.
public struct GoDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What Go says it found: `number 1e3`, `string`, `bool`, `array`, `object`.
    public let value: String
    /// The Go type of the field: `int64`, `uint16`, `bool`, `string` …
    public let goType: String

    public init(value: String, goType: String) {
        self.value = value
        self.goType = goType
    }

    /// The text dockerd's error would contain.
    public var description: String { "json: cannot unmarshal \(value) into Go value of type \(goType)" }

    static func goName<T: FixedWidthInteger>(of type: T.Type) -> String {
        if type == Int.self { return "int" }
        if type == UInt.self { return "uint" }
        return (T.isSigned ? "int" : "uint") + String(T.bitWidth)
    }
}
