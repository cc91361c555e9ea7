/// Why `StrictJSONParser` refused a body: either it is not JSON at all, or Go's decoder would
/// read it in a way a checker could get wrong (duplicate names, invalid UTF-8 silently
/// replaced, data after the value …). Carries the byte offset of the offending input.
public struct JSONRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Larger than `JSONLimits.maximumBytes`: the gate answers 413.
        case tooLarge(limit: Int)
        /// No bytes, or only whitespace, where dockerd expects JSON (Go: `io.EOF`). Whether
        /// that is an error depends on the endpoint, so the caller decides.
        case empty
        /// Not JSON by RFC 8259 as Go reads it (dockerd refuses it too).
        case syntax
        /// A UTF-8 byte order mark before the value.
        case byteOrderMark
        /// Ill-formed UTF-8 inside a string; Go would replace it with U+FFFD.
        case invalidUTF8
        /// A `\uD800`-`\uDFFF` escape that is not half of a proper pair; Go would use U+FFFD.
        case loneSurrogate
        /// `\u0000` in a string or name; Go keeps it, C paths later truncate at it.
        case nulCharacter
        /// Anything but whitespace after the value; dockerd 20.10 ignores it, newer ones do not.
        case trailingData
        /// Nested deeper than `JSONLimits.maximumDepth`.
        case tooDeep(limit: Int)
        /// Two names in one object equal under Go's key folding; Go would let the later one
        /// override, or merge it into, the earlier one.
        case duplicateKey(first: String, second: String)
    }

    public let kind: Kind
    /// Byte offset into the body of the offending input.
    public let offset: Int
    /// Short, specific: `duplicate key "image" (same field as "Image")`.
    public let reason: String

    public init(kind: Kind, offset: Int, reason: String) {
        self.kind = kind
        self.offset = offset
        self.reason = reason
    }

    /// The sentence for the response body, in words the docker user can act on.
    public var message: String {
        switch kind {
        case .tooLarge(let limit):
            "dockgate: request body is larger than the \(limit) bytes dockgate inspects; send a smaller request"
        case .empty:
            "dockgate: request body is empty where dockerd expects JSON"
        case .syntax:
            "dockgate: request body is not valid JSON: \(reason) at offset \(offset)"
        case .byteOrderMark, .invalidUTF8, .loneSurrogate, .nulCharacter, .trailingData, .tooDeep,
            .duplicateKey:
            "dockgate: request body is not JSON dockerd would read unambiguously: \(reason) at offset \(offset)"
        }
    }

    public var description: String { message }

    /// Whether the gate should answer 413 rather than 400.
    public var isTooLarge: Bool {
        if case .tooLarge = kind { return true }
        return false
    }
}
