import DockerAPI
import Testing

/// The `/vX.Y` prefix: parsed and compared as dockerd's `versions.compare`, checked against
/// the gate's floor (docker-api-surface.md §1.2, docker-routes.md §1.4).
@Suite("API version prefix")
struct RoutingAPIVersionTests {
    @Test(
        "components as dockerd's strconv.Atoi sees them",
        arguments: [
            ("1.41", [1, 41]), ("1.041", [1, 41]), ("01.41", [1, 41]), ("1.41.0", [1, 41, 0]), ("1", [1]),
            ("1..41", [1, 0, 41]), (".", [0, 0]), ("1.", [1, 0]),
            ("1.99999999999999999999", [1, Int.max]), ("9223372036854775807", [Int.max]),
        ])
    func components(_ text: String, _ expected: [Int]) throws {
        let version = try #require(APIVersion(text))
        #expect(version.components == expected)
        #expect(version.text == text)
    }

    @Test(
        "anything but [0-9.]+ is not a version",
        arguments: ["", "x", "1.4a", "-1", " 1.41", "1,41", "1.41 ", "v1.41", "1.4\u{0661}", "\u{FF11}.41"])
    func notAVersion(_ text: String) {
        #expect(APIVersion(text) == nil)
    }

    @Test(
        "ordering: numeric per part, missing parts are 0",
        arguments: [
            ("1.041", "1.41", 0), ("1.41.0", "1.41", 0), ("01.41", "1.41", 0), ("1.4", "1.24", -1),
            ("1.23", "1.24", -1), ("1.41.99", "1.41", 1), ("1..41", "1.24", -1), (".", "0", 0), ("1", "1.24", -1),
            ("2", "1.56", 1), ("1.99999999999999999999", "1.56", 1), ("1.100", "1.99", 1), ("1.9", "1.10", -1),
        ])
    func ordering(_ lhs: String, _ rhs: String, _ expected: Int) throws {
        let left = try #require(APIVersion(lhs))
        let right = try #require(APIVersion(rhs))
        #expect((left < right) == (expected < 0))
        #expect((left == right) == (expected == 0))
        #expect((left > right) == (expected > 0))
    }

    @Test("equal versions hash alike")
    func hashing() {
        let versions: Set<APIVersion> = ["1.41", "1.041", "1.41.0", "01.41.00"]
        #expect(versions.count == 1)
    }

    @Test("the effective version: the prefix, or the daemon's default without one")
    func effective() {
        #expect(RequestVersion.unversioned.effective(daemonDefault: "1.41") == "1.41")
        #expect(RequestVersion.versioned("1.24").effective(daemonDefault: "1.41") == "1.24")
        #expect(RequestVersion.versioned("1.23").isBelow("1.24", daemonDefault: "1.41"))
        #expect(!RequestVersion.unversioned.isBelow("1.24", daemonDefault: "1.41"))
    }

    struct Prefix: Sendable, CustomTestStringConvertible {
        let line: String
        let version: RequestVersion
        let endpoint: Endpoint
        var testDescription: String { line }
    }

    static let accepted: [Prefix] = [
        Prefix(line: "GET /v1.41/version", version: .versioned("1.41"), endpoint: .systemVersion),
        Prefix(line: "GET /v1.041/version", version: .versioned("1.041"), endpoint: .systemVersion),
        Prefix(line: "GET /v1.24/version", version: .versioned("1.24"), endpoint: .systemVersion),
        Prefix(line: "GET /v1.56/version", version: .versioned("1.56"), endpoint: .systemVersion),
        Prefix(line: "GET /v1.41.0/version", version: .versioned("1.41"), endpoint: .systemVersion),
        // Above every daemon's maximum: dockerd answers 400 itself; no ceiling by default.
        Prefix(line: "GET /v2/version", version: .versioned("2"), endpoint: .systemVersion),
        Prefix(line: "GET /v1.41.99/version", version: .versioned("1.41.99"), endpoint: .systemVersion),
        // Percent-decoded before matching, as dockerd does.
        Prefix(line: "GET /v1%2e41/version", version: .versioned("1.41"), endpoint: .systemVersion),
        Prefix(line: "GET /%761.41/version", version: .versioned("1.41"), endpoint: .systemVersion),
        Prefix(line: "GET /version", version: .unversioned, endpoint: .systemVersion),
        // Not the prefix pattern: no route, dockerd answers 404.
        Prefix(line: "GET /vx/version", version: .unversioned, endpoint: .unknown),
        Prefix(line: "GET /v/version", version: .unversioned, endpoint: .unknown),
        Prefix(line: "GET /V1.41/version", version: .unversioned, endpoint: .unknown),
        Prefix(line: "GET /v1.41x/version", version: .unversioned, endpoint: .unknown),
        Prefix(line: "GET /v-1.41/version", version: .unversioned, endpoint: .unknown),
        // `v` plus a combining accent is not `v`, however Swift groups the characters.
        Prefix(line: "GET /v%CC%811.41/version", version: .unversioned, endpoint: .unknown),
        // A lone prefix is no route; a doubled one leaves `/v1.41/version` to match nothing.
        Prefix(line: "GET /v1.41", version: .unversioned, endpoint: .unknown),
        Prefix(line: "GET /v1.41/v1.41/version", version: .versioned("1.41"), endpoint: .unknown),
    ]

    @Test("prefixes dockerd reads as a version, and ones it does not", arguments: accepted)
    func prefix(_ row: Prefix) throws {
        let classified = try RoutingTest.classify(row.line)
        #expect(classified.request.version == row.version)
        #expect(classified.endpoint == row.endpoint)
        if row.endpoint != .unknown { #expect(classified.version == row.version) }
    }

    @Test(
        "below the default floor of 1.24: refused with 400",
        arguments: [
            "GET /v1.23/version", "POST /v1.23/containers/x/start", "POST /v1.12/containers/x/copy",
            "GET /v1.4/version", "GET /v1/version", "GET /v1..41/version", "GET /v./version", "GET /v0.0/_ping",
            "GET /v1.23.99/version", "OPTIONS /v1.20/containers/json", "GET /v1.0/nonexistent",
        ])
    func belowFloor(_ line: String) throws {
        let refusal = try #require(RoutingTest.refusal(line))
        #expect(refusal.code == .apiVersionTooOld)
        #expect(refusal.status == 400)
    }

    @Test("the refusal names both versions and what to do")
    func floorMessage() throws {
        let refusal = try #require(RoutingTest.refusal("GET /v1.23/containers/json"))
        #expect(
            refusal.message
                == "client API version 1.23 is below this gate's minimum 1.24; upgrade the docker client or set"
                + " DOCKER_API_VERSION")
    }

    @Test("the floor and an optional ceiling are configurable")
    func configurable() throws {
        let lowered = RoutingConfiguration(minimumAPIVersion: "1.12")
        #expect(try RoutingTest.classify("GET /v1.12/version", configuration: lowered).version == .versioned("1.12"))
        #expect(RoutingTest.refusal("GET /v1.11/version", configuration: lowered)?.code == .apiVersionTooOld)

        let capped = RoutingConfiguration(maximumAPIVersion: "1.41")
        #expect(try RoutingTest.classify("GET /v1.41/version", configuration: capped).endpoint == .systemVersion)
        let refusal = try #require(RoutingTest.refusal("GET /v1.42/version", configuration: capped))
        #expect(refusal.code == .apiVersionTooNew)
        #expect(
            refusal.message == "client API version 1.42 is above this gate's maximum 1.41; set DOCKER_API_VERSION=1.41")
        #expect(RoutingTest.refusal("GET /version", configuration: capped) == nil)
    }

    @Test("a configuration with the ceiling below the floor names the problem")
    func invalidConfiguration() {
        #expect(RoutingConfiguration().problem == nil)
        #expect(
            RoutingConfiguration(minimumAPIVersion: "1.41", maximumAPIVersion: "1.40").problem
                == "the maximum API version 1.40 is below the minimum 1.41")
    }
}
