#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// IP addresses as the daemon reads them from a port binding's `HostIp` (Go's `net.ParseIP`).
enum IPAddressText {
    /// An IPv4 or IPv6 address in its textual form (`inet_pton`), whatever it is.
    static func isAddress(_ text: String) -> Bool {
        bytes(text) != nil
    }

    /// The address as the daemon binds it: four bytes for IPv4 and for an IPv4-mapped IPv6
    /// address (`::ffff:127.0.0.1`, which Go's `To4` turns into `127.0.0.1`), else sixteen;
    /// nil when `text` is not an address (Go's `ParseIP` refuses the same: zones, leading
    /// zeros, spaces).
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, text, &v4) == 1 { return v4 }
        var v6 = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let mapped = v6.prefix(10).allSatisfy { $0 == 0 } && v6[10] == 0xFF && v6[11] == 0xFF
        return mapped ? Array(v6.suffix(4)) : v6
    }

    /// An address that names one interface: not empty and not a wildcard (`0.0.0.0`, `::`, or
    /// `::ffff:0.0.0.0`, which the daemon binds as `0.0.0.0`).
    static func isSpecific(_ text: String) -> Bool {
        guard let bytes = bytes(text) else { return false }
        return bytes.contains { $0 != 0 }
    }

    /// Whether the two texts name the same address (`::1` and `0:0:0:0:0:0:0:1` do).
    static func sameAddress(_ lhs: String, _ rhs: String) -> Bool {
        guard let left = bytes(lhs), let right = bytes(rhs) else { return false }
        return left == right
    }
}
