import Foundation

enum StandardError {
    /// A line on standard error, which `print` does not reach.
    static func line(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
