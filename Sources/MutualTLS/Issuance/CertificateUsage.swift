import COpenSSL

/// What a certificate is for; decides its basicConstraints, keyUsage and extendedKeyUsage.
public enum CertificateUsage: Sendable {
    /// A CA that signs certificates and CRLs.
    case authority
    /// A TLS server (serverAuth): dockgate's own `server-cert.pem`.
    case server
    /// A TLS client (clientAuth): what the docker CLI presents from `DOCKER_CERT_PATH`.
    case client
}

extension CertificateUsage {
    /// The `openssl x509 -extfile` lines for this usage, as (extension, value) pairs.
    ///
    /// `pathLength` only matters for `.authority`: nil for a root, 0 for a CA issued by
    /// another CA (it may sign leaves only).
    func extensionValues(rsaKey: Bool, pathLength: Int?) -> [(nid: Int32, value: String)] {
        switch self {
        case .authority:
            let constraints = pathLength.map { "critical,CA:TRUE,pathlen:\($0)" } ?? "critical,CA:TRUE"
            return [
                (NID_basic_constraints, constraints),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
            ]
        case .server, .client:
            let keyUsage = rsaKey ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature"
            return [
                (NID_basic_constraints, "critical,CA:FALSE"),
                (NID_key_usage, keyUsage),
                (NID_ext_key_usage, self == .server ? "serverAuth" : "clientAuth"),
            ]
        }
    }
}
