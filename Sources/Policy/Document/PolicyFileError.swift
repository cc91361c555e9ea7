/// Why a policy file was refused: where (file, line, column), which key, and what is wrong.
/// Printed as `policy.yaml:12:5: profiles.web.maxMemory: "2GB" is not a size …`.
public struct PolicyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// 1-based; 0 when the problem is the file as a whole (unreadable, empty).
    public let line: Int
    public let column: Int
    /// The dotted path of the key (`profiles.web.maxMemory`), or `""` for the document.
    public let key: String
    public let problem: String

    public init(file: String, line: Int, column: Int, key: String, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.problem = problem
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return key.isEmpty ? "\(place): \(problem)" : "\(place): \(key): \(problem)"
    }
}
