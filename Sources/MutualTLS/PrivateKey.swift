import COpenSSL
import Foundation

/// A private key held by OpenSSL (`EVP_PKEY*`).
public final class PrivateKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Loads a PEM private key (PKCS#8, traditional RSA/EC, encrypted or not).
    ///
    /// An encrypted key is refused with a message naming the file unless `passphrase` is given;
    /// OpenSSL is never allowed to fall back to prompting on the terminal.
    public static func load(fromPEMFile path: String, passphrase: [UInt8]? = nil) throws -> PrivateKey {
        let pem = try readFile(path)
        return try parse(pem: pem, source: path, passphrase: passphrase)
    }

    public static func parse(pem: [UInt8], source: String, passphrase: [UInt8]? = nil) throws -> PrivateKey {
        let encrypted = isEncrypted(pem)
        if encrypted && passphrase == nil {
            throw TLSConfigurationError.encryptedKeyWithoutPassphrase(path: source)
        }
        let bio = try MemoryBIO(reading: pem)
        // A NUL-terminated copy for the callback; wiped afterwards.
        var secret = (passphrase ?? []) + [0]
        defer { for index in secret.indices { secret[index] = 0 } }
        ERR_clear_error()
        let key = secret.withUnsafeMutableBytes { secretBytes -> OpaquePointer? in
            let userdata = passphrase == nil ? nil : secretBytes.baseAddress
            return PEM_read_bio_PrivateKey(bio.pointer, nil, passphraseCallback, userdata)
        }
        guard let key else {
            let stack = OpenSSLErrorStack.capture()
            if encrypted { throw TLSConfigurationError.wrongPassphrase(path: source, detail: stack.description) }
            throw TLSConfigurationError.invalidPEM(path: source, what: "private key", detail: stack.description)
        }
        return PrivateKey(taking: key)
    }

    /// PKCS#8 PEM, unencrypted: the form the docker CLI and dockerd read.
    public func pemEncoded() throws -> String {
        let bio = try MemoryBIO()
        ERR_clear_error()
        guard PEM_write_bio_PrivateKey(bio.pointer, pointer, nil, nil, 0, nil, nil) == 1 else {
            throw OpenSSLError("PEM_write_bio_PrivateKey")
        }
        return String(decoding: bio.drain(), as: UTF8.self)
    }

    /// Both PKCS#8 (`ENCRYPTED PRIVATE KEY`) and legacy (`Proc-Type: 4,ENCRYPTED`) markers.
    static func isEncrypted(_ pem: [UInt8]) -> Bool {
        let text = String(decoding: pem, as: UTF8.self)
        return text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED")
    }
}

/// Copies the NUL-terminated passphrase in `userdata` into OpenSSL's buffer; with no
/// userdata it reports failure instead of letting OpenSSL prompt on a terminal.
private let passphraseCallback:
    @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = {
        buffer, size, _, userdata in
        guard let buffer, let userdata else { return -1 }
        let secret = userdata.assumingMemoryBound(to: CChar.self)
        let length = strlen(secret)
        guard length < Int(size) else { return -1 }
        buffer.update(from: secret, count: length)
        return Int32(length)
    }
