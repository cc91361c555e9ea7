import ArgumentParser
import Audit
import Foundation
import Policy

/// The policy a command works with: `--policy FILE` (or none: the built-in baseline) and
/// `--profile NAME` (or the file's `profile:`).
struct PolicySelection {
    let document: PolicyDocument
    let profile: Profile
    /// SHA-256 of the policy file's bytes as they were checked; nil for the built-in policy.
    var fileSHA256: AuditSHA256? = nil

    /// Loads and chooses; a file or name problem is a `ValidationError` naming it.
    static func load(policyPath: String?, profileName: String?) throws -> PolicySelection {
        var document = PolicyDocument.builtin
        var fileSHA256: AuditSHA256?
        if let policyPath {
            do throws(PolicyFileError) {
                if let data = FileManager.default.contents(atPath: policyPath) {
                    document = try PolicyDocument.load(contents: data, path: policyPath)
                    fileSHA256 = AuditSHA256(of: data)
                } else {
                    // Fails with the file's own message.
                    document = try PolicyDocument.load(path: policyPath)
                }
            } catch {
                throw ValidationError("invalid policy: \(error)")
            }
        }
        guard let profileName else {
            return PolicySelection(document: document, profile: document.activeProfile, fileSHA256: fileSHA256)
        }
        guard let profile = document.profile(named: profileName) else {
            let names = (document.profiles.map(\.name) + Profile.builtins.map(\.name)).joined(separator: ", ")
            throw ValidationError("--profile \(profileName) is not a profile here; choose one of \(names)")
        }
        return PolicySelection(document: document, profile: profile, fileSHA256: fileSHA256)
    }
}
