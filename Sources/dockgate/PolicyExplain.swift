import ArgumentParser
import DockerAPI
import Foundation
import MutualTLS
import Policy
import Proxy

/// `dockgate policy explain`: classifies one request as the gate would, evaluates it against a
/// built-in profile with the facts the caller supplies (no daemon is asked), and prints the
/// decision with its rule and detail.
///
/// Exit status: 0 allowed, 1 denied or refused, 64 for a bad command line, body or facts file.
struct PolicyExplain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Evaluate one request offline and print the decision.",
        discussion: """
            Prints `allowed: …`, or `denied: <reason> (rule <id>, profile <name>)` and a \
            `detail:` line, or `refused: <status> <message>` when the gate would not route the \
            request. When a check needs a fact dockgate would look up from the daemon (an \
            image's user, another container's modes, …), supply it with --facts; the format is \
            in policy/README.md. Exits 0 when allowed, 1 when denied or refused.
            """
    )

    @Option(help: "Policy file (YAML); without one, the built-in profiles.")
    var policy: String?

    @Option(
        help: "Profile to evaluate against: one of the policy file's or a built-in (default: the file's, or baseline).")
    var profile: String?

    @Option(help: "JSON file of facts the gate would look up from the daemon (see policy/README.md).")
    var facts: String?

    @Option(help: "The caller's certificate (PEM): with a policy that has teams, its team, role and profile decide.")
    var identity: String?

    @Option(help: "The caller's team, as in its certificate's OU (without --identity).")
    var team: String = ""

    @Option(help: "The caller's certificate subject (without --identity).")
    var subject: String = ""

    @Argument(help: "HTTP method, upper case (POST).")
    var method: String

    @Argument(help: "Request target as the docker client sends it (/v1.41/containers/create).")
    var target: String

    @Argument(help: "File with the request body, or - for standard input; omit for no body.")
    var bodyFile: String?

    func validate() throws {
        _ = try PolicySelection.load(policyPath: policy, profileName: profile)
    }

    func run() throws {
        let selection = try PolicySelection.load(policyPath: policy, profileName: self.profile)
        var profile = selection.profile
        var caller = CallerIdentity(subject: subject, team: team)
        if let identity {
            let certificate: X509Certificate
            do {
                guard let first = try X509Certificate.loadAll(fromPEMFile: identity).first else {
                    throw ValidationError("\(identity) holds no certificate")
                }
                certificate = first
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError("cannot read the certificate \(identity): \(error)")
            }
            let peer = CertificateIdentity(peer: PeerIdentity(certificate: certificate))
            print("identity: \(peer.subject)")
            switch selection.document.resolve(peer) {
            case .singleTenant:
                print("team: none (the policy has no teams: profile \(profile.name) on every endpoint)")
                caller = CallerIdentity(subject: peer.subject)
            case .unmatched:
                print("team: none — matches no team in the policy; every request is refused (rule team-match)")
                throw ExitCode.failure
            case .team(let team, let alsoMatched):
                let quota = team.quota.map { ", quota \($0.description)" } ?? ""
                print("team: \(team.name) (role \(team.role.name), profile \(team.profile.name)\(quota))")
                if !alsoMatched.isEmpty {
                    print("note: also matches \(alsoMatched.joined(separator: ", ")); the first team in the file wins")
                }
                caller = CallerIdentity(subject: peer.subject, team: team.name, role: team.role, quota: team.quota)
                profile = team.profile
            }
        }
        let facts = try self.facts.map(PolicyFactsFile.load) ?? Facts()
        let body = try bodyFile.map(Self.readBody) ?? []
        let explanation = PolicyExplanation(
            method: method, target: target, body: body, identity: caller, facts: facts, profile: profile)
        for line in explanation.lines { print(line) }
        if !explanation.allowed { throw ExitCode.failure }
    }

    private static func readBody(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the body file \(path); give a readable file, or - for standard input")
        }
        return Array(data)
    }
}
