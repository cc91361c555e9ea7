import DockerAPI
import Testing

/// Typed reads of query values, as `httputils.BoolValue`, `Int64ValueOrZero`,
/// `Int64ValueOrDefault`, `Uint32Value` and `strconv.ParseBool` convert them.
@Suite("Go value conversions")
struct RoutingGoValuesTests {
    @Test(
        "BoolValue: false only for \"\", 0, no, false, none (trimmed, any case)",
        arguments: [
            "", "0", "no", "false", "none", "FALSE", "No", "nonE", " no ", "\tfalse\n", "\u{00A0}none\u{3000}",
            "\u{2028}0\u{85}", "\u{1680}\u{205F}",
        ])
    func boolFalse(_ value: String) {
        #expect(GoValues.boolValue(value) == false)
    }

    @Test(
        "BoolValue: everything else is true",
        arguments: [
            "1", "true", "yes", "off", "n", "f", "2", "foo", "0.0", "00", "-0", "\u{0130}", "no\u{200B}",
            "fal\u{017F}e", "n o", "\u{FEFF}no",
        ])
    func boolTrue(_ value: String) {
        #expect(GoValues.boolValue(value) == true)
    }

    @Test("BoolValue on a parameter: absent is false; BoolValueOrDefault: absent is the default, empty is false")
    func boolParameters() throws {
        let query = try QueryParameters.parse("force=off&v=&link=0&follow=1&follow=0").get()
        #expect(query.boolValue("force"))
        #expect(!query.boolValue("v"))
        #expect(!query.boolValue("link"))
        #expect(query.boolValue("follow"))
        #expect(!query.boolValue("missing"))
        #expect(query.boolValue("missing", default: true))
        #expect(!query.boolValue("v", default: true))
        #expect(query.boolValue("force", default: false))
    }

    @Test(
        "strconv.ParseInt(s, 10, 64)",
        arguments: [
            ("10", Int64(10)), ("-5", -5), ("+5", 5), ("-0", 0), ("007", 7),
            ("9223372036854775807", .max), ("-9223372036854775808", .min),
            ("", nil), ("abc", nil), ("1e3", nil), (" 5", nil), ("5 ", nil), ("1_000", nil), ("0x10", nil),
            ("9223372036854775808", nil), ("-9223372036854775809", nil), ("+", nil), ("-", nil), ("--5", nil),
            ("\u{0665}", nil), ("5\u{0301}", nil),
        ] as [(String, Int64?)])
    func parseInt64(_ value: String, _ expected: Int64?) {
        #expect(GoValues.parseInt64(value) == expected)
    }

    @Test("Int64ValueOrZero and Int64ValueOrDefault")
    func int64Parameters() throws {
        let query = try QueryParameters.parse("t=10&memory=1e9&tail=&t=20").get()
        #expect(query.int64ValueOrZero("t") == 10)
        #expect(query.int64ValueOrZero("memory") == 0)
        #expect(query.int64ValueOrZero("missing") == 0)
        #expect(query.int64Value("missing", default: -1) == -1)
        #expect(query.int64Value("tail", default: -1) == -1)
        #expect(query.int64Value("memory", default: -1) == nil)
    }

    @Test(
        "strconv.ParseBool",
        arguments: [
            ("1", true), ("t", true), ("T", true), ("TRUE", true), ("true", true), ("True", true),
            ("0", false), ("f", false), ("F", false), ("FALSE", false), ("false", false), ("False", false),
            ("yes", nil), ("tRUE", nil), ("", nil), (" true", nil), ("on", nil), ("2", nil),
        ] as [(String, Bool?)])
    func parseBool(_ value: String, _ expected: Bool?) {
        #expect(GoValues.parseBool(value) == expected)
    }

    @Test("URL-query booleans (ParseBool): absent, empty and invalid read as false")
    func strictBool() throws {
        let query = try QueryParameters.parse("rotateWorkerToken=1&insertDefaults=yes&rollback=&verbose=True").get()
        #expect(query.strictBoolValue("rotateWorkerToken"))
        #expect(!query.strictBoolValue("insertDefaults"))
        #expect(!query.strictBoolValue("rollback"))
        #expect(query.strictBoolValue("verbose"))
        #expect(!query.strictBoolValue("missing"))
    }

    @Test(
        "Uint32Value (master resize h/w)",
        arguments: [
            ("80", UInt32(80)), ("0", 0), ("4294967295", .max), ("4294967296", nil), ("-1", nil), ("+1", nil),
            ("", nil), ("1.5", nil),
        ] as [(String, UInt32?)])
    func parseUint32(_ value: String, _ expected: UInt32?) {
        #expect(GoValues.parseUint32(value) == expected)
    }
}
