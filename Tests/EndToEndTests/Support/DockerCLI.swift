import Testing

/// One installed docker CLI. The tests run against each one present: the Debian 20.10 CLI
/// and, where installed, a current one; they negotiate API versions differently and use
/// different code paths for attach, cp and build.
struct DockerCLI: Sendable, CustomTestStringConvertible {
    let path: String

    static let candidates = ["/usr/bin/docker", "/usr/local/bin/docker"]

    /// The candidates that exist on this machine (the test `atLeastOneCLI` fails on none).
    static let available: [DockerCLI] = candidates.filter(Programs.isExecutableFile).map(DockerCLI.init)

    var testDescription: String { path }
}
