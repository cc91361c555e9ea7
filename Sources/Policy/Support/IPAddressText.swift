#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// IP addresses as the daemon reads them from a port binding's `HostIp`.
enum IPAddressText {
    /// An IPv4 or IPv6 address in its textual form (`inet_pton`), whatever it is.
    static func isAddress(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1 || inet_pton(AF_INET6, text, &buffer) == 1
    }

    /// An address that names one interface: not empty and not a wildcard (`0.0.0.0`, `::`).
    static func isSpecific(_ text: String) -> Bool {
        guard isAddress(text) else { return false }
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, text, &v4) == 1 { return v4 != [0, 0, 0, 0] }
        var v6 = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET6, text, &v6) == 1 && v6 != [UInt8](repeating: 0, count: 16)
    }
}
