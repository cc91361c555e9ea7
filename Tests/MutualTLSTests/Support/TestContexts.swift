import MutualTLS
import TestSupport

/// Contexts built from a `TestPKI`, for the handler tests.
extension TestPKI {
    func serverContext(crl: String? = nil, minimum: TLSVersion = .tls12) throws -> TLSContext {
        try TLSContext(server: serverConfiguration(crl: crl, minimum: minimum))
    }

    func serverConfiguration(crl: String? = nil, minimum: TLSVersion = .tls12) -> ServerTLSConfiguration {
        ServerTLSConfiguration(
            caBundlePath: caPath, certificateChainPath: serverCertificatePath, privateKeyPath: serverKeyPath,
            revocationListPaths: crl.map { [$0] } ?? [], minimumVersion: minimum)
    }

    func clientContext(_ files: ClientFiles?, maximum: TLSVersion = .tls13, alpn: [String] = ["http/1.1"]) throws
        -> TLSContext
    {
        try TLSContext(
            client: ClientTLSConfiguration(
                caBundlePath: caPath, certificateChainPath: files?.certificatePath, privateKeyPath: files?.keyPath,
                maximumVersion: maximum, applicationProtocols: alpn))
    }
}
