import DockerAPI
import Testing

/// The words a docker user reads after `Error response from daemon:`.
@Suite("Rejection messages")
struct JSONRejectionMessageTests {
    static let prefix = "dockgate: request body is not JSON dockerd would read unambiguously: "

    static let rows: [(String, String)] = [
        (
            #"{"Image":1,"image":2}"#,
            prefix + #"duplicate key "image" (same field as "Image" for dockerd) at offset 11"#
        ),
        (#"{"Image":1,"Image":2}"#, prefix + #"duplicate key "Image" at offset 11"#),
        (
            #"{"Binds":[],"Bind\u017f":[]}"#,
            prefix + #"duplicate key "Bind\u017f" (same field as "Binds" for dockerd) at offset 12"#
        ),
        (#"{"a\"b":1,"A\"B":2}"#, prefix + #"duplicate key "A\"B" (same field as "a\"b" for dockerd) at offset 10"#),
        (#"{"\ud83d\ude00":1,"\ud83d\ude00":2}"#, prefix + #"duplicate key "\ud83d\ude00" at offset 18"#),
        (
            #"["\ud800"]"#,
            prefix + #"unpaired surrogate \ud800 inside a string, which Go would replace with U+FFFD at offset 2"#
        ),
        (#"["\u0000"]"#, prefix + #"\u0000 (NUL) inside a string, which paths and names cannot hold at offset 2"#),
        ("{} {}", prefix + "'{' after the JSON value at offset 3"),
        ("{}\u{0C}", prefix + "byte 0x0C after the JSON value at offset 2"),
        ("\u{FEFF}{}", prefix + "byte order mark before the value at offset 0"),
        (String(repeating: "[", count: 65), prefix + "objects and arrays nested more than 64 deep at offset 64"),
        (#"{"a":1,}"#, "dockgate: request body is not valid JSON: trailing comma in an object at offset 7"),
        (#"{"a" 1}"#, "dockgate: request body is not valid JSON: '1' after a member name, expected ':' at offset 5"),
        (#"{"a":tru}"#, "dockgate: request body is not valid JSON: invalid literal, expected true at offset 5"),
        ("[01]", "dockgate: request body is not valid JSON: number with a leading zero at offset 1"),
        ("[1.]", "dockgate: request body is not valid JSON: ']' in a number, expected a digit at offset 3"),
        (
            "[\"a\tb\"]",
            "dockgate: request body is not valid JSON: control character byte 0x09 inside a string; escape it at offset 3"
        ),
        ("{\"a\":1", "dockgate: request body is not valid JSON: unexpected end of body inside an object at offset 6"),
        ("", "dockgate: request body is empty where dockerd expects JSON"),
    ]

    @Test("each rejection explains itself with an offset", arguments: rows)
    func message(_ body: String, _ expected: String) throws {
        #expect(try #require(JSONTest.rejection(body)).message == expected)
    }

    @Test("invalid UTF-8 names the byte")
    func invalidUTF8() throws {
        let rejection = try #require(JSONTest.rejection(Array(#"["ho"#.utf8) + [0xFF] + Array(#"st"]"#.utf8)))
        #expect(
            rejection.message == Self.prefix
                + "invalid UTF-8 (byte 0xFF) inside a string, which Go would replace with U+FFFD at offset 4")
    }

    @Test("an oversized body gets the 413 wording")
    func tooLarge() throws {
        let rejection = try #require(JSONTest.rejection("[1, 2]", limits: JSONLimits(maximumBytes: 4)))
        #expect(
            rejection.message
                == "dockgate: request body is larger than the 4 bytes dockgate inspects; send a smaller request")
        #expect(rejection.isTooLarge)
        #expect(rejection.description == rejection.message)
    }

    @Test("long names are cut short in messages")
    func longName() throws {
        let name = String(repeating: "x", count: 100)
        let rejection = try #require(JSONTest.rejection(#"{"\#(name)":1,"\#(name)":2}"#))
        #expect(rejection.reason == #"duplicate key ""# + String(repeating: "x", count: 64) + #"...""#)
    }
}
