import Foundation

/// The CA certificates that client certificates must chain to.
enum TrustBundle {
    /// Reads a PEM file, or every `*.pem` / `*.crt` / `*.cer` file of a directory (sorted by
    /// name, so the order is stable). An empty result is an error naming the path.
    ///
    /// Every certificate must be a CA (basicConstraints CA:TRUE): OpenSSL trusts whatever is
    /// in the store, so a client's own self-signed certificate dropped into a bundle directory
    /// would otherwise become a trust anchor that vouches for itself.
    static func load(_ path: String) throws -> [X509Certificate] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TLSConfigurationError.unreadableFile(path: path, reason: "No such file or directory")
        }
        guard isDirectory.boolValue else { return try loadAuthorities(path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw TLSConfigurationError.unreadableFile(path: path, reason: "\(error.localizedDescription)")
        }
        let files = names.filter(isBundleFile).sorted()
        let certificates = try files.flatMap { name in
            try loadAuthorities((path as NSString).appendingPathComponent(name))
        }
        if certificates.isEmpty { throw TLSConfigurationError.noCertificates(path: path) }
        return certificates
    }

    /// The names a bundle directory's certificates may have; other files are ignored.
    static func isBundleFile(_ name: String) -> Bool {
        [".pem", ".crt", ".cer"].contains(where: name.hasSuffix)
    }

    /// The certificates of one file, each checked to be a CA; the error names the file.
    private static func loadAuthorities(_ file: String) throws -> [X509Certificate] {
        let certificates = try X509Certificate.loadAll(fromPEMFile: file)
        if let leaf = certificates.first(where: { !$0.hasCABasicConstraint }) {
            throw TLSConfigurationError.notAnAuthority(path: file, subject: leaf.subject.rfc2253)
        }
        return certificates
    }
}
