import DockerAPI
import Testing

/// Number syntax, and what Go's `literalStore` makes of a number for each Go field type.
@Suite("Numbers")
struct JSONNumberTests {
    static let valid = [
        "0", "-0", "1", "-1", "10", "1.5", "-1.5", "0.0", "1e3", "1E3", "1e+3", "1e-3", "0e0", "-0.0e-0",
        "123456789012345678901234567890", "1e400", "1e-400", "9223372036854775808",
    ]

    @Test("valid numbers parse and keep their exact text", arguments: valid)
    func keepsText(_ text: String) throws {
        #expect(try JSONTest.parse("[\(text)]") == .array([.number(JSONNumber(text)!)]))
        #expect(try JSONTest.parse(text).numberValue?.text == text)
    }

    static let invalid = [
        "01", "-01", "00", "1.", ".5", "+1", "-", "1e", "1e+", "--1", "0x10", "1_000", "1.e3", "Infinity", "NaN",
        "-.5", "1.5.5", "1e5e5",
    ]

    @Test("invalid numbers are refused by the parser and by JSONNumber.init", arguments: invalid)
    func refuses(_ text: String) {
        #expect(JSONTest.rejection("[\(text)]") != nil)
        #expect(JSONNumber(text) == nil)
    }

    struct Conversion: Sendable, CustomTestStringConvertible {
        let text: String
        let goType: String
        /// nil: Go reports `cannot unmarshal number …`.
        let expected: String?
        var testDescription: String { "\(text) into \(goType)" }
    }

    static let conversions: [Conversion] = [
        Conversion(text: "0", goType: "int64", expected: "0"),
        Conversion(text: "-0", goType: "int64", expected: "0"),
        Conversion(text: "9223372036854775807", goType: "int64", expected: "9223372036854775807"),
        Conversion(text: "-9223372036854775808", goType: "int64", expected: "-9223372036854775808"),
        Conversion(text: "9223372036854775808", goType: "int64", expected: nil),
        Conversion(text: "-9223372036854775809", goType: "int64", expected: nil),
        Conversion(text: "1.0", goType: "int64", expected: nil),
        Conversion(text: "1e3", goType: "int64", expected: nil),
        Conversion(text: "1E3", goType: "int64", expected: nil),
        Conversion(text: "0.5", goType: "int64", expected: nil),
        Conversion(text: "-0.0", goType: "int64", expected: nil),
        Conversion(text: "9223372036854775807", goType: "int", expected: "9223372036854775807"),
        Conversion(text: "2147483647", goType: "int32", expected: "2147483647"),
        Conversion(text: "2147483648", goType: "int32", expected: nil),
        Conversion(text: "18446744073709551615", goType: "uint64", expected: "18446744073709551615"),
        Conversion(text: "18446744073709551616", goType: "uint64", expected: nil),
        Conversion(text: "-0", goType: "uint64", expected: nil),
        Conversion(text: "-1", goType: "uint64", expected: nil),
        Conversion(text: "65535", goType: "uint16", expected: "65535"),
        Conversion(text: "65536", goType: "uint16", expected: nil),
        Conversion(text: "-0", goType: "uint16", expected: nil),
        Conversion(text: "4294967295", goType: "uint32", expected: "4294967295"),
        Conversion(text: "1e400", goType: "float64", expected: nil),
        Conversion(text: "-1e400", goType: "float64", expected: nil),
        Conversion(text: "1.8e308", goType: "float64", expected: nil),
        Conversion(text: "1.7976931348623157e308", goType: "float64", expected: "1.7976931348623157e+308"),
        Conversion(text: "1e-400", goType: "float64", expected: "0.0"),
        Conversion(text: "-0", goType: "float64", expected: "-0.0"),
        Conversion(text: "1e3", goType: "float64", expected: "1000.0"),
        Conversion(text: "123456789012345678901234567890", goType: "float64", expected: "1.2345678901234568e+29"),
        Conversion(text: "3.4028235e38", goType: "float32", expected: "3.4028235e+38"),
        Conversion(text: "3.5e38", goType: "float32", expected: nil),
        Conversion(text: "1e-50", goType: "float32", expected: "0.0"),
    ]

    static func convert(_ number: JSONNumber, to goType: String) throws(GoDecodingError) -> String {
        switch goType {
        case "int64": "\(try number.goInteger(as: Int64.self))"
        case "int": "\(try number.goInteger(as: Int.self))"
        case "int32": "\(try number.goInteger(as: Int32.self))"
        case "uint64": "\(try number.goInteger(as: UInt64.self))"
        case "uint32": "\(try number.goInteger(as: UInt32.self))"
        case "uint16": "\(try number.goInteger(as: UInt16.self))"
        case "float64": "\(try number.goFloat64())"
        case "float32": "\(try number.goFloat32())"
        default: fatalError("no Go type \(goType) in this table")
        }
    }

    @Test("Go's ParseInt / ParseUint / ParseFloat rules per field type", arguments: conversions)
    func goConversion(_ row: Conversion) throws {
        let number = try #require(JSONNumber(row.text))
        do {
            let value = try Self.convert(number, to: row.goType)
            #expect(value == row.expected)
        } catch {
            #expect(row.expected == nil)
            #expect(error == GoDecodingError(value: "number \(row.text)", goType: row.goType))
        }
    }

    @Test("the error reads like Go's UnmarshalTypeError")
    func errorText() {
        #expect(throws: GoDecodingError(value: "number 1e3", goType: "int64")) {
            try JSONNumber("1e3")!.goInteger(as: Int64.self)
        }
        #expect(
            GoDecodingError(value: "number 1e3", goType: "int64").description
                == "json: cannot unmarshal number 1e3 into Go value of type int64")
    }

    @Test("non-numbers into number fields fail; null leaves the field alone")
    func otherKinds() throws {
        #expect(throws: GoDecodingError(value: "string", goType: "int64")) {
            try JSONValue.string("1000").goInteger(as: Int64.self)
        }
        #expect(throws: GoDecodingError(value: "bool", goType: "uint16")) {
            try JSONValue.bool(true).goInteger(as: UInt16.self)
        }
        #expect(throws: GoDecodingError(value: "array", goType: "float64")) { try JSONValue.array([]).goFloat64() }
        #expect(throws: GoDecodingError(value: "number", goType: "bool")) {
            try JSONValue.number(JSONNumber("1")!).goBool()
        }
        #expect(throws: GoDecodingError(value: "number", goType: "string")) {
            try JSONValue.number(JSONNumber("1")!).goString()
        }
        #expect(try JSONValue.null.goInteger(as: Int64.self) == nil)
        #expect(try JSONValue.null.goFloat64() == nil)
        #expect(try JSONValue.null.goString() == nil)
    }

    @Test("integer literals are told apart from fractions and exponents")
    func integerLiteral() {
        #expect(JSONNumber("-0")!.isIntegerLiteral)
        #expect(JSONNumber("123")!.isIntegerLiteral)
        #expect(!JSONNumber("1.0")!.isIntegerLiteral)
        #expect(!JSONNumber("1E3")!.isIntegerLiteral)
        #expect(JSONNumber("") == nil)
        #expect(JSONNumber(" 1") == nil)
    }
}
