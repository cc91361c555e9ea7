/// A port binding's `HostPort` as dockerd reads it (go-connections' `ParsePortRange`:
/// `strconv.ParseUint` on each side of a `-`).
enum HostPortText {
    enum Parsed: Equatable {
        /// `""` or `0`: the daemon picks a free port from its ephemeral range.
        case anyPort
        /// One port (`8080`) or a range (`8000-8010`) the daemon picks a free port from.
        case range(PortRange)
        /// Anything else. Releases read some of it differently (go-connections ignores a
        /// second `-` and anything after it, and a `/proto` suffix), so dockgate refuses it.
        case unreadable
    }

    static func parse(_ text: String) -> Parsed {
        if text.isEmpty { return .anyPort }
        let bounds = text.splitBytes("-")
        guard bounds.count <= 2 else { return .unreadable }
        let numbers = bounds.compactMap(port)
        guard numbers.count == bounds.count else { return .unreadable }
        let lower = numbers[0]
        let upper = numbers.count == 2 ? numbers[1] : lower
        if bounds.count == 1, lower == 0 { return .anyPort }
        guard lower >= 1, lower <= upper else { return .unreadable }
        return .range(PortRange(lower, upper))
    }

    /// `strconv.ParseUint(text, 10, 16)`: decimal digits only (leading zeros allowed), ≤ 65535.
    private static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        var value = 0
        for digit in text.utf8.drop(while: { $0 == 0x30 }) {
            value = value * 10 + Int(digit - 0x30)
            if value > 65535 { return nil }
        }
        return value
    }
}

extension Array where Element == PortRange {
    /// Whether every port from `lower` to `upper` lies in one of the ranges.
    func covers(_ lower: Int, _ upper: Int) -> Bool {
        var next = lower
        for range in sorted(by: { $0.lower < $1.lower }) where range.lower <= next && range.upper >= next {
            next = range.upper + 1
            if next > upper { return true }
        }
        return next > upper
    }
}
