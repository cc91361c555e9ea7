import COpenSSL

/// Certificate serial numbers and CRL numbers as ASN1_INTEGERs. Every function returns a new
/// integer that the caller frees with `ASN1_INTEGER_free`.
enum SerialNumber {
    /// 128 random bits with the top bit cleared: positive, at most 16 octets of DER, and
    /// unpredictable (CA/Browser Forum asks for at least 64 bits of entropy). Never zero.
    static func random() throws -> UnsafeMutablePointer<ASN1_INTEGER> {
        var bytes = [UInt8](repeating: 0, count: 16)
        ERR_clear_error()
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else { throw OpenSSLError("RAND_bytes for a serial number") }
        bytes[0] &= 0x7f
        if bytes.allSatisfy({ $0 == 0 }) { bytes[15] = 1 }
        guard let bn = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw OpenSSLError("BN_bin2bn") }
        defer { BN_free(bn) }
        return try integer(bn)
    }

    /// `previous + 1`, or 1 when there is no previous number: the CRL number sequence.
    static func next(after previous: UnsafePointer<ASN1_INTEGER>?) throws -> UnsafeMutablePointer<ASN1_INTEGER> {
        ERR_clear_error()
        let bn = previous.map { ASN1_INTEGER_to_BN($0, nil) } ?? BN_new()
        guard let bn else { throw OpenSSLError("reading the CRL number") }
        defer { BN_free(bn) }
        guard BN_add_word(bn, 1) == 1 else { throw OpenSSLError("BN_add_word") }
        return try integer(bn)
    }

    private static func integer(_ bn: OpaquePointer) throws -> UnsafeMutablePointer<ASN1_INTEGER> {
        ERR_clear_error()
        guard let integer = BN_to_ASN1_INTEGER(bn, nil) else { throw OpenSSLError("BN_to_ASN1_INTEGER") }
        return integer
    }
}
