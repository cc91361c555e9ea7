import ArgumentParser
import Foundation
import MutualTLS

/// Small helpers shared by the `certs` subcommands.
enum CertsOutput {
    /// `path` made absolute, for hints that are pasted into another shell.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return CertificateFiles(directory: FileManager.default.currentDirectoryPath).path(path)
    }

    static func date(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func validateDays(_ days: Int, flag: String) throws {
        guard days > 0, days <= 36_500 else {
            throw ValidationError("\(flag) must be a number of days from 1 to 36500, not \(days)")
        }
    }
}
