import Foundation
import MutualTLS
import TestSupport
import Testing

/// `CertificateAuthority.issue`: subjects, subjectAltNames and usages, read back through
/// `X509Certificate` and checked independently with the openssl CLI.
@Suite struct IssuanceLeafTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let algorithm: KeyAlgorithm
        let request: CertificateRequest
        let subject: String
        let organizationalUnits: [String]
        let names: SubjectAlternativeNames
        var testDescription: String { name }
    }

    static let notBefore = Date(timeIntervalSince1970: 1_760_000_000)
    static let notAfter = Date(timeIntervalSince1970: 4_100_000_000)  // 2099: GeneralizedTime

    static func request(
        _ commonName: String, _ usage: CertificateUsage, organization: String? = "dockgate", units: [String] = [],
        dns: [String] = [], ip: [String] = [], uris: [String] = [], emails: [String] = []
    ) -> CertificateRequest {
        CertificateRequest(
            commonName: commonName, organization: organization, organizationalUnits: units, dnsNames: dns,
            ipAddresses: ip, uris: uris, emailAddresses: emails, usage: usage, notBefore: notBefore,
            notAfter: notAfter)
    }

    static let cases: [Case] = [
        Case(
            name: "server, ECDSA, DNS and IPv4/IPv6", algorithm: .ecdsaP256,
            request: request(
                "docker.example.com", .server, dns: ["docker.example.com", "localhost"],
                ip: ["127.0.0.1", "::1", "2001:db8::1"]),
            subject: "CN=docker.example.com,O=dockgate", organizationalUnits: [],
            names: SubjectAlternativeNames(
                dnsNames: ["docker.example.com", "localhost"], ipAddresses: ["127.0.0.1", "::1", "2001:db8::1"])),
        Case(
            name: "server, RSA", algorithm: .rsa3072,
            request: request("localhost", .server, organization: nil, dns: ["localhost"], ip: ["127.0.0.1"]),
            subject: "CN=localhost", organizationalUnits: [],
            names: SubjectAlternativeNames(dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])),
        Case(
            name: "client, ECDSA, every kind of name", algorithm: .ecdsaP256,
            request: request(
                "alice", .client, units: ["web"], dns: ["alice.dockgate.test"], ip: ["10.1.2.3"],
                uris: ["spiffe://dockgate/team/web/user/alice"], emails: ["alice@dockgate.test"]),
            subject: "CN=alice,OU=web,O=dockgate", organizationalUnits: ["web"],
            names: SubjectAlternativeNames(
                dnsNames: ["alice.dockgate.test"], ipAddresses: ["10.1.2.3"], emailAddresses: ["alice@dockgate.test"],
                uris: ["spiffe://dockgate/team/web/user/alice"])),
        Case(
            name: "client, RSA, two OUs", algorithm: .rsa3072,
            request: request("bob", .client, units: ["db", "ops"], uris: ["spiffe://dockgate/team/db/user/bob"]),
            subject: "CN=bob,OU=ops,OU=db,O=dockgate", organizationalUnits: ["db", "ops"],
            names: SubjectAlternativeNames(uris: ["spiffe://dockgate/team/db/user/bob"])),
        Case(
            name: "client, no subjectAltName, UTF-8 subject", algorithm: .ecdsaP256,
            request: request("Zoë", .client, organization: "Bäckerei Müller"),
            subject: "CN=Zoë,O=Bäckerei Müller", organizationalUnits: [], names: SubjectAlternativeNames()),
    ]

    @Test(arguments: cases)
    func issues(_ testCase: Case) throws {
        let fixture = try TemporaryAuthority(algorithm: testCase.algorithm)
        defer { fixture.remove() }
        let key = try PrivateKey.generate(testCase.algorithm)
        let certificate = try fixture.authority.issue(testCase.request, publicKeyOf: key)

        #expect(certificate.subject.rfc2253 == testCase.subject)
        #expect(certificate.subject.commonName == testCase.request.commonName)
        #expect(certificate.subject.organizationalUnits == testCase.organizationalUnits)
        #expect(certificate.subjectAlternativeNames == testCase.names)
        #expect(certificate.issuer == fixture.authority.certificate.subject)
        #expect(certificate.isSigned(by: fixture.authority.certificate))
        #expect(fixture.authority.hasIssued(certificate))
        #expect(!certificate.isCertificateAuthority)
        #expect(certificate.matches(key))
        #expect(certificate.notBefore == Self.notBefore)
        #expect(certificate.notAfter == Self.notAfter)
        #expect(certificate.serialNumberHex != fixture.authority.certificate.serialNumberHex)

        // The same facts as the openssl CLI sees them.
        try fixture.files.write([.publicPEM("leaf.pem", try certificate.pemEncoded())])
        let leaf = fixture.files.path("leaf.pem")
        let server = testCase.request.usage == .server
        let text = try OpenSSLCLI.extensions("basicConstraints,keyUsage,extendedKeyUsage", of: leaf)
        #expect(text.contains("X509v3 Basic Constraints: critical\n    CA:FALSE\n"))
        let keyUsage = testCase.algorithm == .rsa3072 ? "Digital Signature, Key Encipherment" : "Digital Signature"
        #expect(text.contains("X509v3 Key Usage: critical\n    \(keyUsage)\n"))
        let usage = server ? "TLS Web Server Authentication" : "TLS Web Client Authentication"
        #expect(text.contains("X509v3 Extended Key Usage: \n    \(usage)\n"))
        // Validity is checked above; verify at a fixed time inside it.
        let at = ["-attime", String(Int(Self.notBefore.timeIntervalSince1970) + 60)]
        let right = try OpenSSLCLI.run(
            ["verify", "-CAfile", fixture.certificatePath, "-purpose", server ? "sslserver" : "sslclient"] + at + [leaf]
        )
        #expect(right.succeeded, "\(right.output)")
        let wrong = try OpenSSLCLI.run(
            ["verify", "-CAfile", fixture.certificatePath, "-purpose", server ? "sslclient" : "sslserver"] + at + [leaf]
        )
        #expect(!wrong.succeeded)
        #expect(wrong.output.contains("unsuitable certificate purpose"))
    }

    @Test func issuesAnIntermediateLimitedToLeaves() throws {
        let fixture = try TemporaryAuthority()
        defer { fixture.remove() }
        let key = try PrivateKey.generate(.ecdsaP256)
        let intermediate = try fixture.authority.issue(
            CertificateRequest(commonName: "Intermediate", usage: .authority, days: 30), publicKeyOf: key)
        #expect(intermediate.isCertificateAuthority)
        try fixture.files.write([.publicPEM("intermediate.pem", try intermediate.pemEncoded())])
        let text = try OpenSSLCLI.extensions("basicConstraints", of: fixture.files.path("intermediate.pem"))
        #expect(text.contains("CA:TRUE, pathlen:0"))
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout CertificateRequest) -> Void
        let error: IssuanceError
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "empty CN", change: { $0.commonName = "" }, error: .emptyCommonName),
        Refusal(name: "bad IPv4", change: { $0.ipAddresses = ["10.0.0.256"] }, error: .invalidIPAddress("10.0.0.256")),
        Refusal(
            name: "host name as IP", change: { $0.ipAddresses = ["localhost"] }, error: .invalidIPAddress("localhost")),
        Refusal(
            name: "DNS name with a space", change: { $0.dnsNames = ["a b"] },
            error: .invalidSubjectAlternativeName(kind: "DNS", value: "a b")),
        Refusal(
            name: "non-ASCII URI", change: { $0.uris = ["spiffe://dockgate/team/wéb"] },
            error: .invalidSubjectAlternativeName(kind: "URI", value: "spiffe://dockgate/team/wéb")),
        Refusal(
            name: "empty email", change: { $0.emailAddresses = [""] },
            error: .invalidSubjectAlternativeName(kind: "email", value: "")),
        Refusal(
            name: "notAfter before notBefore", change: { $0.notAfter = $0.notBefore - 1 },
            error: .invalidValidity(notBefore: "2025-10-09T08:53:20Z", notAfter: "2025-10-09T08:53:19Z")),
    ]

    @Test(arguments: refusals)
    func refuses(_ refusal: Refusal) throws {
        let authority = try CertificateAuthority.create(
            commonName: "Refusing CA", notBefore: Self.notBefore, notAfter: Self.notAfter)
        var request = Self.request("x", .client)
        refusal.change(&request)
        #expect(throws: refusal.error) {
            try authority.issue(request, publicKeyOf: try PrivateKey.generate(.ecdsaP256))
        }
    }

    @Test func daysStartFiveMinutesBackToAllowForClockSkew() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let request = CertificateRequest(commonName: "x", usage: .client, days: 365, now: now)
        #expect(request.notBefore == now - 300)
        #expect(request.notAfter == now + 365 * 86_400)
    }
}
