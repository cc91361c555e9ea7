import DockerAPI
import Testing

/// Only well-formed UTF-8 (Unicode table 3-7) inside strings; Go would quietly turn each of
/// these into U+FFFD, so a checker and the daemon would see different text.
@Suite("UTF-8")
struct JSONUTF8Tests {
    struct Bytes: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { name }
    }

    static let illFormed: [Bytes] = [
        Bytes(name: "lone continuation byte", bytes: [0x80]),
        Bytes(name: "0xFF", bytes: [0xFF]),
        Bytes(name: "0xFE", bytes: [0xFE]),
        Bytes(name: "overlong '/' in two bytes", bytes: [0xC0, 0xAF]),
        Bytes(name: "overlong with 0xC1", bytes: [0xC1, 0xBF]),
        Bytes(name: "overlong '/' in three bytes", bytes: [0xE0, 0x80, 0xAF]),
        Bytes(name: "overlong U+07FF in three bytes", bytes: [0xE0, 0x9F, 0xBF]),
        Bytes(name: "overlong '/' in four bytes", bytes: [0xF0, 0x80, 0x80, 0xAF]),
        Bytes(name: "overlong U+FFFF in four bytes", bytes: [0xF0, 0x8F, 0xBF, 0xBF]),
        Bytes(name: "UTF-8 encoded high surrogate U+D800", bytes: [0xED, 0xA0, 0x80]),
        Bytes(name: "UTF-8 encoded low surrogate U+DFFF", bytes: [0xED, 0xBF, 0xBF]),
        Bytes(name: "UTF-8 encoded surrogate pair (CESU-8)", bytes: [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]),
        Bytes(name: "above U+10FFFF", bytes: [0xF4, 0x90, 0x80, 0x80]),
        Bytes(name: "five-byte lead 0xF8", bytes: [0xF8, 0x88, 0x80, 0x80, 0x80]),
        Bytes(name: "lead 0xF5", bytes: [0xF5, 0x80, 0x80, 0x80]),
        Bytes(name: "truncated two-byte sequence", bytes: [0xC3]),
        Bytes(name: "truncated three-byte sequence", bytes: [0xE2, 0x82]),
        Bytes(name: "truncated four-byte sequence", bytes: [0xF0, 0x9F, 0x98]),
        Bytes(name: "lead followed by ASCII", bytes: [0xC3, 0x41]),
        Bytes(name: "extra continuation after a full sequence", bytes: [0xC3, 0xA9, 0xA9]),
    ]

    @Test("ill-formed UTF-8 in a value is refused at its first byte", arguments: illFormed)
    func inValue(_ row: Bytes) throws {
        let body = Array(#"{"NetworkMode":"ho"#.utf8) + row.bytes + Array(#"st"}"#.utf8)
        let rejection = try #require(JSONTest.rejection(body))
        #expect(rejection.kind == .invalidUTF8)
        #expect(rejection.offset >= 18 && rejection.offset < 18 + row.bytes.count)
    }

    @Test("ill-formed UTF-8 in a name is refused", arguments: illFormed)
    func inName(_ row: Bytes) {
        let body = Array(#"{"Privileged"#.utf8) + row.bytes + Array(#"":true}"#.utf8)
        #expect(JSONTest.rejection(body)?.kind == .invalidUTF8)
    }

    @Test("ill-formed UTF-8 after an escape (slow path) is refused", arguments: illFormed)
    func afterEscape(_ row: Bytes) {
        let body = Array(#"["\n"#.utf8) + row.bytes + Array(#""]"#.utf8)
        #expect(JSONTest.rejection(body)?.kind == .invalidUTF8)
    }

    static let wellFormed: [(String, [UInt8], String)] = [
        ("é", [0xC3, 0xA9], "\u{E9}"),
        ("U+07FF", [0xDF, 0xBF], "\u{7FF}"),
        ("U+0800", [0xE0, 0xA0, 0x80], "\u{800}"),
        ("euro sign", [0xE2, 0x82, 0xAC], "€"),
        ("U+D7FF, last before the surrogates", [0xED, 0x9F, 0xBF], "\u{D7FF}"),
        ("U+E000, first after the surrogates", [0xEE, 0x80, 0x80], "\u{E000}"),
        ("U+FEFF inside a string", [0xEF, 0xBB, 0xBF], "\u{FEFF}"),
        ("U+FFFD itself", [0xEF, 0xBF, 0xBD], "\u{FFFD}"),
        ("noncharacter U+FFFF", [0xEF, 0xBF, 0xBF], "\u{FFFF}"),
        ("U+10000", [0xF0, 0x90, 0x80, 0x80], "\u{10000}"),
        ("emoji", [0xF0, 0x9F, 0x98, 0x80], "😀"),
        ("U+10FFFF", [0xF4, 0x8F, 0xBF, 0xBF], "\u{10FFFF}"),
        ("DEL", [0x7F], "\u{7F}"),
    ]

    @Test("well-formed UTF-8 is kept as is", arguments: wellFormed)
    func accepted(_ name: String, _ bytes: [UInt8], _ expected: String) throws {
        let value = try StrictJSONParser.parse(Array(#"[""#.utf8) + bytes + Array(#""]"#.utf8))
        #expect(value == .array([.string(expected)]))
    }

    @Test("non-ASCII bytes outside strings are a syntax error")
    func outsideStrings() {
        #expect(JSONTest.rejection([0x7B, 0xC3, 0xA9, 0x7D])?.kind == .syntax)
        #expect(JSONTest.rejection(Array("[1,\u{A0}2]".utf8))?.kind == .syntax)
    }
}
