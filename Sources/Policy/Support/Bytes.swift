/// Go compares strings byte for byte; Swift's `String ==` compares canonical equivalence
/// (`"\u{212A}ILL" == "KILL"` is true). Every comparison of a name, path or value taken from a
/// request goes through these.
extension StringProtocol {
    /// Whether the two have the same UTF-8 bytes.
    func bytesEqual(_ other: some StringProtocol) -> Bool {
        utf8.elementsEqual(other.utf8)
    }

    /// Whether the UTF-8 bytes begin with `prefix`'s.
    func bytesHavePrefix(_ prefix: some StringProtocol) -> Bool {
        utf8.starts(with: prefix.utf8)
    }
}

extension Sequence where Element: StringProtocol {
    /// Whether some element has exactly `value`'s bytes.
    func containsBytes(_ value: some StringProtocol) -> Bool {
        contains { $0.bytesEqual(value) }
    }
}

/// A string key hashed and compared by its UTF-8 bytes, for dictionaries of request values.
struct ExactKey: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool { lhs.text.bytesEqual(rhs.text) }

    func hash(into hasher: inout Hasher) {
        hasher.combine(Array(text.utf8))
    }
}

/// A value quoted for a denial's detail: `"host"`, with `"` and `\` escaped and control or
/// invisible characters shown as `\u{…}`, so look-alikes (`HOST`, `\u{212A}`) stay visible.
func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case _ where scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F:
            result.unicodeScalars.append(scalar)
        default:
            result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
    }
    return result + "\""
}

extension StringProtocol {
    /// Split at an ASCII byte, as Go's `strings.Split`/`SplitN` do: never at a `Character`,
    /// which would hide `:` or `=` followed by a combining mark.
    func splitBytes(_ separator: Unicode.Scalar, maxSplits: Int = Int.max) -> [Substring] {
        precondition(separator.isASCII)
        return String(self).utf8
            .split(separator: UInt8(separator.value), maxSplits: maxSplits, omittingEmptySubsequences: false)
            .map { Substring($0) }
    }

    /// Whether the UTF-8 bytes contain an ASCII byte.
    func containsByte(_ byte: Unicode.Scalar) -> Bool {
        utf8.contains(UInt8(byte.value))
    }
}

/// A value for a reason: as is when it is non-empty printable ASCII, else `quoted` so a look-alike
/// (`CAP_\u{212A}ILL`) cannot pass for the real thing.
func shown(_ text: String) -> String {
    !text.isEmpty && text.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value < 0x7F } ? text : quoted(text)
}
