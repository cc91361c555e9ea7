import Testing

/// The parameterised tests run once per installed CLI, so with none they would all pass
/// vacuously; this one fails instead.
@Test("at least one docker CLI is installed")
func atLeastOneCLI() {
    #expect(
        !DockerCLI.available.isEmpty,
        "none of \(DockerCLI.candidates.joined(separator: ", ")) exists; `apt-get install -y docker.io`")
}
