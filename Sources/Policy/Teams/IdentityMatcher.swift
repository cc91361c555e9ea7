/// One `match` entry of a team: every field it gives must match the certificate (an entry
/// with several fields is an AND; a team's entries are an OR). Values are exact, or globs
/// with `*` (any run of characters); all comparisons are on bytes.
public struct IdentityMatcher: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case commonName = "CN"
        case organization = "O"
        case organizationalUnit = "OU"
        case uri
        case dns
        case email
        /// The leaf certificate's SHA-256 (hex, case and `:` ignored).
        case fingerprint
        /// The public key's SHA-256 (hex, case and `:` ignored).
        case spki
    }

    public let conditions: [(field: Field, pattern: String)]

    public init(_ conditions: [(field: Field, pattern: String)]) {
        self.conditions = conditions
    }

    public func matches(_ identity: CertificateIdentity) -> Bool {
        !conditions.isEmpty
            && conditions.allSatisfy { condition in
                Self.values(of: condition.field, in: identity).contains { value in
                    switch condition.field {
                    case .fingerprint, .spki: Self.hex(value).bytesEqual(Self.hex(condition.pattern))
                    default: Glob.matches(condition.pattern, value)
                    }
                }
            }
    }

    static func values(of field: Field, in identity: CertificateIdentity) -> [String] {
        switch field {
        case .commonName: identity.commonNames
        case .organization: identity.organizations
        case .organizationalUnit: identity.organizationalUnits
        case .uri: identity.uris
        case .dns: identity.dnsNames
        case .email: identity.emails
        case .fingerprint: [identity.fingerprint]
        case .spki: [identity.spkiSHA256]
        }
    }

    /// Hex digits only, lower case: `AB:cd` → `abcd`.
    static func hex(_ text: String) -> String {
        String(text.lowercased().filter { $0 != ":" })
    }

    public static func == (lhs: IdentityMatcher, rhs: IdentityMatcher) -> Bool {
        lhs.conditions.count == rhs.conditions.count
            && zip(lhs.conditions, rhs.conditions).allSatisfy {
                $0.field == $1.field && $0.pattern.bytesEqual($1.pattern)
            }
    }

    public func hash(into hasher: inout Hasher) {
        for condition in conditions {
            hasher.combine(condition.field)
            hasher.combine(Array(condition.pattern.utf8))
        }
    }

    public var description: String {
        conditions.map { "\($0.field.rawValue)=\($0.pattern)" }.joined(separator: ",")
    }
}

/// `*`-globs over bytes: `*` matches any run of bytes (including `/`), everything else itself.
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        matches(Array(pattern.utf8)[...], Array(text.utf8)[...])
    }

    private static func matches(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let star = pattern.firstIndex(of: UInt8(ascii: "*")) else { return pattern.elementsEqual(text) }
        let prefix = pattern[pattern.startIndex..<star]
        guard text.starts(with: prefix) else { return false }
        let rest = pattern[(star + 1)...]
        var start = text.startIndex + prefix.count
        while true {
            if matches(rest, text[start...]) { return true }
            if start == text.endIndex { return false }
            start += 1
        }
    }
}
