import Testing

@testable import Audit

/// What the verifier says about a line that is not exactly a record dockgate writes.
struct AuditLineDecodingTests {
    static let zeros = String(repeating: "0", count: 64)
    static let head = #"{"v":1,"time":"2026-05-01T12:34:56.123456Z","id":"x","event":"request""#
    static let tail = #","prev":""# + zeros + #""}"#

    static let problems: [(line: String, expected: String)] = [
        ("", "column 1: empty line"),
        ("not json", "column 1: expected '{'"),
        (head, "line ends inside the record"),
        (head + tail + "x", "data after the record's closing brace"),
        (head + #","colour":"red""# + tail, #"unknown field "colour""#),
        (head + #","id":"y""# + tail, #"field "id" appears twice"#),
        (head + #","status":200,"method":"GET""# + tail, #"field "method" comes after "status""#),
        (#"{"v":1,"time":"2026-05-01T12:34:56.123456Z","event":"request""# + tail, #"required field "id" is missing"#),
        (head + "}", #"required field "prev" is missing"#),
        (head + #","status":"200""# + tail, #"field "status" must be an integer, found a string"#),
        (head + #","method":7"# + tail, #"field "method" must be a string, found an integer"#),
        (head + #","status":2.5"# + tail, "numbers in a record are integers"),
        (head + #","status":0200"# + tail, "malformed or out-of-range integer"),
        (head + #","status":99999999999999999999"# + tail, "malformed or out-of-range integer"),
        (head + #","decision":"maybe""# + tail, #"field "decision" must be one of allow, deny, error"#),
        (head + #","objects":{}"# + tail, #"field "objects" is written only when it holds an id"#),
        (head + #","objects":{"b":"1","a":"2"}"# + tail, "object keys must be unique and in byte order"),
        (head + #","objects":{"a":1}"# + tail, "object ids must be strings"),
        (head + #","hijack_bytes_in":5"# + tail, "come together"),
        (head + #","body_sha256":"abc""# + tail, #"field "body_sha256" must be 64 lowercase hex digits"#),
        (
            head + #","prev":""# + zeros.uppercased().replacingOccurrences(of: "0", with: "A") + #""}"#,
            #"field "prev" must be 64 lowercase hex digits"#
        ),
        (head.replacingOccurrences(of: #""v":1"#, with: #""v":2"#) + tail, #"field "v" must be 1"#),
        (head.replacingOccurrences(of: "56.123456Z", with: "56Z") + tail, #"field "time" must be RFC 3339"#),
        (head.replacingOccurrences(of: #""request""#, with: #""call""#) + tail, #"field "event" must be one of"#),
        (head + #","note":"a"# + "\t" + #"b""# + tail, "raw control character in a string"),
        (head + #","note":"\x""# + tail, "unknown escape"),
        (head + #","note":"\ud800""# + tail, "unpaired surrogate escape"),
        (head + ", " + #""note":"a""# + tail, "column 72: not written the way dockgate writes records"),
        (head + #","note":"\u0041""# + tail, "not written the way dockgate writes records"),
        (head + #","note":"\/""# + tail, "not written the way dockgate writes records"),
    ]

    @Test("each problem is named", arguments: problems)
    func problem(line: String, expected: String) {
        #expect {
            try AuditLine.decode(Array(line.utf8))
        } throws: { error in
            let description = String(describing: error)
            return description.contains(expected)
        }
    }

    @Test("bytes that are not UTF-8 are refused")
    func invalidUTF8() {
        let line = Array((Self.head + #","note":""#).utf8) + [0xff, 0xfe] + Array((#"""# + Self.tail).utf8)
        #expect(throws: AuditLineProblem.syntax(column: 79, "string is not valid UTF-8")) {
            try AuditLine.decode(line)
        }
    }
}
