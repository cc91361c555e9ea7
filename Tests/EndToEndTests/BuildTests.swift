import Testing

/// `docker build` with the legacy builder: the context goes up as a tar, the progress streams
/// back, and the image works.
@Suite("docker build")
struct BuildTests {
    /// The RUN step runs as root inside the builder, which the gate does not see; the built
    /// image is then run as a non-root user, as the baseline profile wants.
    @Test("build FROM local/busybox:1 + RUN, then run the image", arguments: DockerCLI.available)
    func build(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            try s.write("FROM local/busybox:1\nRUN echo built > /tmp/f\n", to: "context/Dockerfile")
            let image = "local/\(s.uniqueName("build")):1"
            s.removeAfterwards(image: image)
            let build = try await s.dockerSucceeds(["build", "-t", image, s.path("context")], timeout: .seconds(90))
            #expect(build.standardOutput.contains("Successfully tagged \(image)"), "\(build)")
            let run = try await s.dockerSucceeds(["run", "--rm", "--user", "1000", image, "cat", "/tmp/f"])
            #expect(run.standardOutput == "built\n", "\(run)")
        }
    }
}
