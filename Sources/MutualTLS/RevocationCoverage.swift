/// Whether the CRLs given cover every CA of the bundle.
///
/// With any CRL loaded, OpenSSL checks each certificate of a client's chain against a CRL
/// of its issuer (`X509_V_FLAG_CRL_CHECK_ALL`) and refuses the chain when there is none, with
/// the puzzling "unable to get certificate CRL". A CA without its CRL would lock out every
/// client it issued, so start-up and reload refuse such a configuration instead, naming the CA.
enum RevocationCoverage {
    /// The first authority that signed none of `lists`; nil when each one has a list, or when
    /// no list is given at all (then no certificate is checked against a CRL).
    static func authorityWithoutList(_ authorities: [X509Certificate], lists: [RevocationList]) -> X509Certificate? {
        guard !lists.isEmpty else { return nil }
        return authorities.first { authority in !lists.contains { $0.isIssued(by: authority) } }
    }
}
