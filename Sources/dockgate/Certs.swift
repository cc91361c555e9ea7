import ArgumentParser
import MutualTLS

/// `dockgate certs`: the CA, server and client certificates of Docker's "Protect the Docker
/// daemon socket" guide, made without the openssl CLI, plus the CRL that `serve --tlscrl`
/// reads. certs/README.md describes the files and the naming scheme.
struct Certs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make CA, server and client certificates and the revocation list.",
        discussion: """
            A typical set-up:
              dockgate certs init --dir ca --hostname docker.example.com
              dockgate certs client --dir ca --name alice --team web
              dockgate certs revoke --dir ca ca/clients/alice/cert.pem
            """,
        subcommands: [CertsInit.self, CertsClient.self, CertsRevoke.self]
    )
}

extension KeyAlgorithm: ExpressibleByArgument {}
