/// Why a line is not an audit record, in words for `dockgate audit verify`'s report.
enum AuditLineProblem: Error, Equatable, CustomStringConvertible {
    /// Not JSON, or not the JSON shapes a record uses; `column` counts bytes from 1.
    case syntax(column: Int, String)
    case unknownField(String)
    case duplicateField(AuditField)
    case outOfOrder(AuditField, after: AuditField)
    case missingField(AuditField)
    case wrongType(AuditField, expected: String, found: String)
    case badValue(AuditField, String)
    /// Valid, but not byte for byte what dockgate writes for the same values (spacing,
    /// escapes): dockgate did not write this line.
    case notCanonical(column: Int)

    var description: String {
        switch self {
        case .syntax(let column, let message): "column \(column): \(message)"
        case .unknownField(let name): "unknown field \"\(name)\""
        case .duplicateField(let field): "field \"\(field.rawValue)\" appears twice"
        case .outOfOrder(let field, let after):
            "field \"\(field.rawValue)\" comes after \"\(after.rawValue)\"; dockgate writes it before"
        case .missingField(let field): "required field \"\(field.rawValue)\" is missing"
        case .wrongType(let field, let expected, let found):
            "field \"\(field.rawValue)\" must be \(expected), found \(found)"
        case .badValue(let field, let rule): "field \"\(field.rawValue)\" \(rule)"
        case .notCanonical(let column):
            "column \(column): not written the way dockgate writes records (spacing or escaping differ)"
        }
    }
}
