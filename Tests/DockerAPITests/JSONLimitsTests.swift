import DockerAPI
import Testing

/// The body-size cap (413 in the gate) and the nesting cap.
@Suite("Limits")
struct JSONLimitsTests {
    static func nested(_ depth: Int, open: String = "[", close: String = "]") -> String {
        String(repeating: open, count: depth) + String(repeating: close, count: depth)
    }

    @Test("64 levels of nesting pass, 65 are refused at the 65th bracket")
    func defaultDepth() throws {
        #expect(JSONTest.rejection(Self.nested(64)) == nil)
        let rejection = try #require(JSONTest.rejection(Self.nested(65)))
        #expect(rejection.kind == .tooDeep(limit: 64))
        #expect(rejection.offset == 64)
    }

    @Test("objects and arrays count alike")
    func mixedDepth() {
        let objects = String(repeating: #"{"a":"#, count: 64) + "1" + String(repeating: "}", count: 64)
        #expect(JSONTest.rejection(objects) == nil)
        let mixed = String(repeating: #"{"a":["#, count: 33) + String(repeating: "]}", count: 33)
        #expect(JSONTest.rejection(mixed)?.kind == .tooDeep(limit: 64))
    }

    @Test("the depth limit is configurable")
    func configuredDepth() {
        let limits = JSONLimits(maximumDepth: 2)
        #expect(JSONTest.rejection("[[1]]", limits: limits) == nil)
        #expect(JSONTest.rejection("[[[1]]]", limits: limits)?.kind == .tooDeep(limit: 2))
        #expect(JSONTest.rejection("1", limits: JSONLimits(maximumDepth: 0)) == nil)
        #expect(JSONTest.rejection("[]", limits: JSONLimits(maximumDepth: 0))?.kind == .tooDeep(limit: 0))
    }

    @Test("a depth above deepestAllowed is held at deepestAllowed")
    func clampedDepth() {
        let limits = JSONLimits(maximumDepth: 100_000)
        let allowed = JSONLimits.deepestAllowed
        #expect(JSONTest.rejection(Self.nested(allowed), limits: limits) == nil)
        #expect(JSONTest.rejection(Self.nested(allowed + 1), limits: limits)?.kind == .tooDeep(limit: allowed))
    }

    @Test("very deep input is refused without exhausting the stack")
    func veryDeep() {
        #expect(JSONTest.rejection(Self.nested(200_000))?.kind == .tooDeep(limit: 64))
    }

    @Test("a body at the size limit parses; one byte more is too large")
    func sizeLimit() throws {
        let limits = JSONLimits(maximumBytes: 16)
        let exact = #"{"Image":"1234"}"#
        #expect(exact.utf8.count == 16)
        #expect(JSONTest.rejection(exact, limits: limits) == nil)
        let rejection = try #require(JSONTest.rejection(exact + " ", limits: limits))
        #expect(rejection.kind == .tooLarge(limit: 16))
        #expect(rejection.isTooLarge)
    }

    @Test("the size check comes first: an oversized body of garbage is too large, not a syntax error")
    func sizeFirst() {
        let garbage = [UInt8](repeating: 0xFF, count: (1 << 20) + 1)
        #expect(JSONTest.rejection(garbage)?.kind == .tooLarge(limit: 1 << 20))
    }

    @Test("the default size limit is 1 MiB and a 1 MiB body parses")
    func oneMebibyte() throws {
        #expect(JSONLimits().maximumBytes == 1 << 20)
        let element = #"{"Source":"/srv/data","Target":"/data","Type":"bind","ReadOnly":true},"#
        let count = ((1 << 20) - 2) / element.utf8.count
        var body = "[" + String(repeating: element, count: count)
        body.removeLast()
        body += "]"
        body += String(repeating: " ", count: (1 << 20) - body.utf8.count)
        #expect(body.utf8.count == 1 << 20)
        let value = try JSONTest.parse(body)
        #expect(value.arrayValue?.count == count)
    }
}
