/// A client must present a certificate of its own, never a CA certificate.
///
/// OpenSSL's purpose check (`ssl_client`) looks at keyUsage and extendedKeyUsage only, so a CA
/// certificate without those extensions, or one whose keyUsage also allows digitalSignature,
/// passes as a client's. Whoever holds a CA's key can mint identities; letting the CA itself
/// log in as a caller blurs who is who in the audit log and in team matching. Applied to the
/// certificate at depth 0 of the chain, in the handshake's verify callback and when an open
/// connection is checked again after a reload.
enum LeafCertificateCheck {
    /// Why `certificate`, presented as the client's own, is refused; nil for a leaf.
    static func refusal(_ certificate: X509Certificate) -> String? {
        guard certificate.isCertificateAuthority else { return nil }
        return
            "a CA certificate cannot be a client certificate (it may sign certificates: basicConstraints CA:TRUE or keyUsage keyCertSign); present one issued by the CA (dockgate certs client)"
    }
}
