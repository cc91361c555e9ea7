/// One field of a request body as dockerd's Go decoder fills the struct field it lands in.
///
/// The four cases are the four things that can happen to a Go field: the body does not name
/// it (`absent`: the zero value, or an earlier default), names it with `null` (`null`: nothing
/// changes for a bool, number or string; a slice, map or pointer becomes nil — and for
/// `MaskedPaths` nil keeps the defaults while `[]` removes every mask), names it with a value
/// of the field's Go type (`value`), or names it with something Go refuses for that type
/// (`invalid`: dockerd answers 400 and creates nothing; the gate denies).
public enum Field<Value> {
    case absent
    case null
    case value(Value)
    case invalid(ViewError)
}

extension Field: Sendable where Value: Sendable {}
extension Field: Equatable where Value: Equatable {}
extension Field: Hashable where Value: Hashable {}

extension Field {
    /// The decoded value; nil when the field is absent, `null` or invalid.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// Why Go would refuse the field, if it would.
    public var error: ViewError? {
        if case .invalid(let error) = self { return error }
        return nil
    }

    /// Sent at all, `null` included.
    public var isPresent: Bool {
        if case .absent = self { return false }
        return true
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value, or nil when the field is absent or `null`; throws why Go would refuse it.
    /// For fields where `null` and absent differ (`MaskedPaths`), switch over the cases instead.
    public func get() throws(ViewError) -> Value? {
        switch self {
        case .absent, .null: return nil
        case .value(let value): return value
        case .invalid(let error): throw error
        }
    }

    /// The same field with its value transformed; absent, null and invalid carry over.
    public func map<T>(_ transform: (Value) -> T) -> Field<T> {
        switch self {
        case .absent: .absent
        case .null: .null
        case .value(let value): .value(transform(value))
        case .invalid(let error): .invalid(error)
        }
    }
}
