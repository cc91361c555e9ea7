/// The steps of `CanonicalRequest.canonicalise`, each on the raw bytes of the target.
enum RequestTarget {
    /// Refuses targets that are not a plain path (origin form) or carry bytes a Go client
    /// never sends unescaped.
    static func formRefusal(_ bytes: [UInt8]) -> Refusal? {
        guard let first = bytes.first else {
            return Refusal(.emptyTarget, "the request has an empty target; send a path such as /_ping")
        }
        if bytes == [UInt8(ascii: "*")] {
            return Refusal(
                .asteriskForm,
                "the request target \"*\" names no Engine API endpoint; send a path such as /_ping")
        }
        let shown = Refusal.quoted(String(decoding: bytes, as: UTF8.self))
        guard first == UInt8(ascii: "/") else {
            return Refusal(
                .notOriginForm,
                "the request target \(shown) is not a path; send only the path and query"
                    + " (absolute-form targets such as http://host/… and scheme:/path are refused)")
        }
        if let bad = bytes.first(where: { $0 <= 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "#") }) {
            let what = bad == UInt8(ascii: "#") ? "\"#\"" : "the byte 0x" + String(bad, radix: 16, uppercase: true)
            return Refusal(
                .invalidCharacter,
                "the request target \(shown) contains \(what); percent-encode it")
        }
        return nil
    }

    /// Splits the raw path on `/`, percent-decodes each segment, and refuses every path that
    /// gorilla/mux would clean (and so redirect) or that does not mean one thing.
    /// `/` gives no segments.
    static func decodeSegments(_ rawPath: ArraySlice<UInt8>) -> Result<[String], Refusal> {
        let shown = Refusal.quoted(String(decoding: rawPath, as: UTF8.self))
        if rawPath.elementsEqual([UInt8(ascii: "/")]) { return .success([]) }
        let rawSegments = rawPath.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var segments: [String] = []
        segments.reserveCapacity(rawSegments.count)
        for (index, raw) in rawSegments.enumerated() {
            guard let bytes = PercentDecoding.decode(raw, mode: .path) else {
                return .failure(
                    Refusal(
                        .invalidPercentEncoding,
                        "the path \(shown) has a \"%\" that is not followed by two hex digits; encode a literal"
                            + " percent sign as %25"))
            }
            if bytes.contains(UInt8(ascii: "/")) {
                return .failure(
                    Refusal(
                        .encodedSlash,
                        "the path \(shown) contains an encoded \"/\" (%2F); dockerd decodes it into a path separator,"
                            + " so the request would not reach the object it names"))
            }
            if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                return .failure(
                    Refusal(
                        .controlCharacter,
                        "the path \(shown) decodes to a control character; no Docker object name contains one"))
            }
            guard let segment = String(validating: bytes, as: UTF8.self) else {
                return .failure(
                    Refusal(.invalidUTF8, "the path \(shown) does not decode to valid UTF-8"))
            }
            if segment.isEmpty {
                if index == rawSegments.count - 1 {
                    return .failure(
                        Refusal(
                            .trailingSlash,
                            "the path \(shown) ends with \"/\"; dockerd routes it to no endpoint or to a different"
                                + " one than without it; send it without the trailing slash"))
                }
                return .failure(
                    Refusal(
                        .emptySegment,
                        "the path \(shown) contains \"//\"; dockerd would answer with a redirect instead of running"
                            + " the request; send it with single slashes"))
            }
            if segment.sameBytes(as: ".") || segment.sameBytes(as: "..") {
                return .failure(
                    Refusal(
                        .dotSegment,
                        "the path \(shown) contains a \(Refusal.quoted(segment)) segment (literal or percent-encoded);"
                            + " dockerd would answer with a redirect instead of running the request; send the resolved"
                            + " path"))
            }
            segments.append(segment)
        }
        return .success(segments)
    }

    /// The version of a first segment of the form `v[0-9.]+`, dockerd's prefix pattern.
    static func versionPrefix(_ segment: String) -> APIVersion? {
        guard segment.utf8.first == UInt8(ascii: "v") else { return nil }
        // By bytes: `dropFirst()` on the String would drop a whole grapheme, `v` plus any
        // combining mark after it.
        return APIVersion(String(decoding: segment.utf8.dropFirst(), as: UTF8.self))
    }
}
