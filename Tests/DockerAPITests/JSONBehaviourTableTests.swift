import DockerAPI
import Testing

/// Every row of docker-api-surface.md §2.1 (and the §2.2 top-level aliases): each trick is
/// either read exactly as dockerd 20.10 reads it, or refused.
@Suite("§2.1 behaviour table, row by row")
struct JSONBehaviourTableTests {
    struct Reading: Sendable, CustomTestStringConvertible {
        let body: String
        let path: [String]
        /// nil: Go stores nothing into that field.
        let expected: JSONValue?
        var testDescription: String { "\(body) → \(path.joined(separator: "."))" }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let body: String
        let kind: String
        var testDescription: String { body }
    }

    static let keyMatchingRows: [Reading] = [
        Reading(body: #"{"privileged":true}"#, path: ["Privileged"], expected: .bool(true)),
        Reading(
            body: #"{"hostconfig":{"PRIVILEGED":true}}"#, path: ["HostConfig", "Privileged"], expected: .bool(true)),
        Reading(
            body: #"{"HostConfig":{"Bind\u017f":["/:/h"]}}"#, path: ["HostConfig", "Binds"],
            expected: .array([.string("/:/h")])),
        Reading(
            body: #"{"HostConfig":{"Networ\u212aMode":"host"}}"#, path: ["HostConfig", "NetworkMode"],
            expected: .string("host")),
        Reading(body: #"{"HostConfig":{"Privıleged":true}}"#, path: ["HostConfig", "Privileged"], expected: nil),
        Reading(body: #"{"HostConfig":{"Priv\u0131leged":true}}"#, path: ["HostConfig", "Privileged"], expected: nil),
    ]

    @Test("key matching: exact, else case-insensitive with the K and ſ folds", arguments: keyMatchingRows)
    func keyMatching(_ row: Reading) throws {
        #expect(try JSONTest.lookup(row.body, row.path).value == row.expected)
    }

    @Test("key matching: \"Privileged\\u0000\" (ignored by Go) is refused for its NUL")
    func nulInName() {
        #expect(JSONTest.rejection(#"{"Privileged\u0000":true}"#)?.kind == .nulCharacter)
    }

    static let escapesRows: [Reading] = [
        Reading(body: #"{"\u0050rivileged":true}"#, path: ["Privileged"], expected: .bool(true)),
        Reading(body: #"{"NetworkMode":"\u0068ost"}"#, path: ["NetworkMode"], expected: .string("host")),
        Reading(
            body: #"{"\u0048ostConfig":{"\u0070rivileged":true}}"#, path: ["HostConfig", "Privileged"],
            expected: .bool(true)),
    ]

    @Test("\\u escapes are decoded in names and values", arguments: escapesRows)
    func escapes(_ row: Reading) throws {
        #expect(try JSONTest.lookup(row.body, row.path).value == row.expected)
    }

    /// Last-wins, merged objects, merged maps, replaced arrays, null after a value: Go gives
    /// each a different result, so every one of them is refused at the first repeated name.
    static let duplicatesRows: [Refusal] = [
        Refusal(body: #"{"Privileged":false,"privileged":true}"#, kind: "duplicateKey"),
        Refusal(body: #"{"privileged":true,"Privileged":false}"#, kind: "duplicateKey"),
        Refusal(body: #"{"HostConfig":{"Privileged":true},"HostConfig":{"CapAdd":["ALL"]}}"#, kind: "duplicateKey"),
        Refusal(body: #"{"HostConfig":{"Privileged":true},"hostconfig":{"Privileged":false}}"#, kind: "duplicateKey"),
        Refusal(body: #"{"HostConfig":{"Sysctls":{"a":"1"},"Sysctls":{"b":"2"}}}"#, kind: "duplicateKey"),
        Refusal(body: #"{"HostConfig":{"LogConfig":{"Config":{"a":"1"},"Config":{"b":"2"}}}}"#, kind: "duplicateKey"),
        Refusal(body: #"{"HostConfig":{"CapAdd":["NET_ADMIN"],"CapAdd":["CHOWN"]}}"#, kind: "duplicateKey"),
        Refusal(body: #"{"HostConfig":{"Privileged":true,"Privileged":null}}"#, kind: "duplicateKey"),
        Refusal(body: #"{"HostConfig":{"Binds":["/:/h"],"Binds":null}}"#, kind: "duplicateKey"),
        Refusal(body: #"{"HostConfig":{"Privileged":true},"HostConfig":null}"#, kind: "duplicateKey"),
    ]

    @Test("duplicate keys (scalar, object, map, array, null) are refused", arguments: duplicatesRows)
    func duplicates(_ row: Refusal) {
        #expect(JSONTest.rejection(row.body)?.kind.name == row.kind)
    }

    @Test("null on a bool: present and null, which Go ignores (no change)")
    func nullOnBool() throws {
        let lookup = try JSONTest.lookup(#"{"HostConfig":{"Privileged":null}}"#, ["HostConfig", "Privileged"])
        #expect(lookup.isNull)
        #expect(try lookup.value?.goBool() == nil)
    }

    @Test("null, [] and absent are three different readings of MaskedPaths")
    func nullEmptyAbsent() throws {
        let path = ["HostConfig", "MaskedPaths"]
        let null = try JSONTest.lookup(#"{"HostConfig":{"MaskedPaths":null}}"#, path)
        let empty = try JSONTest.lookup(#"{"HostConfig":{"MaskedPaths":[]}}"#, path)
        let absent = try JSONTest.lookup(#"{"HostConfig":{}}"#, path)
        #expect(null.isNull && !null.isAbsent)
        #expect(empty.value == .array([]) && !empty.isNull)
        #expect(absent.isAbsent && !absent.isNull)
    }

    @Test("unknown fields are kept and ignored by lookups")
    func unknownFields() throws {
        let body = #"{"HostConfig":{"Privileged":true,"Unknown":1}}"#
        #expect(try JSONTest.lookup(body, ["HostConfig", "Privileged"]).value == .bool(true))
        #expect(try JSONTest.lookup(body, ["HostConfig"]).value?.objectValue?.count == 2)
    }

    @Test("type strictness: a bool field takes only true/false", arguments: ["1", #""true""#, "[]", "{}"])
    func boolStrictness(_ literal: String) throws {
        let value = try #require(try JSONTest.lookup(#"{"Privileged":\#(literal)}"#, ["Privileged"]).value)
        #expect(throws: GoDecodingError.self) { try value.goBool() }
    }

    @Test(
        "type strictness: an int64 field takes only integer literals in range",
        arguments: ["1e9", "1.0", #""1000""#, "9223372036854775808"])
    func int64Strictness(_ literal: String) throws {
        let value = try #require(try JSONTest.lookup(#"{"Memory":\#(literal)}"#, ["Memory"]).value)
        #expect(throws: GoDecodingError.self) { try value.goInteger(as: Int64.self) }
    }

    @Test("type strictness: -0 is accepted into an int64 field as 0")
    func negativeZero() throws {
        let value = try #require(try JSONTest.lookup(#"{"Memory":-0}"#, ["Memory"]).value)
        #expect(try value.goInteger(as: Int64.self) == 0)
    }

    static let nonJSONRows: [Refusal] = [
        Refusal(body: "\u{FEFF}{\"Image\":\"x\"}", kind: "byteOrderMark"),
        Refusal(body: #"{/* c */"Image":"x"}"#, kind: "syntax"),
        Refusal(body: #"{"Image":"x",}"#, kind: "syntax"),
        Refusal(body: #"{"CpuShares":NaN}"#, kind: "syntax"),
    ]

    @Test("non-JSON syntax (BOM, comments, trailing commas, NaN) is refused", arguments: nonJSONRows)
    func nonJSONSyntax(_ row: Refusal) {
        #expect(JSONTest.rejection(row.body)?.kind.name == row.kind)
    }

    @Test("invalid UTF-8 and lone surrogates, which Go turns into U+FFFD, are refused")
    func replacementCharacters() {
        let invalid = Array(#"{"NetworkMode":"ho"#.utf8) + [0xFF] + Array(#"st"}"#.utf8)
        #expect(JSONTest.rejection(invalid)?.kind == .invalidUTF8)
        #expect(JSONTest.rejection(#"{"Binds":["\ud800/etc:/h"]}"#)?.kind == .loneSurrogate)
    }

    static let trailingRows: [Refusal] = [
        // dockerd 20.10 decodes the first value only and ignores these.
        Refusal(body: #"{"Image":"x"}{"HostConfig":{"Privileged":true}}"#, kind: "trailingData"),
        Refusal(body: #"{"Image":"x"} trailing garbage"#, kind: "trailingData"),
        // Newer daemons check dec.More(), which still lets a stray closing bracket through.
        Refusal(body: #"{"Image":"x"}}"#, kind: "trailingData"),
        Refusal(body: #"{"Image":"x"}]"#, kind: "trailingData"),
    ]

    @Test("data after the first value is refused", arguments: trailingRows)
    func trailingData(_ row: Refusal) {
        #expect(JSONTest.rejection(row.body)?.kind.name == row.kind)
    }

    static let tagNamesRows: [Reading] = [
        Reading(
            body: #"{"HostConfig":{"CPUShares":512}}"#, path: ["HostConfig", "CpuShares"],
            expected: .number(JSONNumber("512")!)),
        Reading(
            body: #"{"HostConfig":{"NanoCPUs":1}}"#, path: ["HostConfig", "NanoCpus"],
            expected: .number(JSONNumber("1")!)),
        Reading(body: #"{"HostConfig":{"DNS":[]}}"#, path: ["HostConfig", "Dns"], expected: .array([])),
        Reading(
            body: #"{"HostConfig":{"cpuperiod":1}}"#, path: ["HostConfig", "CpuPeriod"],
            expected: .number(JSONNumber("1")!)),
    ]

    @Test("JSON tag names (CpuShares, NanoCpus, Dns) match their Go-style spellings", arguments: tagNamesRows)
    func tagNames(_ row: Reading) throws {
        #expect(try JSONTest.lookup(row.body, row.path).value == row.expected)
    }

    @Test("§2.2: HostConfig fields at the top level are found there, in any case")
    func topLevelHostConfig() throws {
        let body = try JSONTest.parse(
            #"{"Image":"x","privileged":true,"binds":["/:/host"],"NetworkMode":"host","PidMode":"host"}"#)
        #expect(JSONTest.lookup(body, ["Privileged"]).value == .bool(true))
        #expect(JSONTest.lookup(body, ["Binds"]).value == .array([.string("/:/host")]))
        #expect(JSONTest.lookup(body, ["NetworkMode"]).value == .string("host"))
        #expect(JSONTest.lookup(body, ["PidMode"]).value == .string("host"))
    }

    @Test("§2.2: a top-level field and an inner HostConfig are both visible to the checker")
    func topLevelAndInner() throws {
        let body = try JSONTest.parse(#"{"Privileged":true,"HostConfig":{}}"#)
        #expect(JSONTest.lookup(body, ["Privileged"]).value == .bool(true))
        #expect(JSONTest.lookup(body, ["HostConfig", "Privileged"]).isAbsent)
    }
}
