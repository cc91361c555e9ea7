import ArgumentParser
import Foundation
import Policy

/// `dockgate policy check FILE`: loads a policy file as `serve` would and prints each
/// profile's effective rules and settings, so a reviewer sees what a change really does.
///
/// Exit status: 0 valid, 1 invalid (the error names the file, line and key).
struct PolicyCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a policy file and print each profile's effective rules."
    )

    @Argument(help: "The policy file (YAML).")
    var file: String

    func run() throws {
        let document: PolicyDocument
        do throws(PolicyFileError) {
            document = try PolicyDocument.load(path: file)
        } catch {
            StandardError.line("Error: invalid: \(error)")
            throw ExitCode.failure
        }
        for line in Self.lines(for: document, file: file) { print(line) }
    }

    static func lines(for document: PolicyDocument, file: String) -> [String] {
        var lines = [
            "\(file): valid (\(PolicyDocument.apiVersion))",
            "active profile: \(document.activeProfile.name)",
            "gate: minAPIVersion \(document.limits.minimumAPIVersion), maxInspectedBody \(document.limits.maximumInspectedBody) bytes",
        ]
        for role in document.roles {
            lines.append("role \(role.name): \(role.allowedEntries.joined(separator: ", "))")
        }
        if let teams = document.teams {
            lines.append("teams (first match wins; a certificate matching none is refused):")
            for team in teams {
                let quota = team.quota.map { ", quota \($0.description)" } ?? ""
                lines.append(
                    "  \(team.name): role \(team.role.name), profile \(team.profile.name)\(quota); matches "
                        + team.matchers.map { $0.description }.joined(separator: " or "))
            }
        } else {
            lines.append("teams: none (every certificate the CA signs gets the active profile)")
        }
        for profile in document.profiles {
            lines.append("")
            lines.append("profile \(profile.name) (extends \(profile.base ?? "nothing"))")
            lines.append(
                "  rules: \(profile.checks.isEmpty ? "none" : profile.checks.map(\.id).joined(separator: ", "))")
            lines += profile.settings.summary.map { "  \($0)" }
        }
        return lines
    }
}

extension ProfileSettings {
    /// One `key: value` line per setting, named as in the policy file.
    var summary: [String] {
        func list(_ values: [String]) -> String { values.isEmpty ? "none" : values.joined(separator: ", ") }
        func optionalList(_ values: [String]?) -> String { values.map(list) ?? "any" }
        func limit(_ value: Int64?) -> String { value.map { "\($0)" } ?? "no ceiling" }
        return [
            "allowedCapabilities: \(list(allowedCapabilities))",
            "allowedHostPaths: \(list(allowedHostPathPrefixes))",
            "hostPathsReadOnly: \(hostPathsReadOnly)",
            "protectedHostPaths: \(list(additionalProtectedHostPaths))",
            "trustedUserNames: \(list(trustedUserNames))",
            "trustedGroupNames: \(list(trustedGroupNames))",
            "allowedRuntimes: \(list(allowedRuntimes))",
            "allowedSysctls: \(list(allowedSysctls))",
            "allowedLogDrivers: \(list(allowedLogDrivers))",
            "allowedVolumeDrivers: \(list(allowedVolumeDrivers))",
            "allowedImages: \(optionalList(allowedImages))",
            "requireImageDigest: \(requireImageDigest)",
            "writableImageNames: \(optionalList(writableImageNames))",
            "maxMemory: \(maximumMemory.map { "\($0) bytes" } ?? "no ceiling")",
            "maxCPUs: \(maximumNanoCPUs.map { "\(Double($0) / 1e9)" } ?? "no ceiling")",
            "maxPids: \(limit(maximumPids))",
            "allowedHostPorts: \(list(allowedHostPorts.map(\.description)))",
            "allowedHostIPs: \(optionalList(allowedHostIPs))",
        ]
    }
}
