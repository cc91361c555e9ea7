import Testing

@testable import Policy

/// Image references as distribution/reference normalises them for dockerd, and the patterns
/// profiles write over them.
@Suite("Image references and name patterns")
struct SupportImageReferenceTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    /// `(written, normalised)`: what the image store looks up.
    static let normalised: [(String, String)] = [
        ("busybox", "docker.io/library/busybox:latest"),
        ("busybox:1.36", "docker.io/library/busybox:1.36"),
        ("library/busybox", "docker.io/library/busybox:latest"),
        ("docker.io/busybox", "docker.io/library/busybox:latest"),
        ("index.docker.io/library/busybox:1", "docker.io/library/busybox:1"),
        ("index.docker.io/busybox", "docker.io/library/busybox:latest"),
        ("local/busybox:1", "docker.io/local/busybox:1"),
        ("a/b/c", "docker.io/a/b/c:latest"),
        ("localhost/x", "localhost/x:latest"),
        ("localhost:5000/x", "localhost:5000/x:latest"),
        ("localhost:5000/x:2", "localhost:5000/x:2"),
        ("registry.example.com/web/app:v1", "registry.example.com/web/app:v1"),
        ("127.0.0.1:5000/a", "127.0.0.1:5000/a:latest"),
        ("[::1]:5000/a", "[::1]:5000/a:latest"),
        ("Registry/app", "Registry/app:latest"),
        ("busybox@\(digest)", "docker.io/library/busybox@\(digest)"),
        ("busybox:1.36@\(digest)", "docker.io/library/busybox@\(digest)"),
        ("my-app__x.y--z", "docker.io/library/my-app__x.y--z:latest"),
        ("cafe:latest", "docker.io/library/cafe:latest"),
        ("sha256:abcd", "docker.io/library/sha256:abcd"),
    ]

    @Test("names normalise as the daemon's image store looks them up", arguments: normalised)
    func normalise(written: String, expected: String) throws {
        guard case .named(let named) = ImageReference(parsingAny: written) else {
            Issue.record("\(written) did not parse as a name")
            return
        }
        #expect(named.normalised == expected)
    }

    @Test(
        "references dockerd refuses",
        arguments: [
            "", "Busybox", "busybox:", ":1", "busybox@sha256:abc", "busybox@md5:" + String(repeating: "a", count: 32),
            "busybox@SHA256:" + String(repeating: "ab", count: 32), "a//b", "-a", "a-", "a...b", "a___b", "a/",
            "busybox:-1", "busybox:" + String(repeating: "t", count: 129), "bad_host.com:5000/x", "host:/x",
            "h\u{212A}/x", "busybox\u{0301}", "a b", "a@b@c", String(repeating: "a", count: 256),
        ])
    func invalid(written: String) {
        #expect(ImageReference(parsingAny: written) == .invalid)
    }

    @Test("image IDs: 64 hex digits or a digest")
    func ids() {
        let hex = String(repeating: "0f", count: 32)
        #expect(ImageReference(parsingAny: hex) == .id("sha256:" + hex))
        #expect(ImageReference(parsingAny: "sha256:" + hex) == .id("sha256:" + hex))
        let sha512 = "sha512:" + String(repeating: "0f", count: 64)
        #expect(ImageReference(parsingAny: sha512) == .id(sha512))
        #expect(ImageReference(parsingName: hex) == .invalid)
        guard case .named(let named) = ImageReference(parsingAny: "\(hex):1") else {
            Issue.record("a tagged 64-hex name is a name")
            return
        }
        #expect(named.normalised == "docker.io/library/\(hex):1")
    }

    @Test("what dockerd may read as an image ID prefix")
    func idPrefixes() {
        func couldBe(_ text: String) -> Bool {
            guard case .named(let named) = ImageReference(parsingAny: text) else { return false }
            return named.couldBeIDPrefix
        }
        #expect(couldBe("48df"))
        #expect(couldBe("cafe"))
        #expect(couldBe("a"))
        #expect(couldBe("sha256:48df"))
        #expect(!couldBe("cafe:latest"))
        #expect(!couldBe("library/cafe"))
        #expect(!couldBe("busybox"))
        #expect(!couldBe("sha256:"))
    }

    @Test("a name with another tag, as WithTag makes it")
    func replacingTag() throws {
        guard case .named(let named) = ImageReference(parsingName: "registry.example.com/app:1") else {
            Issue.record("not a name")
            return
        }
        #expect(named.replacingTag("2")?.normalised == "registry.example.com/app:2")
        #expect(named.replacingTag("-x") == nil)
        #expect(named.replacingTag("") == nil)
    }

    @Test(
        "patterns: * matches any run of characters, the rest byte for byte",
        arguments: [
            ("docker.io/library/*", "docker.io/library/busybox:latest", true),
            ("docker.io/library/*", "docker.io/library/a/b:1", true),
            ("docker.io/library/*", "docker.io/libraryx/a:1", false),
            ("docker.io/library/busybox:1.36", "docker.io/library/busybox:1.36", true),
            ("docker.io/library/busybox:1.36", "docker.io/library/busybox:1.36.1", false),
            ("docker.io/library/busybox@*", "docker.io/library/busybox@sha256:ab", true),
            ("*/web/*:v*", "registry.example.com/web/app:v2", true),
            ("*/web/*:v*", "registry.example.com/web/app:2", false),
            ("*", "anything", true),
            ("a*b*c", "aXbYbZc", true),
            ("a*b*c", "aXbYbZ", false),
            ("docker.io/library/\u{212A}*", "docker.io/library/K:1", false),
            ("", "", true),
        ] as [(String, String, Bool)])
    func patterns(pattern: String, text: String, matches: Bool) {
        #expect(NamePattern.matches(pattern, text) == matches)
    }
}
