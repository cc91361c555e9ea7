import ArgumentParser
import Foundation

/// The dockgate command line. `serve` runs the gate; the other subcommands are the tools an
/// operator needs around it.
@main
struct Dockgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dockgate",
        abstract: "A mutual-TLS, policy-enforcing gate in front of the Docker daemon socket.",
        subcommands: [Serve.self, Certs.self, PolicyCommand.self, AuditCommand.self]
    )

    /// `serve --config FILE` becomes the file's flags before the command line's own.
    static func main() async {
        let arguments: [String]
        do {
            arguments = try ServeConfigFile.expand(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(1)
        }
        await main(arguments)
    }
}
