import DockerAPI
import Testing

/// After the value only whitespace may follow. dockerd 20.10 decodes the first value with
/// `json.Decoder` and ignores the rest; newer daemons reject more values via `dec.More()` but
/// still let a stray `]` or `}` through. Refusing all of it removes the difference.
@Suite("Trailing data")
struct JSONTrailingDataTests {
    static let refused: [(String, Int)] = [
        ("{} {}", 3),
        ("{}{}", 2),
        ("{}x", 2),
        ("{}}", 2),
        ("{}]", 2),
        ("{},", 2),
        ("[]null", 2),
        ("1 2", 2),
        (#""a""b""#, 3),
        ("{}\n{\"HostConfig\":{\"Privileged\":true}}", 3),
        ("{}\u{0C}", 2),
        ("{}\u{A0}", 2),
        ("true false", 5),
    ]

    @Test("anything but whitespace after the value is refused where it starts", arguments: refused)
    func refuses(_ text: String, _ offset: Int) throws {
        let rejection = try #require(JSONTest.rejection(text))
        #expect(rejection.kind == .trailingData)
        #expect(rejection.offset == offset)
    }

    @Test("a NUL byte after the value is refused")
    func nulByte() {
        #expect(JSONTest.rejection(Array("{}".utf8) + [0])?.kind == .trailingData)
    }

    @Test("trailing JSON whitespace is fine", arguments: ["{}\n", "{} ", "{}\r\n", "{}\t \n\r", "0\n", "null "])
    func whitespace(_ text: String) {
        #expect(JSONTest.rejection(text) == nil)
    }
}
