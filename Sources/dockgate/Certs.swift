import ArgumentParser

struct Certs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make CA, server and client certificates.")
    func run() async throws {}
}
