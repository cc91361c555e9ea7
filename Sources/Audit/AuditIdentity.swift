/// Who made the call, as the proxy established it: from the client certificate (subject,
/// serial, fingerprint, the SAN that matched) and from the policy (team, role).
///
/// Every part is optional: a refused handshake may have no certificate at all, and a caller
/// no team matched has a certificate but no team.
public struct AuditIdentity: Sendable, Hashable {
    /// The certificate's subject DN, e.g. `CN=alice,OU=web,O=example`.
    public var subject: String?
    /// The team whose policy applied.
    public var team: String?
    /// The caller's role within the team.
    public var role: String?
    /// The certificate's serial number in hex, as `openssl x509 -serial` prints it.
    public var serial: String?
    /// SHA-256 of the leaf certificate's DER, lowercase hex.
    public var fingerprint: String?
    /// The subject alternative name that identified the caller (e.g. a SPIFFE URI), if a SAN did.
    public var matchedSAN: String?

    public init(
        subject: String? = nil, team: String? = nil, role: String? = nil, serial: String? = nil,
        fingerprint: String? = nil, matchedSAN: String? = nil
    ) {
        self.subject = subject
        self.team = team
        self.role = role
        self.serial = serial
        self.fingerprint = fingerprint
        self.matchedSAN = matchedSAN
    }
}
