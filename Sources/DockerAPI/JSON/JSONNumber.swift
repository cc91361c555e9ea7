/// A JSON number kept as its exact source text (`1e3`, `-0`, `9223372036854775808`), because
/// whether Go accepts it depends on the Go type of the field it lands in; see
/// `JSONNumber+Go.swift`.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as sent; always valid RFC 8259 number syntax.
    public let text: String

    /// A number from text in JSON number syntax (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`),
    /// or nil for anything else (`+1`, `01`, `.5`, `1.`, `NaN`).
    public init?(_ text: String) {
        let valid = Array(text.utf8).withUnsafeBytes { buffer in
            guard case .success(let end) = JSONNumberSyntax.length(in: buffer, from: 0) else { return false }
            return end == buffer.count
        }
        guard valid else { return nil }
        self.text = text
    }

    /// For the parser, which has already checked the syntax.
    init(checkedText: String) {
        self.text = checkedText
    }

    /// Whether the text is an integer literal: no fraction, no exponent.
    public var isIntegerLiteral: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }
    }

    public var description: String { text }
}
