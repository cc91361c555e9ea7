import DockerAPI
import Policy
import Testing

@Suite("Check image-writes")
struct CheckImageWritesTests {
    static let none = ProfileSettings(writableImageNames: [])
    static let team = ProfileSettings(writableImageNames: ["registry.example.com/web/*", "docker.io/web/*"])
    static let noneAllowed = "this profile writes no image names (docker tag, commit, import, build -t, load)"
    static let teamAllowed = "allowed: registry.example.com/web/*, docker.io/web/*"

    static func request(
        _ name: String, _ line: String, body: String? = nil, settings: ProfileSettings = team,
        _ expected: CheckCase.Expected
    ) -> CheckCase {
        CheckCase(name, line, body: body, settings: settings, expected)
    }

    static func denied(_ normalised: String, _ detail: String, allowed: String = teamAllowed) -> CheckCase.Expected {
        .deny(reason: "writing the image name \(normalised) is not allowed (\(allowed))", detail: detail)
    }

    static let cases: [CheckCase] = [
        // docker tag
        request("docker tag to the team's namespace", "POST /v1.41/images/abc/tag?repo=web%2Fapp&tag=1", .allow),
        request(
            "docker tag over an official image", "POST /v1.41/images/abc/tag?repo=busybox&tag=latest",
            denied("docker.io/library/busybox:latest", #"repo="busybox", tag="latest""#)),
        request(
            "a repo with its own tag, replaced by tag", "POST /v1.41/images/abc/tag?repo=web%2Fapp%3A1&tag=2", .allow),
        request(
            "no tag is latest", "POST /v1.41/images/abc/tag?repo=busybox",
            denied("docker.io/library/busybox:latest", #"repo="busybox""#)),
        request(
            "the first repo counts", "POST /v1.41/images/abc/tag?repo=busybox&repo=web%2Fapp",
            denied("docker.io/library/busybox:latest", #"repo="busybox""#)),
        request(
            "nothing may be written", "POST /v1.41/images/abc/tag?repo=web%2Fapp&tag=1", settings: none,
            denied("docker.io/web/app:1", #"repo="web/app", tag="1""#, allowed: noneAllowed)),
        request(
            "a digest is not a name to write",
            "POST /v1.41/images/abc/tag?repo=web%2Fapp%40sha256%3A"
                + String(repeating: "ab", count: 32),
            .deny(
                reason: "web/app@sha256:\(String(repeating: "ab", count: 32)) is not an image name and tag dockerd"
                    + " writes",
                detail: #"repo="web/app@sha256:\#(String(repeating: "ab", count: 32))""#)),
        request(
            "an invalid tag", "POST /v1.41/images/abc/tag?repo=web%2Fapp&tag=-x",
            .deny(
                reason: "web/app:-x is not an image name and tag dockerd writes", detail: #"repo="web/app", tag="-x""#)),
        request("any name when nil", "POST /v1.41/images/abc/tag?repo=busybox", settings: ProfileSettings(), .allow),
        // docker commit
        request(
            "docker commit into the team's registry",
            "POST /v1.41/commit?container=web&repo=registry.example.com%2Fweb%2Fapp&tag=v2", body: "{}", .allow),
        request(
            "docker commit over an official image", "POST /v1.41/commit?container=web&repo=alpine&tag=3",
            body: "{}", denied("docker.io/library/alpine:3", #"repo="alpine", tag="3""#)),
        request("docker commit without a name", "POST /v1.41/commit?container=web", body: "{}", settings: none, .allow),
        // docker import
        request(
            "docker import over an official image", "POST /v1.41/images/create?fromSrc=-&repo=busybox&tag=1",
            denied("docker.io/library/busybox:1", #"repo="busybox", tag="1""#)),
        request("docker import without a name", "POST /v1.41/images/create?fromSrc=-", settings: none, .allow),
        request(
            "no fromImage is an import", "POST /v1.41/images/create?repo=busybox",
            denied("docker.io/library/busybox:latest", #"repo="busybox""#)),
        request(
            "a pull writes the registry's names", "POST /v1.41/images/create?fromImage=busybox&tag=latest",
            settings: none, .allow),
        // docker build -t
        request("docker build -t web/app:1", "POST /v1.41/build?t=web%2Fapp%3A1&rm=1", .allow),
        request(
            "every t counts", "POST /v1.41/build?t=web%2Fapp%3A1&t=nginx",
            denied("docker.io/library/nginx:latest", #"t="nginx""#)),
        request("docker build without a name", "POST /v1.41/build?rm=1", settings: none, .allow),
        request("an empty t writes nothing", "POST /v1.41/build?t=", settings: none, .allow),
        request(
            "build outputs can name images",
            "POST /v1.41/build?outputs=%5B%7B%22Type%22%3A%22moby%22%7D%5D", settings: none,
            .deny(
                reason: "build outputs are not allowed: they can name images",
                detail: #"outputs="[{\"Type\":\"moby\"}]""#)),
        request("empty outputs", "POST /v1.41/build?outputs=%5B%5D", settings: none, .allow),
        // docker load
        request(
            "docker load", "POST /v1.41/images/load?quiet=1",
            .deny(
                reason: "loading images (docker load) is not allowed: the names they get come from inside the archive;"
                    + " push the image to an allowed registry and pull it",
                detail: "POST /images/load")),
        request(
            "docker load when any name may be written", "POST /v1.41/images/load", settings: ProfileSettings(), .allow),
        request("another endpoint", "GET /v1.41/images/json", settings: none, .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.imageWrites)
    }
}
