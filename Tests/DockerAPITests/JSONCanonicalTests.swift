import DockerAPI
import Testing

/// The canonical re-encoding: compact, order and exact numbers kept, and Go reads it back to
/// the same values (parsing it again gives an equal tree).
@Suite("Canonical re-encoding")
struct JSONCanonicalTests {
    static let rows: [(String, String)] = [
        ("{ }", "{}"),
        (" [ 1 , 2 ] ", "[1,2]"),
        (#"{"b":1,"a":2}"#, #"{"b":1,"a":2}"#),
        (#"{"\u0048ostConfig":{"\u0050rivileged":true}}"#, #"{"HostConfig":{"Privileged":true}}"#),
        (#"["\u00e9\u212a\ud83d\ude00"]"#, "[\"\u{E9}\u{212A}😀\"]"),
        (#"["\/etc\/passwd"]"#, #"["/etc/passwd"]"#),
        (#"["a\"b\\c"]"#, #"["a\"b\\c"]"#),
        (#"["\b\f\n\r\t\u0001\u001f\u007f"]"#, "[\"\\u0008\\u000c\\n\\r\\t\\u0001\\u001f\u{7F}\"]"),
        (
            "[1.0, -0, 1e400, 1E-3, 123456789012345678901234567890]",
            "[1.0,-0,1e400,1E-3,123456789012345678901234567890]"
        ),
        ("[true,false,null]", "[true,false,null]"),
        (#"{"MaskedPaths":[],"ReadonlyPaths":null}"#, #"{"MaskedPaths":[],"ReadonlyPaths":null}"#),
        ("[\"\u{2028}\u{2029}<>&\"]", "[\"\u{2028}\u{2029}<>&\"]"),
    ]

    @Test("canonical bytes, and a parse of them equal to the original tree", arguments: rows)
    func roundTrip(_ input: String, _ canonical: String) throws {
        let value = try JSONTest.parse(input)
        let bytes = value.canonicalBytes()
        #expect(String(decoding: bytes, as: UTF8.self) == canonical)
        #expect(try StrictJSONParser.parse(bytes) == value)
        #expect(try StrictJSONParser.parse(bytes).canonicalBytes() == bytes)
    }

    @Test("a built tree encodes too")
    func builtTree() throws {
        let labels = try #require(
            JSONObject(members: [JSONMember(key: "dockgate.owner", value: .string("team-a\n"))]))
        let value = JSONValue.object(
            try #require(JSONObject(members: [JSONMember(key: "Labels", value: .object(labels))])))
        #expect(value.description == #"{"Labels":{"dockgate.owner":"team-a\n"}}"#)
        #expect(try StrictJSONParser.parse(value.canonicalBytes()) == value)
    }
}
