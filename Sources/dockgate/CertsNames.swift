import ArgumentParser
import Foundation

/// The names `dockgate certs` puts into certificates, checked before any key is made.
enum CertsNames {
    /// Always in the server certificate, so a client on the gate's own host can connect to
    /// `localhost`, `127.0.0.1` or `::1` whatever `--hostname` says.
    static let loopback = (dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"])

    /// Splits `--hostname` values into DNS names and IP addresses (IPv6 may be bracketed),
    /// adds the loopback names, and drops repeats.
    static func server(hostnames: [String]) throws -> (dnsNames: [String], ipAddresses: [String]) {
        var dnsNames: [String] = []
        var ipAddresses: [String] = []
        for hostname in hostnames {
            let bare =
                hostname.hasPrefix("[") && hostname.hasSuffix("]") ? String(hostname.dropFirst().dropLast()) : hostname
            if let address = canonicalIPAddress(bare) {
                ipAddresses.append(address)
            } else if isDNSName(hostname) {
                dnsNames.append(hostname)
            } else {
                throw ValidationError(
                    "--hostname \"\(hostname)\" is neither an IP address nor a DNS name (letters, digits, '-' and '.'; '*.' in front for a wildcard)"
                )
            }
        }
        return (unique(dnsNames + loopback.dnsNames), unique(ipAddresses + loopback.ipAddresses))
    }

    /// `--name` and `--team` become a path segment of the SPIFFE id and of the default
    /// output directory, so they are restricted to `[A-Za-z0-9._-]` and may not be `.`/`..`.
    static func validateIdentity(_ value: String, flag: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !value.isEmpty, value.allSatisfy(allowed.contains), value != ".", value != ".." else {
            throw ValidationError(
                "\(flag) \"\(value)\" is not allowed: use letters, digits, '.', '_' and '-' only (it becomes part of spiffe://dockgate/team/<team>/user/<name>)"
            )
        }
    }

    /// The address in the form the certificate will show it (`::1`, not `0:0::1`), or nil.
    static func canonicalIPAddress(_ text: String) -> String? {
        var storage = in6_addr()
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        for family in [AF_INET, AF_INET6] where inet_pton(family, text, &storage) == 1 {
            guard inet_ntop(family, &storage, &buffer, socklen_t(buffer.count)) != nil else { return nil }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return nil
    }

    static func isDNSName(_ text: String) -> Bool {
        var labels = text.split(separator: ".", omittingEmptySubsequences: false)
        if labels.first == "*" && labels.count > 2 { labels.removeFirst() }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        return text.utf8.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.allSatisfy(allowed.contains) && !label.hasPrefix("-")
                    && !label.hasSuffix("-")
            }
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
