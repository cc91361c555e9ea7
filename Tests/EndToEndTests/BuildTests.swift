import Testing

/// `docker build` with the legacy builder: the context goes up as a tar, the progress streams
/// back, and the image works.
@Suite("docker build")
struct BuildTests {
    @Test("build FROM local/busybox:user + RUN, then run the image", arguments: DockerCLI.available)
    func build(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            try s.write("FROM \(testImage)\nRUN echo built > /tmp/f\n", to: "context/Dockerfile")
            let image = "local/\(s.uniqueName("build")):1"
            s.removeAfterwards(image: image)
            let build = try await s.dockerSucceeds(["build", "-t", image, s.path("context")], timeout: .seconds(90))
            #expect(build.standardOutput.contains("Successfully tagged \(image)"), "\(build)")
            let run = try await s.dockerSucceeds(["run", "--rm", image, "cat", "/tmp/f"])
            #expect(run.standardOutput == "built\n", "\(run)")
        }
    }
}
