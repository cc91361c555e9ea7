import Testing

@testable import Audit

/// The bytes on disk: golden lines for each kind of record, and the escaping of strings.
struct AuditLineEncodingTests {
    static let fingerprint = String(repeating: "ab", count: 32)
    static let policy = String(repeating: "c", count: 64)
    static let zeros = String(repeating: "0", count: 64)

    static var denied: AuditRecord {
        var record = AuditRecord(event: .request, id: "0196a3b2c4d5e6f708192a3b4c5d6e7f", time: Samples.time)
        record.client = "203.0.113.7:53312"
        record.identity = AuditIdentity(
            subject: "CN=alice,OU=web,O=example", team: "web", role: "developer", serial: "1A2B3C",
            fingerprint: fingerprint, matchedSAN: "spiffe://example.org/team/web")
        record.method = "POST"
        record.path = "/containers/create"
        record.apiVersion = "1.41"
        record.endpoint = "container.create"
        record.objects = ["exec": "9c1b", "container": "4f2a"]
        record.decision = .deny
        record.rule = "no-privileged"
        record.reason = "privileged containers are not allowed"
        record.detail = "HostConfig.Privileged=true"
        record.profile = "baseline"
        record.status = 403
        record.bytesIn = 187
        record.bytesOut = 96
        record.duration = .microseconds(1234)
        record.bodySHA256 = AuditSHA256(of: Array("{}".utf8))
        record.policySHA256 = AuditSHA256(hex: policy)
        record.note = "checked twice"
        return record
    }

    static var attach: AuditRecord {
        var record = AuditRecord(event: .request, id: "0196a3b2c4d5e6f708192a3b4c5d6e80", time: Samples.time)
        record.client = "[2001:db8::7]:40001"
        record.method = "POST"
        record.path = "/containers/4f2a/attach"
        record.decision = .allow
        record.status = 101
        record.duration = .microseconds(800)
        record.hijack = AuditHijackedSession(duration: .seconds(12), bytesIn: 5, bytesOut: 4096)
        return record
    }

    static var refusedHandshake: AuditRecord {
        var record = AuditRecord(event: .handshake, id: "0196a3b2c4d5e6f708192a3b4c5d6e81", time: Samples.time)
        record.client = "198.51.100.9:61000"
        record.decision = .deny
        record.reason = "certificate has expired"
        return record
    }

    static let goldenLines: [(record: AuditRecord, line: String)] = [
        (
            denied,
            #"{"v":1,"time":"2026-05-01T12:34:56.123456Z","id":"0196a3b2c4d5e6f708192a3b4c5d6e7f","event":"request","client":"203.0.113.7:53312","subject":"CN=alice,OU=web,O=example","team":"web","role":"developer","serial":"1A2B3C","fingerprint":""#
                + fingerprint
                + #"","san":"spiffe://example.org/team/web","method":"POST","path":"/containers/create","api_version":"1.41","endpoint":"container.create","objects":{"container":"4f2a","exec":"9c1b"},"decision":"deny","rule":"no-privileged","reason":"privileged containers are not allowed","detail":"HostConfig.Privileged=true","profile":"baseline","status":403,"bytes_in":187,"bytes_out":96,"duration_us":1234,"body_sha256":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","policy_sha256":""#
                + policy + #"","note":"checked twice","prev":""# + zeros + #""}"#
        ),
        (
            attach,
            #"{"v":1,"time":"2026-05-01T12:34:56.123456Z","id":"0196a3b2c4d5e6f708192a3b4c5d6e80","event":"request","client":"[2001:db8::7]:40001","method":"POST","path":"/containers/4f2a/attach","decision":"allow","status":101,"duration_us":800,"hijack_duration_us":12000000,"hijack_bytes_in":5,"hijack_bytes_out":4096,"prev":""#
                + zeros + #""}"#
        ),
        (
            refusedHandshake,
            #"{"v":1,"time":"2026-05-01T12:34:56.123456Z","id":"0196a3b2c4d5e6f708192a3b4c5d6e81","event":"handshake","client":"198.51.100.9:61000","decision":"deny","reason":"certificate has expired","prev":""#
                + zeros + #""}"#
        ),
    ]

    @Test("golden lines", arguments: goldenLines)
    func golden(record: AuditRecord, line: String) throws {
        let encoded = AuditLine.seal(AuditLine.body(of: record), prev: .genesis)
        #expect(String(decoding: encoded, as: UTF8.self) == line)
        let decoded = try AuditLine.decode(encoded)
        #expect(decoded.record == record)
        #expect(decoded.prev == .genesis)
    }

    @Test(
        "strings are escaped minimally and read back exactly",
        arguments: [
            ("plain", #""plain""#),
            (#"say "hi""#, #""say \"hi\"""#),
            (#"C:\dir"#, #""C:\\dir""#),
            ("a\tb\nc\rd", #""a\tb\nc\rd""#),
            ("\u{08}\u{0C}", #""\b\f""#),
            ("\u{00}\u{01}\u{1F}\u{7F}", #""\u0000\u0001\u001f\u007f""#),
            ("/path/ü/日本/🐳", #""/path/ü/日本/🐳""#),
            ("\u{2028}", "\"\u{2028}\""),
        ])
    func escaping(text: String, json: String) throws {
        var bytes: [UInt8] = []
        AuditLine.appendString(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == json)
        var record = Samples.request(1)
        record.note = text
        #expect(try AuditLine.decode(AuditLine.seal(AuditLine.body(of: record), prev: .genesis)).record.note == text)
    }

    @Test("a record with only the required fields")
    func minimal() throws {
        let record = AuditRecord(event: .audit, id: "x", time: Samples.time)
        let line = AuditLine.seal(AuditLine.body(of: record), prev: .genesis)
        #expect(
            String(decoding: line, as: UTF8.self)
                == #"{"v":1,"time":"2026-05-01T12:34:56.123456Z","id":"x","event":"audit","prev":""# + Self.zeros
                + #""}"#)
        #expect(try AuditLine.decode(line).record == record)
    }

    @Test("durations are whole microseconds, rounded down")
    func durations() {
        var record = Samples.request(1)
        record.duration = .nanoseconds(1_999)
        #expect(String(decoding: AuditLine.body(of: record), as: UTF8.self).hasSuffix(#""duration_us":1"#))
    }

    @Test("every field has a distinct name, and only v, time, id, event and prev are required")
    func fieldTable() {
        #expect(Set(AuditField.allCases.map(\.rawValue)).count == AuditField.allCases.count)
        #expect(AuditField.allCases.filter(\.isRequired).map(\.rawValue) == ["v", "time", "id", "event", "prev"])
        #expect(AuditField.allCases.last == .prev)
    }
}
