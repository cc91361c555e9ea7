import COpenSSL

/// Builds X.509v3 extensions from the text `openssl x509 -extfile` accepts
/// (`critical,CA:TRUE`, `keyid,issuer`), so each value reads like the openssl-CLI recipes in
/// Docker's documentation.
enum ExtensionText {
    /// A new `X509_EXTENSION*` that the caller frees with `X509_EXTENSION_free`.
    ///
    /// `context` names the issuer and subject (certificate or CRL) for the values that are
    /// computed: subjectKeyIdentifier `hash`, authorityKeyIdentifier `keyid`.
    static func make(nid: Int32, value: String, context: inout X509V3_CTX) throws -> OpaquePointer {
        ERR_clear_error()
        guard let ext = X509V3_EXT_nconf_nid(nil, &context, nid, value) else {
            throw OpenSSLError("building the \(String(cString: OBJ_nid2sn(nid))) extension \"\(value)\"")
        }
        return ext
    }
}
