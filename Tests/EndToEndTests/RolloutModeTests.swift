import Foundation
import TestSupport
import Testing

/// A profile in `warn` or `dry-run` mode lets through what it would deny: `docker run
/// --privileged` works, the gate says so loudly at start-up, and the create's audit record
/// carries the would-be denial (its rule and reason).
@Suite("rollout modes")
struct RolloutModeTests {
    @Test(
        "a --privileged run succeeds and its audit record carries the would-be denial",
        arguments: ["warn", "dry-run"])
    func privilegedRunIsLetThrough(mode: String) async throws {
        let cli = try #require(DockerCLI.available.first)
        let setup = try await SharedSetup.get()
        let log = setup.scratch + "/rollout-\(mode)-\(UUID().uuidString.prefix(8)).log"
        let policy = try setup.policyArguments(
            "rollout-\(mode)",
            """
            apiVersion: dockgate/v1
            profile: trial
            profiles:
              trial:
                extends: baseline
                mode: \(mode)
            """)
        try await Scenario.run(cli, gateArguments: policy + ["--audit-log", log]) { s in
            let run = try await s.dockerSucceeds(["run", "--rm", "--privileged", testImage, "echo", "let through"])
            #expect(run.standardOutput == "let through\n", "\(run)")
            #expect(s.gate.log.contains("ROLLOUT MODE: profile trial is in \(mode) mode"), "\(s.gate.log)")
        }
        let records = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        let create = try #require(
            records.first { $0["endpoint"] as? String == "container.create" }, "no create record in \(records)")
        #expect(create["decision"] as? String == "allow", "\(create)")
        #expect(create["status"] as? Int == 201, "\(create)")
        #expect(create["rule"] as? String == "no-privileged", "\(create)")
        #expect((create["reason"] as? String)?.contains("privileged") == true, "\(create)")
        #expect((create["note"] as? String)?.hasPrefix("\(mode): would be denied: ") == true, "\(create)")
    }
}
