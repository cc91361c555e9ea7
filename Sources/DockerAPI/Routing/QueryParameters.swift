/// One `name=value` pair of a query string, both percent-decoded.
public struct QueryItem: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public var description: String { "\(name)=\(value)" }

    /// Byte-wise, as Go compares strings.
    public static func == (lhs: QueryItem, rhs: QueryItem) -> Bool {
        lhs.name.sameBytes(as: rhs.name) && lhs.value.sameBytes(as: rhs.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(name.utf8))
        hasher.combine(Array(value.utf8))
    }
}

/// The query string as dockerd's handlers read it: Go's `url.ParseQuery`, with every case
/// where Go would drop a pair or fail the parse refused instead, so the gate and the daemon
/// always see the same values.
///
/// Names are case-sensitive and compared byte for byte (`Repo` is not `repo`). For a
/// repeated name, `first` is what `r.Form.Get` / `FormValue` return and `values` what the
/// multi-valued parameters (`t`, `changes`, `names`, …) use.
///
/// Only the query string is read. Go also merges a form-encoded request body over these
/// values; `RequestFraming` refuses such bodies so that this never happens.
public struct QueryParameters: Sendable, Hashable, CustomStringConvertible {
    /// Every pair, in the order sent.
    public let items: [QueryItem]

    public init(_ items: [QueryItem] = []) {
        self.items = items
    }

    public var isEmpty: Bool { items.isEmpty }

    public var description: String { items.map(\.description).joined(separator: "&") }

    /// The first value for `name` (`r.Form.Get`), `nil` when absent.
    public func first(_ name: String) -> String? {
        items.first { $0.name.sameBytes(as: name) }?.value
    }

    /// `r.FormValue(name)`: the first value, or `""` when absent.
    public func formValue(_ name: String) -> String { first(name) ?? "" }

    /// Every value for `name`, in order (`r.Form[name]`).
    public func values(_ name: String) -> [String] {
        items.filter { $0.name.sameBytes(as: name) }.map(\.value)
    }

    /// Whether `name` is present at all, even with an empty value (`_, ok := r.Form[name]`).
    public func contains(_ name: String) -> Bool {
        items.contains { $0.name.sameBytes(as: name) }
    }

    /// Parses a raw query string (the part after the first `?`, still percent-encoded).
    ///
    /// Go ≥ 1.17 fails the whole parse on a `;` (`invalid semicolon separator in query`);
    /// older Go treated it as a separator, so the gate refuses it. Go drops pairs with an
    /// invalid escape and keeps the rest — refused here. Go since 1.24.12/1.25.6 refuses
    /// more than 10 000 parameters (`urlmaxqueryparams`), counting `&`-separated pieces.
    public static func parse(_ rawQuery: some StringProtocol, maximumCount: Int = 10_000) -> Result<
        QueryParameters, Refusal
    > {
        let bytes = Array(rawQuery.utf8)
        let pieces = bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false)
        if pieces.count > maximumCount {
            return .failure(
                Refusal(
                    .queryTooManyParameters,
                    "the query string has \(pieces.count) parameters; dockerd reads at most \(maximumCount)"))
        }
        var items: [QueryItem] = []
        for piece in pieces {
            if piece.contains(UInt8(ascii: ";")) {
                return .failure(
                    Refusal(
                        .querySemicolon,
                        "the query string contains \";\" (in \(Refusal.quoted(String(decoding: piece, as: UTF8.self))));"
                            + " dockerd refuses it as a separator, older Go releases split on it; use \"&\" between parameters"
                            + " and encode a literal semicolon as %3B"))
            }
            if piece.isEmpty { continue }
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let rawName = piece[..<(equals ?? piece.endIndex)]
            let rawValue = equals.map { piece[piece.index(after: $0)...] } ?? []
            guard let name = decodeComponent(rawName), let value = decodeComponent(rawValue) else {
                return .failure(invalid(piece))
            }
            switch (name, value) {
            case (.some(let name), .some(let value)):
                items.append(QueryItem(name: name, value: value))
            default:
                return .failure(
                    Refusal(
                        .queryInvalidUTF8,
                        "the query parameter \(Refusal.quoted(String(decoding: piece, as: UTF8.self))) does not decode to"
                            + " valid UTF-8"))
            }
        }
        return .success(QueryParameters(items))
    }

    /// `nil` for an invalid escape; `.some(nil)` for bytes that are not UTF-8.
    private static func decodeComponent(_ raw: ArraySlice<UInt8>) -> String?? {
        guard let bytes = PercentDecoding.decode(raw, mode: .queryComponent) else { return nil }
        return .some(String(validating: bytes, as: UTF8.self))
    }

    private static func invalid(_ piece: ArraySlice<UInt8>) -> Refusal {
        Refusal(
            .queryInvalidEncoding,
            "the query parameter \(Refusal.quoted(String(decoding: piece, as: UTF8.self))) has a \"%\" that is not"
                + " followed by two hex digits; dockerd would silently drop it; encode a literal percent sign as %25")
    }
}
