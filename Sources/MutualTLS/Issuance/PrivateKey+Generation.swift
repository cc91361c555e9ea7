import COpenSSL

extension PrivateKey {
    /// A fresh key from OpenSSL's default random source.
    public static func generate(_ algorithm: KeyAlgorithm) throws -> PrivateKey {
        ERR_clear_error()
        let key: OpaquePointer?
        switch algorithm {
        case .ecdsaP256: key = dg_EVP_EC_gen("P-256")
        case .rsa3072: key = dg_EVP_RSA_gen(3072)
        }
        guard let key else { throw OpenSSLError("generating a \(algorithm.rawValue) key") }
        return PrivateKey(taking: key)
    }

    /// PKCS#8 PEM encrypted with AES-256-CBC (`-----BEGIN ENCRYPTED PRIVATE KEY-----`), the
    /// form `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes and `load(fromPEMFile:passphrase:)`
    /// reads back.
    public func pemEncoded(encryptingWith passphrase: String) throws -> String {
        let bio = try MemoryBIO()
        let secret = Array(passphrase.utf8CString)
        ERR_clear_error()
        let written = secret.withUnsafeBufferPointer { buffer in
            PEM_write_bio_PKCS8PrivateKey(
                bio.pointer, pointer, EVP_aes_256_cbc(), buffer.baseAddress, Int32(buffer.count - 1), nil, nil)
        }
        guard written == 1 else { throw OpenSSLError("PEM_write_bio_PKCS8PrivateKey") }
        return String(decoding: bio.drain(), as: UTF8.self)
    }

    /// RSA keys can also encrypt (TLS 1.2 RSA key exchange), so their certificates carry
    /// keyEncipherment; EC keys only sign.
    var isRSA: Bool { EVP_PKEY_get_base_id(pointer) == EVP_PKEY_RSA }
}
