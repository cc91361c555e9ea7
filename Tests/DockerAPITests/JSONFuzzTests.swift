import DockerAPI
import Testing

/// Bounded, seeded random inputs: the parser never crashes, every rejection points inside the
/// body, and every accepted body survives a canonical round trip.
@Suite("Random inputs")
struct JSONFuzzTests {
    /// SplitMix64: small, deterministic, good enough to spread inputs.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let tokens: [[UInt8]] =
        [
            "{", "}", "[", "]", ":", ",", " ", "\"", "\\", "\\u", "d800", "dc00", "0", "-", "1", ".", "e", "+",
            "true", "false", "null", "\"Image\"", "\"image\"", "\"Bind\\u017f\"", "\"Binds\"", "\\u0000", "\n",
        ].map { Array($0.utf8) } + [
            [0xC3], [0xA9], [0xED, 0xA0, 0x80], [0xFF], [0xEF, 0xBB, 0xBF], [0xF0, 0x9F, 0x98, 0x80],
        ]

    static let seeds: [String] = [
        JSONDockerRunBodyTests.createBody,
        JSONDockerRunBodyTests.execBody,
        #"{"a":[1,-0.5e3,"x\n\u00e9",{"b":null,"c":true}],"d":{}}"#,
    ]

    static func check(_ bytes: [UInt8]) {
        do {
            let value = try StrictJSONParser.parse(bytes)
            let canonical = value.canonicalBytes()
            #expect(try StrictJSONParser.parse(canonical) == value, "round trip of \(bytes)")
        } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count, "offset of \(error) in \(bytes)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("random bytes")
    func randomBytes() {
        var generator = Generator(state: 0x0D0C_6A7E)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...48, using: &generator)
            Self.check((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
    }

    @Test("random sequences of JSON-ish tokens")
    func randomTokens() {
        var generator = Generator(state: 0x5EED)
        for _ in 0..<3000 {
            let count = Int.random(in: 0...24, using: &generator)
            Self.check((0..<count).flatMap { _ in Self.tokens.randomElement(using: &generator)! })
        }
    }

    @Test("mutated real bodies")
    func mutations() {
        var generator = Generator(state: 0xB0D1E5)
        for _ in 0..<1500 {
            var bytes = Array(Self.seeds.randomElement(using: &generator)!.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.insert(contentsOf: Self.tokens.randomElement(using: &generator)!, at: position)
                default: bytes.remove(at: position)
                }
                if bytes.isEmpty { break }
            }
            Self.check(bytes)
        }
    }

    @Test("every prefix of a real body is refused, never misread")
    func prefixes() {
        let body = Array(JSONDockerRunBodyTests.createBody.utf8)
        for length in 0..<body.count {
            #expect(JSONTest.rejection(Array(body[..<length])) != nil)
        }
    }
}
