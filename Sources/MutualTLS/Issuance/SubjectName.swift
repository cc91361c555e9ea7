import COpenSSL

/// The subject of a certificate being issued.
enum SubjectName {
    /// A new `X509_NAME*` (caller frees) with O, then each OU, then CN: most general first,
    /// the order of `openssl req -subj /O=dockgate/OU=web/CN=alice`, which RFC 2253 prints
    /// as `CN=alice,OU=web,O=dockgate`. All values are UTF8String.
    static func make(_ request: CertificateRequest) throws -> OpaquePointer {
        guard !request.commonName.isEmpty else { throw IssuanceError.emptyCommonName }
        guard let name = X509_NAME_new() else { throw OpenSSLError("X509_NAME_new") }
        do {
            if let organization = request.organization, !organization.isEmpty {
                try add("O", organization, to: name)
            }
            for unit in request.organizationalUnits where !unit.isEmpty {
                try add("OU", unit, to: name)
            }
            try add("CN", request.commonName, to: name)
        } catch {
            X509_NAME_free(name)
            throw error
        }
        return name
    }

    private static func add(_ field: String, _ value: String, to name: OpaquePointer) throws {
        let bytes = Array(value.utf8)
        ERR_clear_error()
        guard X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, Int32(bytes.count), -1, 0) == 1 else {
            throw OpenSSLError("setting subject \(field)=\(value)")
        }
    }
}
