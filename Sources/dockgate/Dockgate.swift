import ArgumentParser

/// The dockgate command line. `serve` runs the gate; the other subcommands are the tools an
/// operator needs around it.
@main
struct Dockgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dockgate",
        abstract: "A mutual-TLS, policy-enforcing gate in front of the Docker daemon socket.",
        subcommands: [Serve.self, Certs.self, PolicyCommand.self, AuditCommand.self]
    )
}
