/// A gorilla/mux path template (`/containers/{name:.*}/json`) and its matcher.
///
/// mux compiles a template into an anchored Go regexp (`^…$`), quoting the literal parts.
/// A variable without a pattern is `[^/]+` (one or more bytes up to the next `/`); dockerd
/// also uses `.*` and `.+`, which span `/` but, as Go's `.` does, not `\n`; the version
/// prefix is `[0-9.]+`. Matching here is by backtracking on the decoded path's bytes, greedy
/// as Go's leftmost-first semantics, so every capture is what mux would put in `mux.Vars`.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    enum Piece: Sendable, Hashable {
        case literal([UInt8])
        case variable(name: String, pattern: Pattern)
    }

    enum Pattern: String, Sendable, Hashable {
        case segment = "[^/]+"
        case any = ".*"
        case nonEmpty = ".+"
        case version = "[0-9.]+"
    }

    /// The template as dockerd registers it.
    public let text: String
    let pieces: [Piece]

    /// Parses a template; a pattern other than the four dockerd uses is a programming error.
    public init(_ text: String) {
        self.text = text
        self.pieces = Self.parse(text)
    }

    public var description: String { text }

    /// The names of the template's variables, in order.
    public var variableNames: [String] {
        pieces.compactMap {
            if case .variable(let name, _) = $0 { return name }
            return nil
        }
    }

    /// The same template behind dockerd's version prefix, `/v{version:[0-9.]+}`.
    func versioned() -> PathTemplate {
        PathTemplate(
            text: "/v{version:[0-9.]+}" + text,
            pieces: [.literal(Array("/v".utf8)), .variable(name: "version", pattern: .version)] + pieces)
    }

    private init(text: String, pieces: [Piece]) {
        self.text = text
        self.pieces = pieces
    }

    /// The variables' values when the whole path matches, else `nil`.
    public func match(_ path: String) -> [(name: String, value: String)]? {
        var captures: [(name: String, value: String)] = []
        let bytes = Array(path.utf8)
        guard Self.match(pieces[...], bytes, from: 0, into: &captures) else { return nil }
        return captures
    }

    private static func match(
        _ pieces: ArraySlice<Piece>, _ path: [UInt8], from start: Int,
        into captures: inout [(name: String, value: String)]
    ) -> Bool {
        guard let piece = pieces.first else { return start == path.count }
        let rest = pieces.dropFirst()
        switch piece {
        case .literal(let literal):
            guard path.count - start >= literal.count, path[start..<(start + literal.count)].elementsEqual(literal)
            else { return false }
            return match(rest, path, from: start + literal.count, into: &captures)
        case .variable(let name, let pattern):
            var end = start
            while end < path.count, pattern.accepts(path[end]) { end += 1 }
            let shortest = pattern == .any ? start : start + 1
            guard end >= shortest else { return false }
            for candidate in stride(from: end, through: shortest, by: -1) {
                let mark = captures.count
                captures.append((name, String(decoding: path[start..<candidate], as: UTF8.self)))
                if match(rest, path, from: candidate, into: &captures) { return true }
                captures.removeSubrange(mark...)
            }
            return false
        }
    }

    private static func parse(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var bytes = text.utf8[...]
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            guard byte == UInt8(ascii: "{") else {
                literal.append(byte)
                continue
            }
            guard let close = bytes.firstIndex(of: UInt8(ascii: "}")) else {
                preconditionFailure("unclosed variable in route template \(text)")
            }
            let body = String(decoding: bytes[..<close], as: UTF8.self)
            bytes = bytes[bytes.index(after: close)...]
            let parts = body.split(separator: ":", maxSplits: 1)
            let pattern = parts.count == 2 ? Pattern(rawValue: String(parts[1])) : .segment
            guard let pattern, let name = parts.first else {
                preconditionFailure("unsupported variable {\(body)} in route template \(text)")
            }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = []
            pieces.append(.variable(name: String(name), pattern: pattern))
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }
}

extension PathTemplate.Pattern {
    func accepts(_ byte: UInt8) -> Bool {
        switch self {
        case .segment: byte != UInt8(ascii: "/")
        case .any, .nonEmpty: byte != UInt8(ascii: "\n")
        case .version: byte == UInt8(ascii: ".") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
    }
}
