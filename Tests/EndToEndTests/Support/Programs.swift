import Foundation
import TestSupport

/// Where the programs the tests run live: the freshly built `dockgate`, the repository's
/// scripts, and tools from `PATH`.
enum Programs {
    /// The `dockgate` executable SwiftPM built next to this test bundle: the first directory
    /// above the running test binary that holds an executable file named `dockgate`.
    static func dockgate() throws -> String {
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]), Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        var searched: [String] = []
        for start in starts {
            var directory = start.resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("dockgate").path
                if isExecutableFile(candidate) { return candidate }
                searched.append(directory.path)
                directory.deleteLastPathComponent()
            }
        }
        throw HarnessError(
            "no dockgate executable next to the test bundle (searched \(searched.joined(separator: ", "))); run `swift build` first"
        )
    }

    /// The repository root: the first directory above this source file with `scripts/dockerd-env`.
    static func repositoryRoot(filePath: String = #filePath) throws -> String {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if isExecutableFile(directory.appendingPathComponent("scripts/dockerd-env").path) { return directory.path }
            directory.deleteLastPathComponent()
        }
        throw HarnessError("no scripts/dockerd-env in any directory above \(filePath)")
    }

    /// A tool from `PATH`; when missing, the message names the Debian package to install.
    static func tool(_ name: String, package: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where isExecutableFile("\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw HarnessError("\(name) is not installed (PATH=\(path)); `apt-get install -y \(package)`")
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}
