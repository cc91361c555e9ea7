import Foundation

/// The CA certificates that client certificates must chain to.
enum TrustBundle {
    /// Reads a PEM file, or every `*.pem` / `*.crt` / `*.cer` file of a directory (sorted by
    /// name, so the order is stable). An empty result is an error naming the path.
    static func load(_ path: String) throws -> [X509Certificate] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TLSConfigurationError.unreadableFile(path: path, reason: "No such file or directory")
        }
        guard isDirectory.boolValue else { return try X509Certificate.loadAll(fromPEMFile: path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw TLSConfigurationError.unreadableFile(path: path, reason: "\(error.localizedDescription)")
        }
        let files = names.filter { [".pem", ".crt", ".cer"].contains(where: $0.hasSuffix) }.sorted()
        let certificates = try files.flatMap { name in
            try X509Certificate.loadAll(fromPEMFile: (path as NSString).appendingPathComponent(name))
        }
        if certificates.isEmpty { throw TLSConfigurationError.noCertificates(path: path) }
        return certificates
    }
}
