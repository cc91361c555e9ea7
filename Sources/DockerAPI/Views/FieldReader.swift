/// Reads the fields of one Go struct out of a JSON object, by Go's field matching
/// (`JSONObject.value(forField:)`: exact name, else case-insensitive with the K/ſ folds).
///
/// `path` is the struct's place in the body, ending in `.` unless empty (`"HostConfig."`, or
/// `""` for the top level), so errors name the field as the body has it.
struct FieldReader: Sendable {
    let object: JSONObject
    let path: String

    init(_ object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    /// The reader for a whole request body decoded into the Go struct `goType`: throws for a
    /// body that is not a JSON object (`null` included, although Go would leave the struct
    /// zero: no client sends it, and the gate does not guess).
    static func body(_ value: JSONValue, goType: String) throws(ViewError) -> FieldReader {
        guard !value.isNull else { throw ViewError.mismatch(at: "", found: "null", goType: goType) }
        return FieldReader(try FieldDecoding.object(value, at: "", goType: goType), path: "")
    }

    /// The field decoded with `decode`, which sees only non-null values.
    func read<T>(_ field: String, _ decode: (JSONValue, String) throws(ViewError) -> T) -> Field<T> {
        guard case .present(let member) = object.value(forField: field) else { return .absent }
        if member.value.isNull { return .null }
        do {
            return .value(try decode(member.value, path + field))
        } catch {
            return .invalid(error)
        }
    }

    func bool(_ field: String) -> Field<Bool> { read(field, FieldDecoding.bool) }
    func string(_ field: String) -> Field<String> { read(field, FieldDecoding.string) }
    func strings(_ field: String) -> Field<[String]> { read(field, FieldDecoding.strings) }
    func stringOrStrings(_ field: String) -> Field<[String]> { read(field, FieldDecoding.stringOrStrings) }
    func stringMap(_ field: String) -> Field<StringMap> { read(field, FieldDecoding.stringMap) }
    func keySet(_ field: String) -> Field<[String]> { read(field, FieldDecoding.keySet) }

    func integer<T: FixedWidthInteger>(_ field: String, as type: T.Type) -> Field<T> {
        read(field) { (value, path) throws(ViewError) in try FieldDecoding.integer(value, as: type, at: path) }
    }

    /// A nested struct, read through `make` (given the nested reader).
    func structure<T>(_ field: String, goType: String, _ make: @escaping (FieldReader) -> T) -> Field<T> {
        read(field) { (value, path) throws(ViewError) in
            make(FieldReader(try FieldDecoding.object(value, at: path, goType: goType), path: path + "."))
        }
    }

    /// A nested struct whose fields the policy does not read, only whether it is there
    /// (`ClusterVolumeSpec`, `PluginSpec`): the object as sent.
    func opaqueStructure(_ field: String, goType: String) -> Field<JSONObject> {
        read(field) { (value, path) throws(ViewError) in try FieldDecoding.object(value, at: path, goType: goType) }
    }

    /// `[]Struct`: each element read through `make`; a `null` element is an empty struct.
    func structures<T>(_ field: String, goType: String, _ make: @escaping (FieldReader) -> T) -> Field<[T]> {
        read(field) { (value, path) throws(ViewError) in
            try FieldDecoding.array(value, at: path, goType: "[]" + goType) { (item, itemPath) throws(ViewError) in
                make(FieldReader(try FieldDecoding.object(item, at: itemPath, goType: goType), path: itemPath + "."))
            }
        }
    }
}
