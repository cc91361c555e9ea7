import COpenSSL
import Foundation

/// The subjectAltName entries dockgate cares about. SPIFFE ids arrive as URIs.
public struct SubjectAlternativeNames: Sendable, Hashable {
    public var dnsNames: [String] = []
    /// Textual addresses: dotted quad for IPv4, RFC 5952 form for IPv6.
    public var ipAddresses: [String] = []
    public var emailAddresses: [String] = []
    public var uris: [String] = []

    public init(dnsNames: [String] = [], ipAddresses: [String] = [], emailAddresses: [String] = [], uris: [String] = [])
    {
        self.dnsNames = dnsNames
        self.ipAddresses = ipAddresses
        self.emailAddresses = emailAddresses
        self.uris = uris
    }

    init(certificate: OpaquePointer) {
        guard let raw = X509_get_ext_d2i(certificate, NID_subject_alt_name, nil, nil) else { return }
        let names = OpaquePointer(raw)
        defer { dg_GENERAL_NAMES_free(names) }
        for index in 0..<dg_sk_GENERAL_NAME_num(names) {
            guard let name = dg_sk_GENERAL_NAME_value(names, index) else { continue }
            let value = dg_GENERAL_NAME_string(name)
            switch dg_GENERAL_NAME_type(name) {
            case GEN_DNS: dnsNames.append(String(decoding: ASN1Text.bytes(value), as: UTF8.self))
            case GEN_EMAIL: emailAddresses.append(String(decoding: ASN1Text.bytes(value), as: UTF8.self))
            case GEN_URI: uris.append(String(decoding: ASN1Text.bytes(value), as: UTF8.self))
            case GEN_IPADD:
                if let text = IPAddressText.render(ASN1Text.bytes(value)) { ipAddresses.append(text) }
            default: continue
            }
        }
    }
}

/// Renders the raw octets of an iPAddress SAN.
enum IPAddressText {
    static func render(_ octets: [UInt8]) -> String? {
        var storage = [CChar](repeating: 0, count: 64)
        let family: Int32
        switch octets.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        let ok = octets.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &storage, socklen_t(storage.count)) }
        guard ok != nil else { return nil }
        return String(decoding: storage.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
