import Foundation

/// Everything about a certificate to be issued except its key: subject, subjectAltNames,
/// usage and validity. A plain value so the CLI and tests can build one and hand it to
/// `CertificateAuthority.issue(_:publicKeyOf:)`.
public struct CertificateRequest: Sendable {
    /// How far `init(days:)` back-dates notBefore, so a peer whose clock runs a little
    /// behind does not reject a certificate minted seconds ago.
    public static let clockSkew: TimeInterval = 5 * 60

    public var commonName: String
    public var organization: String?
    /// Several OUs are allowed; they are written in this order.
    public var organizationalUnits: [String]
    public var dnsNames: [String]
    /// IPv4 dotted quads or IPv6 text (`::1`, `2001:db8::1`).
    public var ipAddresses: [String]
    /// URIs such as SPIFFE ids (`spiffe://dockgate/team/web/user/alice`).
    public var uris: [String]
    public var emailAddresses: [String]
    public var usage: CertificateUsage
    public var notBefore: Date
    public var notAfter: Date

    public init(
        commonName: String,
        organization: String? = nil,
        organizationalUnits: [String] = [],
        dnsNames: [String] = [],
        ipAddresses: [String] = [],
        uris: [String] = [],
        emailAddresses: [String] = [],
        usage: CertificateUsage,
        notBefore: Date,
        notAfter: Date
    ) {
        self.commonName = commonName
        self.organization = organization
        self.organizationalUnits = organizationalUnits
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
        self.uris = uris
        self.emailAddresses = emailAddresses
        self.usage = usage
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// Valid from `now` minus `clockSkew` until `days` days after `now`.
    public init(
        commonName: String,
        organization: String? = nil,
        organizationalUnits: [String] = [],
        dnsNames: [String] = [],
        ipAddresses: [String] = [],
        uris: [String] = [],
        emailAddresses: [String] = [],
        usage: CertificateUsage,
        days: Int,
        now: Date = Date()
    ) {
        self.init(
            commonName: commonName, organization: organization, organizationalUnits: organizationalUnits,
            dnsNames: dnsNames, ipAddresses: ipAddresses, uris: uris, emailAddresses: emailAddresses, usage: usage,
            notBefore: now.addingTimeInterval(-Self.clockSkew),
            notAfter: now.addingTimeInterval(TimeInterval(days) * 86_400))
    }

    var hasSubjectAlternativeNames: Bool {
        !(dnsNames.isEmpty && ipAddresses.isEmpty && uris.isEmpty && emailAddresses.isEmpty)
    }
}
