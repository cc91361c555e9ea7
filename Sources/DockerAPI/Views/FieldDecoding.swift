/// Go's `encoding/json` rules for the field types the views use, one function per Go type.
/// Each takes the (non-null) JSON value and the path for the error, and throws exactly where
/// Go would report an `UnmarshalTypeError`.
///
/// Inside arrays and maps a `null` element becomes the element type's zero value, as in Go:
/// `""` for a string, an empty struct for a struct.
enum FieldDecoding {
    static func bool(_ value: JSONValue, at path: String) throws(ViewError) -> Bool {
        do { return try value.goBool() ?? false } catch { throw ViewError(path: path, kind: .decoding(error)) }
    }

    static func string(_ value: JSONValue, at path: String) throws(ViewError) -> String {
        do { return try value.goString() ?? "" } catch { throw ViewError(path: path, kind: .decoding(error)) }
    }

    static func integer<T: FixedWidthInteger>(_ value: JSONValue, as type: T.Type, at path: String)
        throws(ViewError) -> T
    {
        do { return try value.goInteger(as: type) ?? 0 } catch { throw ViewError(path: path, kind: .decoding(error)) }
    }

    /// A struct: a JSON object (a `null` element of an array of structs is an empty object).
    static func object(_ value: JSONValue, at path: String, goType: String) throws(ViewError) -> JSONObject {
        switch value {
        case .object(let object): return object
        case .null: return JSONObject(members: [])!
        case .array, .string, .number, .bool: throw ViewError.mismatch(at: path, found: value.kindName, goType: goType)
        }
    }

    /// `[]T`: a JSON array, each element decoded with `element` (nulls included: it decides).
    static func array<T>(
        _ value: JSONValue, at path: String, goType: String,
        element: (JSONValue, String) throws(ViewError) -> T
    ) throws(ViewError) -> [T] {
        guard case .array(let elements) = value else {
            throw ViewError.mismatch(at: path, found: value.kindName, goType: goType)
        }
        var decoded: [T] = []
        decoded.reserveCapacity(elements.count)
        for (index, item) in elements.enumerated() {
            decoded.append(try element(item, "\(path)[\(index)]"))
        }
        return decoded
    }

    /// `[]string`.
    static func strings(_ value: JSONValue, at path: String) throws(ViewError) -> [String] {
        try array(value, at: path, goType: "[]string", element: string)
    }

    /// 20.10's `strslice.StrSlice` (`CapAdd`, `CapDrop`, `Cmd`, `Entrypoint`): a list of strings
    /// or one string, which becomes a list of one. Newer daemons declare `[]string` and refuse
    /// the single string; accepting it here only means checking what 20.10 would apply.
    static func stringOrStrings(_ value: JSONValue, at path: String) throws(ViewError) -> [String] {
        if case .string(let single) = value { return [single] }
        return try strings(value, at: path)
    }

    /// `map[string]string`.
    static func stringMap(_ value: JSONValue, at path: String) throws(ViewError) -> StringMap {
        guard case .object(let object) = value else {
            throw ViewError.mismatch(at: path, found: value.kindName, goType: "map[string]string")
        }
        var entries: [StringMap.Entry] = []
        entries.reserveCapacity(object.count)
        for member in object.members {
            entries.append(
                StringMap.Entry(key: member.key, value: try string(member.value, at: "\(path).\(member.key)")))
        }
        return StringMap(entries)
    }

    /// `map[string]struct{}` (`Volumes`, `ExposedPorts`): only the keys matter; each value must
    /// be an object or null.
    static func keySet(_ value: JSONValue, at path: String) throws(ViewError) -> [String] {
        guard case .object(let object) = value else {
            throw ViewError.mismatch(at: path, found: value.kindName, goType: "map[string]struct {}")
        }
        for member in object.members {
            _ = try self.object(member.value, at: "\(path).\(member.key)", goType: "struct {}")
        }
        return object.keys
    }
}
