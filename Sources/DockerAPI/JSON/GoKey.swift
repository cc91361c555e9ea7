/// How Go's `encoding/json` (v1 semantics) pairs a JSON object member name with a struct field.
///
/// The decoder prefers a field whose name matches exactly, and otherwise takes one that
/// matches case-insensitively. The two generations of the algorithm:
/// - Go ≤ 1.20 (`fold.go` `foldFunc`, dockerd 20.10 was built with Go 1.19): for an ASCII field
///   name, ASCII letters compare case-insensitively, and a field letter `k`/`K` also matches
///   U+212A KELVIN SIGN, `s`/`S` also U+017F LATIN SMALL LETTER LONG S (`equalFoldRight`);
///   every other character must be identical.
/// - Go ≥ 1.21 (`foldName`, also v1 emulation under `GOEXPERIMENT=jsonv2`, which keeps
///   `MatchCaseSensitiveDelimiter`, so `_` and `-` still count): every rune is replaced by the
///   smallest rune of its `unicode.SimpleFold` orbit. For an ASCII field name that is the same
///   relation, because the only non-ASCII runes whose orbit holds an ASCII letter are U+212A
///   and U+017F. U+0130 `İ` and U+0131 `ı` are fixed points of `SimpleFold` (Go's `caseOrbit`
///   table), so `"Privıleged"` reaches no field.
///
/// Every Docker API field name is ASCII, so `matches` is exact for all of them.
public enum GoKey {
    /// Whether Go's `encoding/json` stores the member named `key` into the struct field whose
    /// JSON name is `field`: character by character, equal or in one fold set. Exact for ASCII
    /// field names; for a non-ASCII field character (none exist in the Docker API) it compares
    /// with the broader `fold`, one character at a time.
    public static func matches(_ key: String, field: String) -> Bool {
        var fieldScalars = field.unicodeScalars.makeIterator()
        for scalar in key.unicodeScalars {
            guard let fieldScalar = fieldScalars.next(), matches(scalar, fieldScalar) else { return false }
        }
        return fieldScalars.next() == nil
    }

    /// A folded form of a member name such that two names Go could treat as the same name
    /// (under either generation above, for struct fields of any name) fold to the same string.
    ///
    /// ASCII letters become upper case, U+212A becomes `K`, U+017F becomes `S`; any other
    /// non-ASCII character becomes the upper case of its lower case (full Unicode mappings), which
    /// puts every `unicode.SimpleFold` orbit together. This is deliberately broader than Go: it
    /// also joins `ı` with `I` and `ß` with `SS`. The gate uses it to refuse look-alike names,
    /// never to decide which field a name reaches (that is `matches`).
    public static func fold(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: name.utf8.count) { buffer in
                for (position, byte) in name.utf8.enumerated() { buffer[position] = asciiUpper(byte) }
                return name.utf8.count
            }
        }
        var folded = ""
        folded.reserveCapacity(name.utf8.count)
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: folded.unicodeScalars.append(Unicode.Scalar(asciiUpper(UInt8(scalar.value))))
            case 0x212A: folded.unicodeScalars.append("K")
            case 0x017F: folded.unicodeScalars.append("S")
            default: folded += String(scalar).lowercased().uppercased()
            }
        }
        return folded
    }

    private static func matches(_ scalar: Unicode.Scalar, _ fieldScalar: Unicode.Scalar) -> Bool {
        guard fieldScalar.isASCII else { return fold(String(scalar)) == fold(String(fieldScalar)) }
        let fieldByte = UInt8(fieldScalar.value)
        switch scalar.value {
        case 0x212A: return fieldByte | 0x20 == UInt8(ascii: "k")
        case 0x017F: return fieldByte | 0x20 == UInt8(ascii: "s")
        case 0..<0x80: return asciiUpper(UInt8(scalar.value)) == asciiUpper(fieldByte)
        default: return false
        }
    }

    private static func asciiUpper(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 0x20 : byte
    }
}
