import COpenSSL

/// A certificate subject or issuer: its RFC 2253 string and the attributes policy matches on.
public struct DistinguishedName: Sendable, Hashable, CustomStringConvertible {
    /// RFC 2253 form, most specific first: `CN=alice,OU=web,O=dockgate`.
    public let rfc2253: String
    /// Every attribute in certificate order, by short name (`CN`, `OU`, `O`, `C`, ...).
    public let attributes: [Attribute]

    public struct Attribute: Sendable, Hashable {
        public let shortName: String
        public let value: String
    }

    public init(rfc2253: String, attributes: [Attribute]) {
        self.rfc2253 = rfc2253
        self.attributes = attributes
    }

    init(_ name: OpaquePointer?) {
        guard let name else {
            self.init(rfc2253: "", attributes: [])
            return
        }
        var attributes: [Attribute] = []
        for index in 0..<X509_NAME_entry_count(name) {
            guard let entry = X509_NAME_get_entry(name, index),
                let object = X509_NAME_ENTRY_get_object(entry),
                let data = X509_NAME_ENTRY_get_data(entry)
            else { continue }
            let nid = OBJ_obj2nid(object)
            let shortName = nid == NID_undef ? "OID" : String(cString: OBJ_nid2sn(nid))
            attributes.append(Attribute(shortName: shortName, value: ASN1Text.utf8(data)))
        }
        self.init(rfc2253: DistinguishedName.render(name), attributes: attributes)
    }

    public func values(_ shortName: String) -> [String] {
        attributes.filter { $0.shortName == shortName }.map(\.value)
    }

    public var commonName: String? { values("CN").last }
    public var organizations: [String] { values("O") }
    public var organizationalUnits: [String] { values("OU") }

    public var description: String { rfc2253 }

    private static func render(_ name: OpaquePointer) -> String {
        guard let bio = try? MemoryBIO() else { return "" }
        guard X509_NAME_print_ex(bio.pointer, name, 0, dg_XN_FLAG_RFC2253_UTF8()) >= 0 else { return "" }
        return String(decoding: bio.drain(), as: UTF8.self)
    }
}

/// Text out of ASN.1 strings, always as UTF-8 whatever the string type in the certificate.
enum ASN1Text {
    static func utf8(_ string: UnsafePointer<ASN1_STRING>?) -> String {
        guard let string else { return "" }
        var out: UnsafeMutablePointer<UInt8>? = nil
        let length = ASN1_STRING_to_UTF8(&out, string)
        guard length >= 0, let out else { return "" }
        defer { dg_OPENSSL_free(out) }
        return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
    }

    /// The raw octets (IA5String SANs, IP address octets).
    static func bytes(_ string: UnsafePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }
}
