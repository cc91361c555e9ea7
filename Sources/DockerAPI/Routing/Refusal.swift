/// A request the gate will not pass on because dockerd would read it differently from the
/// gate, or not at all: redirected paths, ambiguous framing, form bodies, old API versions.
///
/// A refusal is a value, returned (inside a `Result`, hence `Error`), never thrown. It carries
/// the HTTP status to answer with and a message written for the docker user who will see it
/// after `Error response from daemon:`.
public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identifiers, for the audit log and for tests.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        // The method.
        case methodNotUpperCase = "method.not-upper-case"
        case unknownMethod = "method.unknown"
        // The request target.
        case emptyTarget = "target.empty"
        case asteriskForm = "target.asterisk-form"
        case notOriginForm = "target.not-origin-form"
        case invalidCharacter = "target.invalid-character"
        case invalidPercentEncoding = "target.invalid-percent-encoding"
        // The decoded path.
        case encodedSlash = "path.encoded-slash"
        case emptySegment = "path.empty-segment"
        case dotSegment = "path.dot-segment"
        case trailingSlash = "path.trailing-slash"
        case controlCharacter = "path.control-character"
        case invalidUTF8 = "path.invalid-utf8"
        // The API version prefix.
        case apiVersionTooOld = "version.below-minimum"
        case apiVersionTooNew = "version.above-maximum"
        // The query string.
        case querySemicolon = "query.semicolon"
        case queryInvalidEncoding = "query.invalid-percent-encoding"
        case queryInvalidUTF8 = "query.invalid-utf8"
        case queryTooManyParameters = "query.too-many-parameters"
        // Framing and body.
        case invalidHeader = "header.invalid"
        case contentLengthWithTransferEncoding = "framing.content-length-with-transfer-encoding"
        case multipleContentLength = "framing.multiple-content-length"
        case invalidContentLength = "framing.invalid-content-length"
        case multipleTransferEncoding = "framing.multiple-transfer-encoding"
        case unsupportedTransferEncoding = "framing.unsupported-transfer-encoding"
        case multipleContentType = "body.multiple-content-type"
        case invalidContentType = "body.invalid-content-type"
        case formBody = "body.form"
        case unexpectedBody = "body.not-expected"
    }

    public let code: Code
    /// The HTTP status to answer with.
    public let status: Int
    /// What happened and what to do instead, for the docker user.
    public let message: String

    public init(_ code: Code, _ message: String, status: Int = 400) {
        self.code = code
        self.status = status
        self.message = message
    }

    public var description: String { "\(status) \(code.rawValue): \(message)" }

    /// A value from the request, quoted for a message: printable ASCII as is, anything else
    /// escaped, long values cut, so a message never carries raw control bytes.
    static func quoted(_ value: some StringProtocol, limit: Int = 80) -> String {
        var shown = ""
        for scalar in value.unicodeScalars.prefix(limit) {
            if scalar.value >= 0x20, scalar.value < 0x7F, scalar != "\"", scalar != "\\" {
                shown.unicodeScalars.append(scalar)
            } else {
                shown += scalar.escaped(asASCII: true)
            }
        }
        if value.unicodeScalars.count > limit { shown += "…" }
        return "\"" + shown + "\""
    }
}
