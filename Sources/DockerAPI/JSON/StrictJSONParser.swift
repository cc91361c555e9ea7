/// Reads a request body exactly as dockerd's Go `encoding/json` decoder will, and refuses
/// every body that decoder could read differently from a checker (fail closed).
///
/// Accepts RFC 8259 JSON as Go does (no comments, trailing commas, `NaN`, leading zeros, `+1`,
/// raw control characters, single quotes), and additionally refuses what Go would silently
/// accept with a meaning a checker could miss:
/// - two names in one object equal under Go's key folding (`GoKey.fold`): Go lets the later
///   override or merge into the earlier, whatever the case (`"Image"`/`"image"`, `"Binds"`/
///   `"Bind\u017f"`);
/// - ill-formed UTF-8 and unpaired surrogate escapes (Go substitutes U+FFFD), and `\u0000`;
/// - a byte order mark, and any non-whitespace after the value (dockerd 20.10 decodes once with
///   `json.Decoder` and ignores the rest; newer daemons reject it via `dec.More()`, which still
///   lets a stray `]` or `}` through);
/// - nesting deeper than `JSONLimits.maximumDepth`, bodies over `JSONLimits.maximumBytes`.
///
/// Pure and thread-safe; meant to run on the event loop for bodies up to about 1 MiB.
public enum StrictJSONParser {
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONRejection)
        -> JSONValue
    {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONRejection) in try parse(buffer, limits: limits) }
        }
        return try result.get()
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: JSONLimits = JSONLimits())
        throws(JSONRejection) -> JSONValue
    {
        guard bytes.count <= limits.maximumBytes else {
            throw JSONRejection(
                kind: .tooLarge(limit: limits.maximumBytes), offset: limits.maximumBytes,
                reason: "body of \(bytes.count) bytes is over the \(limits.maximumBytes)-byte limit")
        }
        var reader = JSONReader(bytes: bytes, maximumDepth: limits.effectiveDepth)
        reader.skipWhitespace()
        guard reader.index < bytes.count else {
            throw JSONRejection(kind: .empty, offset: reader.index, reason: "no JSON value in the body")
        }
        if reader.startsWithByteOrderMark {
            throw JSONRejection(kind: .byteOrderMark, offset: reader.index, reason: "byte order mark before the value")
        }
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else {
            throw JSONRejection(
                kind: .trailingData, offset: reader.index,
                reason: "\(JSONRejection.describe(bytes[reader.index])) after the JSON value")
        }
        return value
    }
}
