import COpenSSL

extension SubjectAlternativeNames {
    /// A new `GENERAL_NAMES*` (caller frees with `dg_GENERAL_NAMES_free`) in the order DNS,
    /// IP, URI, email: the inverse of `init(certificate:)`, so names round-trip exactly.
    func encoded() throws -> OpaquePointer {
        guard let names = GENERAL_NAMES_new() else { throw OpenSSLError("GENERAL_NAMES_new") }
        do {
            for name in dnsNames { try Self.append(GEN_DNS, kind: "DNS", text: name, to: names) }
            for address in ipAddresses { try Self.appendIP(address, to: names) }
            for uri in uris { try Self.append(GEN_URI, kind: "URI", text: uri, to: names) }
            for email in emailAddresses { try Self.append(GEN_EMAIL, kind: "email", text: email, to: names) }
        } catch {
            dg_GENERAL_NAMES_free(names)
            throw error
        }
        return names
    }

    /// DNS, URI and email names are IA5String: printable ASCII. Anything else (spaces,
    /// control characters, raw UTF-8) would make a certificate peers reject or misread.
    private static func append(_ type: Int32, kind: String, text: String, to names: OpaquePointer) throws {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            throw IssuanceError.invalidSubjectAlternativeName(kind: kind, value: text)
        }
        ERR_clear_error()
        guard let string = ASN1_IA5STRING_new() else { throw OpenSSLError("ASN1_IA5STRING_new") }
        guard ASN1_STRING_set(string, bytes, Int32(bytes.count)) == 1 else {
            ASN1_IA5STRING_free(string)
            throw OpenSSLError("ASN1_STRING_set for \(kind) \(text)")
        }
        try push(type, UnsafeMutableRawPointer(string), to: names) { ASN1_IA5STRING_free(string) }
    }

    private static func appendIP(_ text: String, to names: OpaquePointer) throws {
        ERR_clear_error()
        guard let octets = a2i_IPADDRESS(text) else {
            ERR_clear_error()
            throw IssuanceError.invalidIPAddress(text)
        }
        try push(GEN_IPADD, UnsafeMutableRawPointer(octets), to: names) { ASN1_OCTET_STRING_free(octets) }
    }

    /// Wraps `value` in a GENERAL_NAME that takes ownership of it; on failure `free` releases it.
    private static func push(
        _ type: Int32, _ value: UnsafeMutableRawPointer, to names: OpaquePointer, free: () -> Void
    ) throws {
        ERR_clear_error()
        guard let name = GENERAL_NAME_new() else {
            free()
            throw OpenSSLError("GENERAL_NAME_new")
        }
        GENERAL_NAME_set0_value(name, type, value)
        guard dg_sk_GENERAL_NAME_push(names, name) > 0 else {
            GENERAL_NAME_free(name)
            throw OpenSSLError("sk_GENERAL_NAME_push")
        }
    }
}
