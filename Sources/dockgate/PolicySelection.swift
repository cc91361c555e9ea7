import ArgumentParser
import Policy

/// The policy a command works with: `--policy FILE` (or none: the built-in baseline) and
/// `--profile NAME` (or the file's `profile:`).
struct PolicySelection {
    let document: PolicyDocument
    let profile: Profile

    /// Loads and chooses; a file or name problem is a `ValidationError` naming it.
    static func load(policyPath: String?, profileName: String?) throws -> PolicySelection {
        var document = PolicyDocument.builtin
        if let policyPath {
            do throws(PolicyFileError) {
                document = try PolicyDocument.load(path: policyPath)
            } catch {
                throw ValidationError("invalid policy: \(error)")
            }
        }
        guard let profileName else { return PolicySelection(document: document, profile: document.activeProfile) }
        guard let profile = document.profile(named: profileName) else {
            let names = (document.profiles.map(\.name) + Profile.builtins.map(\.name)).joined(separator: ", ")
            throw ValidationError("--profile \(profileName) is not a profile here; choose one of \(names)")
        }
        return PolicySelection(document: document, profile: profile)
    }
}
