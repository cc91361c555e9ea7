import Foundation
import TestSupport
import Testing

/// A docker CLI session of two teams through a gate that audits to a file: one record per
/// API call (as many as the gate counted in its metrics), each with the caller's identity,
/// denials with their rule, a refused handshake too; the chain verifies, and an edited byte
/// is found on its line.
@Suite("audit")
struct AuditTests {
    @Test("a two-team session: one verified record per API call", arguments: DockerCLI.available.prefix(1))
    func session(cli: DockerCLI) async throws {
        let setup = try await SharedSetup.get()
        let log = setup.scratch + "/audit-\(UUID().uuidString.prefix(8)).log"
        let policy = try Programs.repositoryRoot() + "/policy/teams.yaml"
        try await Scenario.run(cli, gateArguments: ["--policy", policy, "--audit-log", log]) { s in
            let web = s.uniqueName("audit-web")
            s.removeAfterwards(container: web)
            let commands: [(team: String, arguments: [String], succeeds: Bool)] = [
                ("web", ["version"], true), ("web", ["ps", "-a"], true), ("web", ["images"], true),
                ("web", ["run", "-d", "--name", web, testImage, "sleep", "600"], true),
                ("web", ["exec", web, "id", "-u"], true), ("web", ["logs", web], true),
                ("web", ["inspect", web], true), ("web", ["run", "--rm", "--privileged", testImage, "true"], false),
                ("data", ["ps"], true), ("data", ["inspect", web], false), ("data", ["exec", web, "id"], false),
                ("data", ["stop", web], false),
                ("data", ["run", "--rm", "--network", "host", testImage, "true"], false),
                ("web", ["stop", "-t", "0", web], true), ("web", ["rm", web], true),
            ]
            var webID = ""
            for (team, arguments, succeeds) in commands {
                let result = try await s.docker(arguments, as: team)
                #expect(result.succeeded == succeeds, "\(team): docker \(arguments.joined(separator: " ")): \(result)")
                if arguments.starts(with: ["run", "-d"]) {
                    webID = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            // A client without a certificate: one refused handshake.
            _ = try await s.run(
                try Programs.tool("curl", package: "curl"),
                ["--silent", "--insecure", "--max-time", "5", "https://127.0.0.1:\(s.gate.port)/_ping"])
            let counted = try await s.requestCount()
            try await Task.sleep(for: .milliseconds(500))
            let termination = await s.gate.stop()
            #expect(termination == .exited(0))

            let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            let records = try lines.map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
            }
            let requests = records.filter { $0["event"] as? String == "request" }
            #expect(requests.count == counted, "\(requests.count) records, \(counted) requests counted")
            #expect(requests.count >= commands.count, "\(requests.count) records")
            for record in requests {
                let subject = record["subject"] as? String ?? ""
                let team = record["team"] as? String ?? ""
                #expect(subject.contains("OU=\(team),"), "\(record)")
            }
            // The create's record names the container the daemon made.
            let created = requests.compactMap { ($0["objects"] as? [String: String])?["created"] }
            #expect(created.contains(webID), "\(created) does not hold \(webID)")
            let denials = requests.filter { $0["decision"] as? String == "deny" }
            let rules = Set(denials.compactMap { $0["rule"] as? String })
            #expect(rules.isSuperset(of: ["no-privileged", "ownership", "no-host-network"]), "\(rules)")
            #expect(records.contains { $0["event"] as? String == "handshake" && $0["decision"] as? String == "deny" })

            let dockgate = try Programs.dockgate()
            let intact = try await s.run(dockgate, ["audit", "verify", log])
            #expect(intact.succeeded, "\(intact)")
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: log)))
            let offset = lines[0].utf8.count + 1 + lines[1].utf8.count + 1 + 30
            bytes[offset] = bytes[offset] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            try Data(bytes).write(to: URL(fileURLWithPath: log))
            let broken = try await s.run(dockgate, ["audit", "verify", log])
            #expect(!broken.succeeded, "\(broken)")
            #expect(broken.combinedOutput.contains("line 3 was changed"), "\(broken)")
        }
    }
}

extension Scenario {
    /// The gate's own count of API calls, from its /metrics.
    func requestCount() async throws -> Int {
        try await metricsText().split(separator: "\n")
            .filter { $0.hasPrefix("dockgate_requests_total{") }
            .compactMap { Double($0.split(separator: " ").last ?? "") }
            .reduce(0) { $0 + Int($1) }
    }
}
