import Foundation
import TestSupport

/// Finds the programs the tests run: the freshly built `dockgate`, and the peer tools.
enum Executables {
    /// The `dockgate` binary SwiftPM built next to this test bundle.
    ///
    /// `swift build` / `swift test` put every product of the package in one directory
    /// (`.build/<triple>/debug`), which also holds the test bundle; so walk up from the
    /// running test executable to the first directory with an executable file named
    /// `dockgate`. `DOCKGATE_BINARY` overrides the search.
    static func dockgate() throws -> String {
        if let override = ProcessInfo.processInfo.environment["DOCKGATE_BINARY"] {
            guard isExecutableFile(override) else {
                throw HarnessError("DOCKGATE_BINARY=\(override) is not an executable file")
            }
            return override
        }
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()]
        if let executable = Bundle.main.executableURL { starts.append(executable.resolvingSymlinksInPath()) }
        starts.append(Bundle.main.bundleURL.resolvingSymlinksInPath())
        var searched: [String] = []
        for start in starts {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("dockgate").path
                if isExecutableFile(candidate) { return candidate }
                searched.append(directory.path)
                directory = directory.deletingLastPathComponent()
            }
        }
        throw HarnessError(
            "cannot find the dockgate binary (searched \(searched.joined(separator: ", "))); run the tests with `swift test` so it is built, or set DOCKGATE_BINARY"
        )
    }

    /// A peer tool from `PATH`; if it is missing the failure names the Debian package to install.
    static func tool(_ name: String, aptPackage: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if isExecutableFile(candidate) { return candidate }
        }
        throw HarnessError(
            "\(name) is not installed (not found in PATH=\(path)); install it with `apt-get install -y \(aptPackage)`")
    }

    static func openssl() throws -> String { try tool("openssl", aptPackage: "openssl") }
    static func curl() throws -> String { try tool("curl", aptPackage: "curl") }
    /// Debian's own interpreter first: a version-manager shim (pyenv) costs a third of a
    /// second per start, which adds up when many tests start one at once on a loaded machine.
    static func python3() throws -> String {
        if isExecutableFile("/usr/bin/python3") { return "/usr/bin/python3" }
        return try tool("python3", aptPackage: "python3")
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}
