/// A `dockgate certs` failure that is not a bad flag: ArgumentParser prints the description
/// as `Error: ...` and exits non-zero.
enum CertsError: Error, CustomStringConvertible {
    case noAuthority(directory: String, missing: String)
    case notIssuedByAuthority(path: String, issuer: String, authorityPath: String)
    case isTheAuthority(path: String)
    case revocationListFromOtherAuthority(path: String, issuer: String, authorityPath: String)

    var description: String {
        switch self {
        case .noAuthority(let directory, let missing):
            return
                "no CA in \(directory): \(missing) does not exist; create one with: dockgate certs init --dir \(directory)"
        case .notIssuedByAuthority(let path, let issuer, let authorityPath):
            return "\(path) was not issued by the CA in \(authorityPath) (its issuer is \(issuer)); nothing was revoked"
        case .isTheAuthority(let path):
            return
                "\(path) is the CA certificate itself; a CA cannot revoke itself. Run dockgate certs init --force to replace the CA"
        case .revocationListFromOtherAuthority(let path, let issuer, let authorityPath):
            return
                "\(path) is issued by \(issuer), not by the CA in \(authorityPath); move it away to start a new list (its revocations will be lost)"
        }
    }
}
