/// Limits written for a docker user: sizes in the units policy files use (`2Gi`, `512Mi`) and
/// CPUs as `--cpus` takes them (`1.5`).
enum LimitText {
    /// `2Gi` when exact, else one decimal (`1.9Gi`) unless that would hide the difference
    /// (`2147483649 bytes`, not `2.0Gi`); `100 bytes` below 1Ki.
    static func bytes(_ value: Int64) -> String {
        guard value > 0 else { return "\(value)" }
        let units: [(String, Int64)] = [("Ti", 1 << 40), ("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)]
        guard let (suffix, size) = units.first(where: { value >= $0.1 }) else { return "\(value) bytes" }
        if value % size == 0 { return "\(value / size)\(suffix)" }
        let tenths = Int64((Double(value) / Double(size) * 10).rounded(.down))
        if tenths % 10 == 0 { return "\(value) bytes" }
        return "\(tenths / 10).\(tenths % 10)\(suffix)"
    }

    /// Nano-CPUs as a number of CPUs: `2`, `0.5`, `0.001`.
    static func cpus(_ nano: Int64) -> String {
        guard nano > 0 else { return "\(nano)" }
        let whole = nano / 1_000_000_000
        var fraction = String(nano % 1_000_000_000)
        guard fraction != "0" else { return "\(whole)" }
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}
