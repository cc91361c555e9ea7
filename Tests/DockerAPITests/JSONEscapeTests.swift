import DockerAPI
import Testing

/// Escapes are decoded before names are matched; only Go's escapes are accepted, and only
/// surrogate escapes that pair up.
@Suite("String escapes")
struct JSONEscapeTests {
    static let decoded: [(String, String)] = [
        (#"\""#, "\""),
        (#"\\"#, "\\"),
        (#"\/"#, "/"),
        (#"\b"#, "\u{08}"),
        (#"\f"#, "\u{0C}"),
        (#"\n"#, "\n"),
        (#"\r"#, "\r"),
        (#"\t"#, "\t"),
        (#"\u0068ost"#, "host"),
        (#"\u00e9"#, "é"),
        (#"\u00E9"#, "é"),
        (#"\u001f"#, "\u{1F}"),
        (#"\u212a"#, "\u{212A}"),
        (#"\ufffd"#, "\u{FFFD}"),
        (#"\ud83d\ude00"#, "😀"),
        (#"\uD83D\uDE00"#, "😀"),
        (#"\udbff\udfff"#, "\u{10FFFF}"),
        (#"a\u0062c\n\u0064"#, "abc\nd"),
        (#"/etc\/passwd"#, "/etc/passwd"),
    ]

    @Test("escapes decode to what Go's unquote produces", arguments: decoded)
    func decodes(_ escaped: String, _ expected: String) throws {
        #expect(try JSONTest.parse(#"[""# + escaped + #""]"#) == .array([.string(expected)]))
    }

    @Test("an escaped name reaches its field: \\u0048ostConfig is HostConfig")
    func escapedName() throws {
        let lookup = try JSONTest.lookup(
            #"{"\u0048ostConfig":{"\u0050rivileged":true}}"#, ["HostConfig", "Privileged"])
        #expect(lookup.value == .bool(true))
        #expect(try JSONTest.lookup(#"{"\u0048ostConfig":{}}"#, ["HostConfig"]).key == "HostConfig")
    }

    static let loneSurrogates: [String] = [
        #"\ud800"#,
        #"\ud800x"#,
        #"\udbff\u0041"#,
        #"\ud800\ud800"#,
        #"\udc00"#,
        #"\udfff\ud800"#,
        #"\ud800\n"#,
        #"\ud800\u"#,
        #"\ud800\uzzzz"#,
    ]

    @Test("unpaired surrogate escapes are refused", arguments: loneSurrogates)
    func loneSurrogate(_ escaped: String) throws {
        let rejection = try #require(JSONTest.rejection(#"{"Binds":[""# + escaped + #""]}"#))
        #expect(rejection.kind == .loneSurrogate)
        #expect(rejection.offset == 11)
    }

    @Test("\\u0000 is refused in values and names")
    func nul() {
        #expect(JSONTest.rejection(#"["/etc\u0000"]"#)?.kind == .nulCharacter)
        #expect(JSONTest.rejection(#"{"\u0000":1}"#)?.kind == .nulCharacter)
        #expect(JSONTest.rejection(#"["\u0000\n"]"#)?.offset == 2)
    }

    static let invalidEscapes: [String] = [
        #"\'"#, #"\x41"#, #"\U0041"#, #"\a"#, #"\0"#, #"\u12"#, #"\u12G4"#, #"\u"#, #"\ "#, #"\e"#,
    ]

    @Test("escapes Go does not accept are a syntax error", arguments: invalidEscapes)
    func invalid(_ escaped: String) {
        #expect(JSONTest.rejection(#"[""# + escaped + #""]"#)?.kind == .syntax)
    }

    @Test("raw control characters inside a string are a syntax error", arguments: Array(UInt8(0)...UInt8(0x1F)))
    func rawControl(_ byte: UInt8) {
        let body = Array(#"["a"#.utf8) + [byte] + Array(#"b"]"#.utf8)
        let rejection = JSONTest.rejection(body)
        #expect(rejection?.kind == .syntax)
        #expect(rejection?.offset == 3)
    }

    @Test("an unterminated string or escape is a syntax error")
    func unterminated() {
        #expect(JSONTest.rejection(#"["abc"#)?.kind == .syntax)
        #expect(JSONTest.rejection(#"["abc\"#)?.kind == .syntax)
        #expect(JSONTest.rejection(#"["abc\u00"#)?.kind == .syntax)
        #expect(JSONTest.rejection(#"["\n"#)?.kind == .syntax)
    }
}
