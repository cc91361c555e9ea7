import DockerAPI
import Testing

/// RFC 8259 exactly as Go's scanner reads it: nothing more lenient, nothing stricter.
@Suite("Grammar")
struct JSONGrammarTests {
    static let accepted: [(String, JSONValue)] = [
        ("{}", .object(JSONObject(members: [])!)),
        ("[]", .array([])),
        (#""""#, .string("")),
        ("0", .number(JSONNumber("0")!)),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("null", .null),
        (" \t\r\n{ \t\r\n} \t\r\n", .object(JSONObject(members: [])!)),
        (
            #"[1, "a" ,true,null , [ ] ,{ } ]"#,
            .array([
                .number(JSONNumber("1")!), .string("a"), .bool(true), .null, .array([]),
                .object(JSONObject(members: [])!),
            ])
        ),
        (
            #"{ "a" : 1 , "b":[] }"#,
            .object(
                JSONObject(members: [
                    JSONMember(key: "a", value: .number(JSONNumber("1")!)), JSONMember(key: "b", value: .array([])),
                ])!)
        ),
        (#"{"":1}"#, .object(JSONObject(members: [JSONMember(key: "", value: .number(JSONNumber("1")!))])!)),
    ]

    @Test("valid JSON parses to the expected tree", arguments: accepted)
    func accepts(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONTest.parse(text) == expected)
    }

    static let refused: [String] = [
        "{,}", #"{"a"}"#, #"{"a":}"#, #"{"a" 1}"#, "{a:1}", "{'a':1}", #"{"a":'b'}"#,
        "[1,]", #"{"a":1,}"#, "[,1]", "[1,,2]", #"{"a":1,,"b":2}"#, #"{"a":1 "b":2}"#, "[1 2]",
        "/* c */{}", "{}/* c */", "{} // c", "# c\n{}", "NaN", "Infinity", "-Infinity", "True", "FALSE",
        "nul", "nulll", "tru", "undefined", "{", "[", "[{]", #"{"a":[}"#, "]", "}", ":", ",",
        #"{"a":1"#, "[1", #"{"a""#, "\u{0C}{}", "\u{0B}{}", "\u{A0}{}", "{}\u{FEFF}", "[\u{FEFF}1]",
        #"{"a":True}"#, "[01]", "[.5]", "[+1]", "[1.]", "[0x10]", "[1_000]", "[-]", "['x']",
    ]

    @Test("not JSON as Go reads it", arguments: refused)
    func refuses(_ text: String) throws {
        let rejection = try #require(JSONTest.rejection(text))
        #expect(["syntax", "trailingData"].contains(rejection.kind.name))
    }

    @Test("a byte order mark is refused with its own reason")
    func byteOrderMark() {
        #expect(JSONTest.rejection([0xEF, 0xBB, 0xBF] + Array("{}".utf8))?.kind == .byteOrderMark)
        #expect(JSONTest.rejection(Array(" \u{FEFF}{}".utf8))?.kind == .byteOrderMark)
        #expect(JSONTest.rejection([0xEF, 0xBB])?.kind == .syntax)
    }

    @Test("an empty or whitespace-only body is reported as empty", arguments: ["", " ", "\n", " \t\r\n "])
    func empty(_ text: String) {
        let rejection = JSONTest.rejection(text)
        #expect(rejection?.kind == .empty)
    }

    @Test("a syntax error points at the offending byte")
    func syntaxOffset() {
        #expect(JSONTest.rejection(#"{"a":1,}"#)?.offset == 7)
        #expect(JSONTest.rejection(#"{"a" 1}"#)?.offset == 5)
        #expect(JSONTest.rejection("[tru]")?.offset == 1)
        #expect(JSONTest.rejection("[1,]")?.offset == 3)
    }
}
