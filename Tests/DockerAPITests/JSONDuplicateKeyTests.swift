import DockerAPI
import Testing

/// Two names in one object that Go could send to the same place are refused, at any depth,
/// in struct-like and map-like objects alike; the same name in different objects is fine.
@Suite("Duplicate keys")
struct JSONDuplicateKeyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let body: String
        let first: String
        let second: String
        let offset: Int
        var testDescription: String { body }
    }

    static let refused: [Case] = [
        Case(body: #"{"Image":1,"image":2}"#, first: "Image", second: "image", offset: 11),
        Case(body: #"{"Image":1,"Image":2}"#, first: "Image", second: "Image", offset: 11),
        Case(body: #"{"Image":1, "Cmd":[], "IMAGE":2}"#, first: "Image", second: "IMAGE", offset: 22),
        Case(body: #"{"Binds":[],"Bind\u017f":[]}"#, first: "Binds", second: "Bind\u{017F}", offset: 12),
        Case(body: #"{"HostConfig":{"CapAdd":[],"capadd":[]}}"#, first: "CapAdd", second: "capadd", offset: 27),
        Case(
            body: #"{"NetworkingConfig":{"EndpointsConfig":{"n":{"Aliases":[],"aliases":[]}}}}"#,
            first: "Aliases", second: "aliases", offset: 58),
        Case(body: #"[{"a":1},{"b":1,"B":2}]"#, first: "b", second: "B", offset: 16),
        Case(body: #"{"Labels":{"team":"a","team":"b"}}"#, first: "team", second: "team", offset: 22),
        Case(body: #"{"Labels":{"Team":"a","team":"b"}}"#, first: "Team", second: "team", offset: 22),
        Case(body: #"{"\u0049mage":1,"Image":2}"#, first: "Image", second: "Image", offset: 16),
        Case(body: #"{"Env":[],"\u0065nv":[]}"#, first: "Env", second: "env", offset: 10),
    ]

    @Test("refused, naming both spellings, at the offset of the second", arguments: refused)
    func refusedCases(_ row: Case) throws {
        let rejection = try #require(JSONTest.rejection(row.body))
        #expect(rejection.kind == .duplicateKey(first: row.first, second: row.second))
        #expect(rejection.offset == row.offset)
    }

    @Test("refused at every depth", arguments: 1...20)
    func everyDepth(_ depth: Int) {
        let open = String(repeating: #"{"x":"#, count: depth - 1)
        let close = String(repeating: "}", count: depth - 1)
        let body = open + #"{"Privileged":false,"privileged":true}"# + close
        #expect(JSONTest.rejection(body)?.kind == .duplicateKey(first: "Privileged", second: "privileged"))
    }

    static let accepted: [String] = [
        #"{"a":{"Image":1},"b":{"Image":2}}"#,
        #"[{"Image":1},{"Image":2}]"#,
        #"{"Image":{"Image":{"image":1}}}"#,
        #"{"CapAdd":["ALL","ALL"]}"#,
        #"{"Labels":{"a":"x","b":"x"}}"#,
        #"{"Cap_Add":1,"CapAdd":2}"#,
    ]

    @Test("the same name in different objects, or repeated values, are fine", arguments: accepted)
    func acceptedCases(_ body: String) {
        #expect(JSONTest.rejection(body) == nil)
    }

    @Test("JSONObject(members:) refuses colliding names too")
    func builtObject() {
        let members = [JSONMember(key: "Binds", value: .null), JSONMember(key: "Bind\u{017F}", value: .array([]))]
        #expect(JSONObject(members: members) == nil)
        #expect(JSONObject(members: [JSONMember(key: "Binds", value: .null)]) != nil)
    }
}
