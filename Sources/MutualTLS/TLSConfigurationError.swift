/// Why a TLS configuration could not be turned into a working context.
///
/// Each case names the file involved, because the operator reading a start-up failure needs
/// to know which of the four or five paths to fix.
public enum TLSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case noCertificates(path: String)
    case invalidPEM(path: String, what: String, detail: String)
    case encryptedKeyWithoutPassphrase(path: String)
    case wrongPassphrase(path: String, detail: String)
    case keyDoesNotMatchCertificate(keyPath: String, certificatePath: String)
    case certificateExpired(path: String, subject: String, notAfter: String)
    case certificateNotYetValid(path: String, subject: String, notBefore: String)
    case revocationListExpired(path: String, nextUpdate: String)
    case revocationListFromUnknownIssuer(path: String, issuer: String)
    case revocationListNotYetValid(path: String, lastUpdate: String)
    case authorityWithoutRevocationList(caBundlePath: String, subject: String)
    case notAnAuthority(path: String, subject: String)
    case invalidSetting(name: String, detail: String)
    case openssl(String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .noCertificates(let path):
            return "\(path) contains no PEM certificate (expected -----BEGIN CERTIFICATE-----)"
        case .invalidPEM(let path, let what, let detail):
            return "\(path) is not a valid PEM \(what): \(detail)"
        case .encryptedKeyWithoutPassphrase(let path):
            return
                "\(path) is an encrypted private key; give its passphrase with --tlskey-passphrase-file or decrypt it (openssl pkey -in \(path) -out KEY)"
        case .wrongPassphrase(let path, let detail):
            return "cannot decrypt \(path) with the passphrase given: \(detail)"
        case .keyDoesNotMatchCertificate(let keyPath, let certificatePath):
            return "private key \(keyPath) does not belong to certificate \(certificatePath)"
        case .certificateExpired(let path, let subject, let notAfter):
            return "certificate \(path) (\(subject)) expired at \(notAfter)"
        case .certificateNotYetValid(let path, let subject, let notBefore):
            return "certificate \(path) (\(subject)) is not valid before \(notBefore)"
        case .revocationListExpired(let path, let nextUpdate):
            return
                "revocation list \(path) expired at \(nextUpdate) (its nextUpdate); every client would be refused. Re-issue it (dockgate certs revoke --dir CA_DIR refreshes it)"
        case .revocationListFromUnknownIssuer(let path, let issuer):
            return "revocation list \(path) is issued by \(issuer), which is not a CA in the CA bundle"
        case .revocationListNotYetValid(let path, let lastUpdate):
            return
                "revocation list \(path) is not valid before \(lastUpdate) (its lastUpdate); every client would be refused until then. Check this machine's clock, or re-issue it (dockgate certs revoke --dir CA_DIR back-dates it for clock skew)"
        case .authorityWithoutRevocationList(let caBundlePath, let subject):
            return
                "CA \(subject) in \(caBundlePath) has no CRL among --tlscrl; with any CRL given, each CA needs its own, or every client it issued is refused (\"unable to get certificate CRL\"). Add its CRL with --tlscrl, or remove the CA from the bundle"
        case .notAnAuthority(let path, let subject):
            return
                "\(path) holds \(subject), which is not a CA certificate (no basicConstraints CA:TRUE); a CA bundle may hold CA certificates only, or that certificate would be trusted as an issuer of client certificates"
        case .invalidSetting(let name, let detail):
            return "invalid TLS setting \(name): \(detail)"
        case .openssl(let detail):
            return detail
        }
    }
}
