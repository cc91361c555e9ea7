/// The key types `dockgate certs` makes. The raw values are the `--key-type` spellings.
///
/// ECDSA P-256 is the default: every docker CLI and dockerd since 1.x accepts it and it signs
/// handshakes far faster than RSA. RSA-3072 is there for clients stuck on RSA-only stacks.
public enum KeyAlgorithm: String, CaseIterable, Sendable {
    case ecdsaP256 = "ecdsa-p256"
    case rsa3072 = "rsa-3072"
}
