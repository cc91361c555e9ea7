import DockerAPI
import Testing

/// `GoKey.matches` against Go's field matching (fold.go, both generations), and `GoKey.fold`
/// as the broader relation used to refuse look-alike names.
@Suite("Go key folding")
struct JSONGoKeyFoldingTests {
    struct Match: Sendable, CustomTestStringConvertible {
        let key: String
        let field: String
        let matches: Bool
        var testDescription: String {
            "\(key.unicodeScalars.map { $0.isASCII ? String($0) : "U+\(String($0.value, radix: 16))" }.joined()) → \(field)"
        }
    }

    static let matchRows: [Match] = [
        Match(key: "Privileged", field: "Privileged", matches: true),
        Match(key: "privileged", field: "Privileged", matches: true),
        Match(key: "PRIVILEGED", field: "Privileged", matches: true),
        Match(key: "pRiViLeGeD", field: "Privileged", matches: true),
        Match(key: "CPUShares", field: "CpuShares", matches: true),
        // k, K and U+212A KELVIN SIGN are one fold set.
        Match(key: "\u{212A}ernelMemory", field: "KernelMemory", matches: true),
        Match(key: "Networ\u{212A}Mode", field: "NetworkMode", matches: true),
        Match(key: "Lin\u{212A}s", field: "Links", matches: true),
        // s, S and U+017F LATIN SMALL LETTER LONG S are one fold set.
        Match(key: "Bind\u{017F}", field: "Binds", matches: true),
        Match(key: "BIND\u{017F}", field: "Binds", matches: true),
        Match(key: "\u{017F}y\u{017F}ctl\u{017F}", field: "Sysctls", matches: true),
        Match(key: "\u{017F}ecurityOpt", field: "SecurityOpt", matches: true),
        // The special runes match only their own letter.
        Match(key: "\u{212A}", field: "S", matches: false),
        Match(key: "\u{017F}", field: "K", matches: false),
        Match(key: "\u{212A}apAdd", field: "CapAdd", matches: false),
        // Turkish dotted and dotless i are fixed points of unicode.SimpleFold.
        Match(key: "Priv\u{0131}leged", field: "Privileged", matches: false),
        Match(key: "Priv\u{0130}leged", field: "Privileged", matches: false),
        Match(key: "\u{0131}mage", field: "Image", matches: false),
        // Other look-alikes: fullwidth letters, Angstrom sign, combining marks, NUL.
        Match(key: "\u{FF30}rivileged", field: "Privileged", matches: false),
        Match(key: "\u{212B}", field: "A", matches: false),
        Match(key: "Privileged\u{0}", field: "Privileged", matches: false),
        Match(key: "Privilege\u{0301}d", field: "Privileged", matches: false),
        // Delimiters count (the v1 emulation under GOEXPERIMENT=jsonv2 keeps them too).
        Match(key: "Cap_Add", field: "CapAdd", matches: false),
        Match(key: "Cap-Add", field: "CapAdd", matches: false),
        Match(key: "cap_add", field: "Cap_Add", matches: true),
        // Lengths must agree.
        Match(key: "Privilege", field: "Privileged", matches: false),
        Match(key: "Privileged ", field: "Privileged", matches: false),
        Match(key: "", field: "Privileged", matches: false),
        // Non-letters compare exactly: '@' (0x40) and '`' (0x60) differ only by the case bit.
        Match(key: "a@b", field: "A`B", matches: false),
        Match(key: "a[b", field: "A{B", matches: false),
    ]

    @Test("which member names reach which field", arguments: matchRows)
    func matches(_ row: Match) {
        #expect(GoKey.matches(row.key, field: row.field) == row.matches)
    }

    struct Pair: Sendable, CustomTestStringConvertible {
        let first: String
        let second: String
        var testDescription: String { "\(first.debugDescription) ~ \(second.debugDescription)" }
    }

    /// Names Go treats as the same (Go ≥ 1.21 foldName orbits, from Go's caseOrbit table and
    /// CaseFolding.txt) must fold together.
    static let sameForGo: [Pair] = [
        Pair(first: "Image", second: "image"),
        Pair(first: "Binds", second: "bind\u{017F}"),
        Pair(first: "NetworkMode", second: "NETWOR\u{212A}MODE"),
        Pair(first: "\u{00B5}", second: "\u{03BC}"),  // micro sign, Greek mu
        Pair(first: "\u{00B5}", second: "\u{039C}"),
        Pair(first: "\u{212B}", second: "\u{00E5}"),  // Angstrom sign, a with ring
        Pair(first: "\u{00C5}", second: "\u{212B}"),
        Pair(first: "\u{00DF}", second: "\u{1E9E}"),  // sharp s, capital sharp s
        Pair(first: "\u{01C4}", second: "\u{01C5}"),  // DŽ, Dž
        Pair(first: "\u{01C5}", second: "\u{01C6}"),
        Pair(first: "\u{2126}", second: "\u{03C9}"),  // ohm sign, omega
        Pair(first: "\u{0345}", second: "\u{03B9}"),  // ypogegrammeni, iota
        Pair(first: "\u{1FBE}", second: "\u{0399}"),
        Pair(first: "\u{03D1}", second: "\u{03B8}"),  // theta symbol, theta
        Pair(first: "\u{03F4}", second: "\u{0398}"),
        Pair(first: "\u{03C2}", second: "\u{03C3}"),  // final sigma, sigma
        Pair(first: "\u{1E9B}", second: "\u{1E61}"),
        Pair(first: "\u{13A0}", second: "\u{AB70}"),  // Cherokee
        Pair(first: "\u{10D0}", second: "\u{1C90}"),  // Georgian
        Pair(first: "caf\u{00E9}", second: "CAF\u{00C9}"),
        Pair(first: "\u{10400}", second: "\u{10428}"),  // Deseret, outside the BMP
    ]

    @Test("names Go folds together fold together", arguments: sameForGo)
    func foldsTogether(_ pair: Pair) {
        #expect(GoKey.fold(pair.first) == GoKey.fold(pair.second))
    }

    /// Broader than Go on purpose: these reach no common field in Go, but look alike.
    static let broaderThanGo: [Pair] = [
        Pair(first: "Privileged", second: "Priv\u{0131}leged"),
        Pair(first: "\u{00DF}", second: "ss"),
    ]

    @Test("look-alikes Go keeps apart still fold together", arguments: broaderThanGo)
    func broader(_ pair: Pair) {
        #expect(GoKey.fold(pair.first) == GoKey.fold(pair.second))
        #expect(!GoKey.matches(pair.second, field: pair.first))
    }

    static let different: [Pair] = [
        Pair(first: "Image", second: "Images"),
        Pair(first: "CapAdd", second: "Cap_Add"),
        Pair(first: "e", second: "\u{00E9}"),
        Pair(first: "A", second: "\u{212B}"),
        Pair(first: "a@b", second: "A`B"),
        Pair(first: "Privileged", second: "Privileged\u{0}"),
        Pair(first: "\u{FF30}", second: "P"),
    ]

    @Test("distinct names stay distinct", arguments: different)
    func staysApart(_ pair: Pair) {
        #expect(GoKey.fold(pair.first) != GoKey.fold(pair.second))
    }

    @Test("fold upper-cases ASCII and maps the Kelvin sign and long s to K and S")
    func foldSpelling() {
        #expect(GoKey.fold("Bind\u{017F}") == "BINDS")
        #expect(GoKey.fold("Networ\u{212A}Mode") == "NETWORKMODE")
        #expect(GoKey.fold("cap_add-1") == "CAP_ADD-1")
    }
}
