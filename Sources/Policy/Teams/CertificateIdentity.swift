/// What a verified client certificate says about its holder, as plain strings: the gate
/// fills it from the TLS layer's `PeerIdentity`; teams match against it.
public struct CertificateIdentity: Sendable, Hashable {
    /// The subject DN (RFC 2253: `CN=alice,OU=web,O=dockgate`).
    public var subject: String
    public var commonNames: [String]
    public var organizations: [String]
    public var organizationalUnits: [String]
    public var uris: [String]
    public var dnsNames: [String]
    public var emails: [String]
    /// SHA-256 of the leaf certificate (DER), lower-case hex.
    public var fingerprint: String
    /// SHA-256 of the subject public key info, lower-case hex.
    public var spkiSHA256: String

    public init(
        subject: String, commonNames: [String] = [], organizations: [String] = [], organizationalUnits: [String] = [],
        uris: [String] = [], dnsNames: [String] = [], emails: [String] = [], fingerprint: String = "",
        spkiSHA256: String = ""
    ) {
        self.subject = subject
        self.commonNames = commonNames
        self.organizations = organizations
        self.organizationalUnits = organizationalUnits
        self.uris = uris
        self.dnsNames = dnsNames
        self.emails = emails
        self.fingerprint = fingerprint
        self.spkiSHA256 = spkiSHA256
    }
}
