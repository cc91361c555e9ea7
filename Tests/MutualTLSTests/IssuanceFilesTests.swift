import Foundation
import MutualTLS
import Testing

/// `CertificateFiles`: modes, refusing to overwrite, `force`.
@Suite struct IssuanceFilesTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dockgate-files-\(UUID())").path

    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func writesKeysWithMode0600IntoA0700Directory() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let nested = directory + "/a/b"
        let files = CertificateFiles(directory: nested)
        let written = try files.write([.publicPEM("cert.pem", "CERT\n"), .privateKey("key.pem", "KEY\n")])
        #expect(written == [nested + "/cert.pem", nested + "/key.pem"])
        #expect(try mode(nested + "/key.pem") == 0o600)
        #expect(try mode(nested + "/cert.pem") & 0o600 == 0o600)
        #expect(try mode(nested + "/cert.pem") & 0o022 == 0)
        for path in [directory, directory + "/a", nested] { #expect(try mode(path) == 0o700) }
        #expect(contents(nested + "/key.pem") == "KEY\n")
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: nested).sorted() == ["cert.pem", "key.pem"])
    }

    @Test func refusesToOverwriteAndWritesNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = CertificateFiles(directory: directory)
        try files.write([.privateKey("ca-key.pem", "OLD KEY\n")])
        let attempt: [CertificateFiles.File] = [
            .publicPEM("ca.pem", "NEW CA\n"), .privateKey("ca-key.pem", "NEW KEY\n"),
        ]
        let path = directory + "/ca-key.pem"
        #expect(throws: IssuanceError.filesExist(paths: [path])) { try files.write(attempt) }
        #expect(contents(path) == "OLD KEY\n")
        #expect(!FileManager.default.fileExists(atPath: directory + "/ca.pem"))
        #expect(
            IssuanceError.filesExist(paths: [path]).description
                == "\(path) already exists; nothing was written. Pass --force to overwrite")
    }

    @Test func keepsAFileWithTheSameContents() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = CertificateFiles(directory: directory)
        try files.write([.publicPEM("ca.pem", "CA\n")])
        try files.write([.publicPEM("ca.pem", "CA\n"), .publicPEM("cert.pem", "CERT\n")])
        #expect(contents(directory + "/cert.pem") == "CERT\n")
    }

    @Test func forceReplacesAndAReplacedKeyIsStill0600() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try CertificateFiles(directory: directory).write([.publicPEM("key.pem", "WORLD-READABLE\n")])
        try CertificateFiles(directory: directory, force: true).write([.privateKey("key.pem", "SECRET\n")])
        #expect(contents(directory + "/key.pem") == "SECRET\n")
        #expect(try mode(directory + "/key.pem") == 0o600)
    }

    @Test func namesAnUnwritableDirectory() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try CertificateFiles(directory: directory).write([.publicPEM("file", "x")])
        let below = directory + "/file/sub"
        #expect(throws: IssuanceError.self) { try CertificateFiles(directory: below).write([.publicPEM("a", "b")]) }
        do {
            try CertificateFiles(directory: below).write([.publicPEM("a", "b")])
        } catch {
            #expect("\(error)".contains(directory + "/file"))
        }
    }

    @Test func encryptedKeysLoadOnlyWithTheirPassphrase() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = try PrivateKey.generate(.ecdsaP256)
        let pem = try key.pemEncoded(encryptingWith: "correct horse")
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let files = CertificateFiles(directory: directory)
        try files.write([.privateKey("key.pem", pem)])
        let loaded = try PrivateKey.load(fromPEMFile: files.path("key.pem"), passphrase: Array("correct horse".utf8))
        #expect(try loaded.pemEncoded() == key.pemEncoded())
        #expect(throws: TLSConfigurationError.self) {
            try PrivateKey.load(fromPEMFile: files.path("key.pem"), passphrase: Array("wrong".utf8))
        }
    }
}
