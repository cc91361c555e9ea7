/// Why a certificate, CRL or PEM file could not be made.
///
/// Messages are written for the operator running `dockgate certs`: they name the file or
/// value at fault and, where there is one, the flag that fixes it.
public enum IssuanceError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyCommonName
    case invalidValidity(notBefore: String, notAfter: String)
    case invalidIPAddress(String)
    case invalidSubjectAlternativeName(kind: String, value: String)
    case notAnAuthority(path: String, subject: String)
    case encryptedAuthorityKey(path: String)
    case notIssuedByAuthority(subject: String, authority: String)
    case revocationListFromOtherAuthority(issuer: String, authority: String)
    case filesExist(paths: [String])
    case cannotCreateDirectory(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .emptyCommonName:
            return "a certificate needs a non-empty common name (CN)"
        case .invalidValidity(let notBefore, let notAfter):
            return "notAfter \(notAfter) is not later than notBefore \(notBefore); give a positive number of --days"
        case .invalidIPAddress(let text):
            return "\(text) is not an IPv4 or IPv6 address"
        case .invalidSubjectAlternativeName(let kind, let value):
            return "\(kind) subjectAltName \"\(value)\" must be non-empty printable ASCII without spaces"
        case .notAnAuthority(let path, let subject):
            return "\(path) (\(subject)) is not a CA certificate (it lacks basicConstraints CA:TRUE)"
        case .encryptedAuthorityKey(let path):
            return
                "\(path) is an encrypted private key; dockgate certs needs the CA key unencrypted (openssl pkey -in \(path) -out \(path).plain, then move it into place with mode 0600)"
        case .notIssuedByAuthority(let subject, let authority):
            return "certificate \(subject) was not issued by the CA \(authority)"
        case .revocationListFromOtherAuthority(let issuer, let authority):
            return "the existing revocation list is issued by \(issuer), not by the CA \(authority)"
        case .filesExist(let paths):
            let list = paths.joined(separator: ", ")
            let verb = paths.count == 1 ? "exists" : "exist"
            return "\(list) already \(verb); nothing was written. Pass --force to overwrite"
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create directory \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
