import DockerAPI
import Testing

/// Absent, `null` and empty stay distinct through lookups, for struct fields and map keys.
@Suite("null, empty and absent")
struct JSONNullAbsentTests {
    static let fields = ["MaskedPaths", "ReadonlyPaths", "Binds", "CapAdd", "Sysctls"]

    @Test("each field reads back as absent, null, empty array or empty object", arguments: fields)
    func distinct(_ field: String) throws {
        let absent = try JSONTest.lookup(#"{"HostConfig":{}}"#, ["HostConfig", field])
        let null = try JSONTest.lookup(#"{"HostConfig":{"\#(field)":null}}"#, ["HostConfig", field])
        let emptyArray = try JSONTest.lookup(#"{"HostConfig":{"\#(field)":[]}}"#, ["HostConfig", field])
        let emptyObject = try JSONTest.lookup(#"{"HostConfig":{"\#(field)":{}}}"#, ["HostConfig", field])
        #expect(absent == .absent)
        #expect(absent.value == nil && absent.key == nil)
        #expect(null.isNull && null.value == .null && null.key == field)
        #expect(emptyArray.value == .array([]) && !emptyArray.isNull && !emptyArray.isAbsent)
        #expect(emptyObject.value?.objectValue?.isEmpty == true)
        #expect(Set([absent, null, emptyArray, emptyObject]).count == 4)
    }

    @Test("a lookup reports the name as the client spelled it")
    func spelledKey() throws {
        #expect(try JSONTest.lookup(#"{"maskedpaths":[]}"#, ["MaskedPaths"]).key == "maskedpaths")
        #expect(try JSONTest.lookup(#"{"MaskedPath\u017f":[]}"#, ["MaskedPaths"]).key == "MaskedPath\u{017F}")
    }

    @Test("map keys are exact: no folding for Labels, Sysctls, DriverOpts")
    func mapKeys() throws {
        let labels = try #require(try JSONTest.parse(#"{"Team":"a","\u212aey":"b"}"#).objectValue)
        #expect(labels.value(forMapKey: "Team").value == .string("a"))
        #expect(labels.value(forMapKey: "team").isAbsent)
        #expect(labels.value(forMapKey: "Key").isAbsent)
        #expect(labels.value(forMapKey: "\u{212A}ey").value == .string("b"))
        #expect(labels.value(forField: "team").value == .string("a"))
    }

    @Test("values compare by bytes as in Go, not by Swift's canonical equivalence")
    func byteEquality() throws {
        // U+212A decomposes canonically to K, so Swift's String == calls these equal.
        #expect("\u{212A}ILL" == "KILL")
        #expect(JSONValue.string("\u{212A}ILL") != .string("KILL"))
        #expect(JSONValue.string("e\u{301}") != .string("\u{E9}"))
        let labels = try #require(try JSONTest.parse(#"{"\u212aey":"b"}"#).objectValue)
        #expect(labels.value(forMapKey: "Key").isAbsent)
        #expect(Set([JSONValue.string("\u{212A}"), .string("K")]).count == 2)
    }
}
