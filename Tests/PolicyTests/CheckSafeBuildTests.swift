import DockerAPI
import Policy
import Testing

@Suite("Check safe-build")
struct CheckSafeBuildTests {
    static func build(_ name: String, _ query: String, _ expected: CheckCase.Expected) -> CheckCase {
        CheckCase(name, "POST /v1.41/build?" + query, body: nil, expected)
    }

    static let cases: [CheckCase] = [
        build("the CLI's legacy build", "t=app%3A1&rm=1&networkmode=default&buildargs=%7B%7D&labels=%7B%7D", .allow),
        build("network none", "networkmode=none", .allow),
        build("no parameters", "", .allow),
        build(
            "network host", "networkmode=host",
            .deny(reason: "building with network mode \"host\" is not allowed", detail: #"networkmode="host""#)),
        build(
            "network of a container", "networkmode=container%3Adonor",
            .deny(
                reason: "building with network mode \"container:donor\" is not allowed",
                detail: #"networkmode="container:donor""#)),
        build(
            "the first value decides", "networkmode=host&networkmode=none",
            .deny(reason: "building with network mode \"host\" is not allowed", detail: #"networkmode="host""#)),
        build(
            "a cgroup parent", "cgroupparent=%2F",
            .deny(reason: "the build parameter cgroupparent is not allowed", detail: #"cgroupparent="/""#)),
        build(
            "a remote context", "remote=http%3A%2F%2F169.254.169.254%2F",
            .deny(
                reason: "the build parameter remote is not allowed", detail: #"remote="http://169.254.169.254/""#)),
        build("ordinary build arguments", "buildargs=%7B%22HTTP_PROXY%22%3A%22http%3A%2F%2Fp%22%7D", .allow),
        build(
            "BUILDKIT_SYNTAX", "buildargs=%7B%22BUILDKIT_SYNTAX%22%3A%22evil%2Ffrontend%22%7D",
            .deny(
                reason: "the build argument BUILDKIT_SYNTAX (a custom BuildKit frontend) is not allowed",
                detail: #"buildargs="{\"BUILDKIT_SYNTAX\":\"evil/frontend\"}""#)),
        build(
            "build arguments that are not an object", "buildargs=%5B%5D",
            .deny(reason: "the build arguments must be a JSON object", detail: #"buildargs="[]""#)),
        build(
            "duplicate build arguments", "buildargs=%7B%22a%22%3A%221%22%2C%22a%22%3A%222%22%7D",
            .deny(
                reason: "the build arguments cannot be read unambiguously: duplicate key \"a\"",
                detail: #"buildargs="{\"a\":\"1\",\"a\":\"2\"}""#)),
        CheckCase("another endpoint", "POST /v1.41/containers/create?networkmode=host", body: "{}", .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.safeBuild)
    }
}
