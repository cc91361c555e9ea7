import DockerAPI
import Testing

/// The query string as Go's `url.ParseQuery` reads it (docker-api-surface.md §1.5), with
/// what Go would drop or fail refused.
@Suite("Query string parsing")
struct RoutingQueryTests {
    struct Parsed: Sendable, CustomTestStringConvertible {
        let raw: String
        let items: [QueryItem]
        var testDescription: String { raw.isEmpty ? "(empty)" : raw }
    }

    static func item(_ name: String, _ value: String) -> QueryItem { QueryItem(name: name, value: value) }

    static let parsed: [Parsed] = [
        Parsed(raw: "", items: []),
        Parsed(raw: "a=1&a=2", items: [item("a", "1"), item("a", "2")]),
        Parsed(raw: "a", items: [item("a", "")]),
        Parsed(raw: "a=", items: [item("a", "")]),
        Parsed(raw: "=x", items: [item("", "x")]),
        Parsed(raw: "a=1&&b=2&", items: [item("a", "1"), item("b", "2")]),
        Parsed(raw: "a=b=c", items: [item("a", "b=c")]),
        Parsed(raw: "a+b=c+d", items: [item("a b", "c d")]),
        Parsed(raw: "a%2Bb=%26%3D", items: [item("a+b", "&=")]),
        Parsed(raw: "re%70o=x", items: [item("repo", "x")]),
        Parsed(raw: "v=%3B", items: [item("v", ";")]),
        Parsed(raw: "v=%00", items: [item("v", "\u{0}")]),
        Parsed(raw: "v=%C3%A9", items: [item("v", "é")]),
        Parsed(
            raw: "filters=%7B%22label%22%3A%7B%22a%3Db%22%3Atrue%7D%7D",
            items: [item("filters", #"{"label":{"a=b":true}}"#)]),
    ]

    @Test("parsed like url.ParseQuery", arguments: parsed)
    func parses(_ row: Parsed) throws {
        #expect(try QueryParameters.parse(row.raw).get().items == row.items)
    }

    @Test("first value wins for Get; every value for multi-valued parameters")
    func firstWins() throws {
        let query = try QueryParameters.parse("repo=first&tag=x&repo=second&t=a&t=b").get()
        #expect(query.first("repo") == "first")
        #expect(query.formValue("repo") == "first")
        #expect(query.values("repo") == ["first", "second"])
        #expect(query.values("t") == ["a", "b"])
        #expect(query.first("missing") == nil)
        #expect(query.formValue("missing") == "")
        #expect(query.values("missing") == [])
    }

    @Test("names are case-sensitive and compared byte for byte")
    func caseSensitive() throws {
        let query = try QueryParameters.parse("Repo=upper&rotateManagerUnlock%E2%84%AAey=true").get()
        #expect(query.first("repo") == nil)
        #expect(query.first("Repo") == "upper")
        // U+212A KELVIN SIGN is canonically equivalent to K, so Swift's == would match it; Go's does not.
        #expect(query.first("rotateManagerUnlockKey") == nil)
        #expect(!query.contains("rotateManagerUnlockKey"))
    }

    @Test("present with no value is present")
    func presence() throws {
        let query = try QueryParameters.parse("force&v=").get()
        #expect(query.contains("force"))
        #expect(query.contains("v"))
        #expect(!query.contains("link"))
    }

    struct Refused: Sendable, CustomTestStringConvertible {
        let raw: String
        let code: Refusal.Code
        var testDescription: String { raw }
    }

    static let refused: [Refused] = [
        // Go ≥ 1.17 fails the parse; older Go split on it.
        Refused(raw: "a=1;b=2", code: .querySemicolon),
        Refused(raw: "a=1&b=2;", code: .querySemicolon),
        Refused(raw: ";", code: .querySemicolon),
        // Go drops the pair and keeps the rest.
        Refused(raw: "a=%", code: .queryInvalidEncoding),
        Refused(raw: "a=%zz&b=1", code: .queryInvalidEncoding),
        Refused(raw: "%g=1", code: .queryInvalidEncoding),
        Refused(raw: "a=%4", code: .queryInvalidEncoding),
        // Bytes that are not UTF-8.
        Refused(raw: "a=%FF", code: .queryInvalidUTF8),
        Refused(raw: "%C0%80=x", code: .queryInvalidUTF8),
    ]

    @Test("refused where Go fails or truncates", arguments: refused)
    func refusedQuery(_ row: Refused) throws {
        let refusal = try #require(QueryParameters.parse(row.raw).failure)
        #expect(refusal.code == row.code)
        #expect(refusal.status == 400)
    }

    @Test("more parameters than Go's urlmaxqueryparams (10 000) are refused")
    func parameterLimit() throws {
        let atLimit = String(repeating: "&", count: 9_999) + "a=1"
        #expect(try QueryParameters.parse(atLimit).get().items == [QueryItem(name: "a", value: "1")])
        let overLimit = String(repeating: "&", count: 10_000) + "a=1"
        #expect(QueryParameters.parse(overLimit).failure?.code == .queryTooManyParameters)
        #expect(QueryParameters.parse("a=1&b=2&c=3", maximumCount: 2).failure?.code == .queryTooManyParameters)
    }

    @Test("the canonical request carries the parsed query")
    func inRequest() throws {
        let classified = try RoutingTest.classify("POST /v1.41/build?t=a&t=b&networkmode=host&rm=0")
        #expect(classified.endpoint == .build)
        #expect(classified.request.query.values("t") == ["a", "b"])
        #expect(classified.request.query.first("networkmode") == "host")
        #expect(classified.request.query.boolValue("rm", default: true) == false)
    }
}

extension Result {
    /// The failure, or nil.
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
