/// A bad audit setting, naming the flag (or property) and the value:
/// `--audit-max-size "10XB": not a size; give bytes, or a number with K, M or G (1024-based), e.g. 100M`.
public struct AuditConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The flag as `serve` spells it (`--audit-max-size`), or the property for a value built in code.
    public let key: String
    public let value: String?
    public let problem: String

    public init(key: String, value: String?, problem: String) {
        self.key = key
        self.value = value
        self.problem = problem
    }

    public var description: String {
        "\(key)\(value.map { " \"\($0)\"" } ?? ""): \(problem)"
    }
}
