import DockerAPI
import Policy
import Testing

@Suite("Check trusted-images")
struct CheckTrustedImagesTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)
    static let official = ProfileSettings(allowedImages: ["docker.io/library/*"])
    static let pinned = ProfileSettings(requireImageDigest: true)
    static let both = ProfileSettings(
        allowedImages: ["docker.io/library/*", "registry.example.com/web/*"], requireImageDigest: true)

    static func image(
        _ name: String, _ image: String, settings: ProfileSettings = official, _ expected: CheckCase.Expected
    ) -> CheckCase {
        CheckCase(name, body: #"{"Image":"\#(image)","User":"1000"}"#, settings: settings, expected)
    }

    static func notAllowed(_ normalised: String, _ image: String) -> CheckCase.Expected {
        .deny(
            reason: "image \(normalised) is not from an allowed registry (allowed: docker.io/library/*)",
            detail: #"Image="\#(image)""#)
    }

    static let cases: [CheckCase] = [
        image("busybox", "busybox", .allow),
        image("busybox:1.36", "busybox:1.36", .allow),
        image("docker.io/library/alpine", "docker.io/library/alpine:3", .allow),
        image("index.docker.io/busybox", "index.docker.io/busybox", .allow),
        image("pinned", "busybox@\(digest)", .allow),
        image(
            "local/busybox:1 is docker.io/local", "local/busybox:1",
            notAllowed("docker.io/local/busybox:1", "local/busybox:1")),
        image(
            "another registry", "registry.example.com/web/app:v1",
            notAllowed("registry.example.com/web/app:v1", "registry.example.com/web/app:v1")),
        image(
            "localhost:5000", "localhost:5000/busybox",
            notAllowed("localhost:5000/busybox:latest", "localhost:5000/busybox")),
        image(
            "an upper-case first part is a registry", "Docker.io/library/busybox",
            notAllowed("Docker.io/library/busybox:latest", "Docker.io/library/busybox")),
        image(
            "a short ID", "48df",
            .deny(
                reason: "image 48df could be read as the prefix of any local image's ID; write its full name,"
                    + " docker.io/library/48df:latest",
                detail: #"Image="48df""#)),
        image(
            "a hex name", "cafe",
            .deny(
                reason: "image cafe could be read as the prefix of any local image's ID; write its full name,"
                    + " docker.io/library/cafe:latest",
                detail: #"Image="cafe""#)),
        image("a hex name with a tag", "cafe:latest", .allow),
        image(
            "sha256: and a prefix", "sha256:48df",
            .deny(
                reason: "image sha256:48df could be read as the prefix of any local image's ID; write its full name,"
                    + " docker.io/library/sha256:48df",
                detail: #"Image="sha256:48df""#)),
        image(
            "a full image ID", digest,
            .deny(
                reason: "image \(digest) is named by ID, which does not say where it came from; run it by its name"
                    + " (allowed: docker.io/library/*)",
                detail: #"Image="\#(digest)""#)),
        image(
            "a bare 64-hex ID", String(repeating: "ab", count: 32),
            .deny(
                reason: "image \(String(repeating: "ab", count: 32)) is named by ID, which does not say where it came"
                    + " from; run it by its name (allowed: docker.io/library/*)",
                detail: #"Image="\#(String(repeating: "ab", count: 32))""#)),
        image(
            "an invalid reference", "Busybox",
            .deny(reason: "Busybox is not an image reference dockerd accepts", detail: #"Image="Busybox""#)),
        image("no image", "", .deny(reason: "the request names no image", detail: #"Image="""#)),
        image(
            "a look-alike letter", "b\u{0443}sybox",
            .deny(
                reason: #""b\u{443}sybox" is not an image reference dockerd accepts"#, detail: #"Image="b\u{443}sybox""#
            )),
        image(
            "no image is allowed", "busybox", settings: ProfileSettings(allowedImages: []),
            .deny(
                reason: "image docker.io/library/busybox:latest is not from an allowed registry (no image is allowed)",
                detail: #"Image="busybox""#)),
        image(
            "a pattern with a tag does not match a pinned reference", "busybox:1.36@\(digest)",
            settings: ProfileSettings(allowedImages: ["docker.io/library/busybox:1.36"]),
            .deny(
                reason: "image docker.io/library/busybox@\(digest) is not from an allowed registry (allowed:"
                    + " docker.io/library/busybox:1.36)",
                detail: #"Image="busybox:1.36@\#(digest)""#)),
        image(
            "a digest is required", "busybox:1.36", settings: pinned,
            .deny(
                reason: "the image must be pinned by digest: run docker.io/library/busybox@sha256:…",
                detail: #"Image="busybox:1.36""#)),
        image("a digest, any registry", "registry.example.com/x@\(digest)", settings: pinned, .allow),
        image("an image ID is pinned when any registry will do", digest, settings: pinned, .allow),
        image(
            "a short ID is not pinned", "48df", settings: pinned,
            .deny(
                reason: "the image must be pinned by digest: run docker.io/library/48df@sha256:…",
                detail: #"Image="48df""#)),
        image("allowed and pinned", "registry.example.com/web/app@\(digest)", settings: both, .allow),
        image(
            "allowed but not pinned", "registry.example.com/web/app:v1", settings: both,
            .deny(
                reason: "the image must be pinned by digest: run registry.example.com/web/app@sha256:…",
                detail: #"Image="registry.example.com/web/app:v1""#)),
        image("no restriction at all", "48df", settings: ProfileSettings(), .allow),
        CheckCase(
            "Image of the wrong type", body: #"{"Image":1}"#, settings: official,
            .unreadable("Image", "number", "string")),
        CheckCase(
            "a pull is not a container", "POST /v1.41/images/create?fromImage=evil.example.com%2Fx&tag=1", body: nil,
            settings: official, .allow),
    ]

    static let serviceCases: [CheckCase] = [
        CheckCase(
            "the CLI pins a service's image", "POST /v1.44/services/create",
            body: #"{"TaskTemplate":{"ContainerSpec":{"Image":"busybox:latest@\#(digest)"}}}"#, settings: both, .allow),
        .service(
            "a service's image from elsewhere", settings: official,
            .deny(
                reason:
                    "image docker.io/local/busybox:1 is not from an allowed registry (allowed: docker.io/library/*)",
                detail: #"TaskTemplate.ContainerSpec.Image="local/busybox:1""#)),
        CheckCase(
            "a service without a ContainerSpec", "POST /v1.44/services/create", body: #"{"Name":"x"}"#,
            settings: official,
            .deny(reason: "the request names no image", detail: #"TaskTemplate.ContainerSpec.Image="""#)),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.trustedImages)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.trustedImages)
    }
}
