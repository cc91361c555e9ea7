/// The units a policy file writes limits in.
enum Quantities {
    /// `2Gi`, `512Mi`, `64Ki`, `1Ti` (powers of 1024) or a plain number of bytes. Docker's own
    /// `512m` and Kubernetes' decimal `2G` are refused: each reads as the other elsewhere.
    static func bytes(_ text: String) -> Int64? {
        let units: [(suffix: String, factor: Int64)] = [
            ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let count = digits(text.dropLast(2)) else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: unit.factor)
            return overflow ? nil : product
        }
        return digits(Substring(text))
    }

    /// CPUs as a decimal (`0.5`, `2`) or millicores (`500m`), in nano-CPUs, as `--cpus`
    /// sends them (`NanoCpus`). At most nine decimal places.
    static func nanoCPUs(_ text: String) -> Int64? {
        if text.hasSuffix("m") {
            guard let millis = digits(text.dropLast()) else { return nil }
            let (product, overflow) = millis.multipliedReportingOverflow(by: 1_000_000)
            return overflow ? nil : product
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = digits(parts[0]) else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let decimals = parts[1]
            guard !decimals.isEmpty, decimals.count <= 9, let value = digits(decimals) else { return nil }
            fraction = value
            for _ in decimals.count..<9 { fraction *= 10 }
        }
        let (product, overflow) = whole.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? nil : product + fraction
    }

    /// ASCII digits only (no sign, no spaces, no `_`), as a non-negative number.
    private static func digits(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int64(text)
    }
}
