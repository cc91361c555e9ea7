import Testing

@testable import Policy

/// Which certificates a team's `match` entries take: globs on bytes, every field of an entry,
/// any entry of a team; fingerprints as hex.
@Suite("Identity matchers")
struct IdentityMatcherTests {
    static let globs: [(pattern: String, text: String, matches: Bool)] = [
        ("web", "web", true),
        ("web", "webs", false),
        ("web", "we", false),
        ("web", "Web", false),
        ("", "", true),
        ("", "x", false),
        ("*", "", true),
        ("*", "anything/at:all", true),
        ("web*", "web", true),
        ("web*", "web-1", true),
        ("web*", "we", false),
        ("*web", "the-web", true),
        ("*web", "the-webs", false),
        ("a*b*c", "abc", true),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
        ("a*b*c", "acb", false),
        ("a**b", "ab", true),
        ("*.example.com", "a.b.example.com", true),
        ("*.example.com", "example.com", false),
        // `*` crosses `/`: a URI glob takes every path below it.
        ("spiffe://dockgate/team/web/*", "spiffe://dockgate/team/web/user/alice", true),
        ("spiffe://dockgate/team/web/*", "spiffe://dockgate/team/web/", true),
        ("spiffe://dockgate/team/web/*", "spiffe://dockgate/team/webops/user/bob", false),
        ("spiffe://dockgate/team/web/*", "spiffe://dockgate/team/web", false),
        // Bytes, not Swift's canonical equivalence: `é` precomposed is not `e` + combining acute.
        ("caf\u{E9}", "cafe\u{301}", false),
        ("\u{212A}*", "K1", false),
        ("caf\u{E9}*", "caf\u{E9}-1", true),
    ]

    @Test(arguments: globs)
    func glob(pattern: String, text: String, matches: Bool) {
        #expect(Glob.matches(pattern, text) == matches)
        let matcher = IdentityMatcher([(.commonName, pattern)])
        #expect(matcher.matches(CertificateIdentity(subject: "", commonNames: [text])) == matches)
    }

    static let alice = CertificateIdentity(
        subject: "CN=alice,OU=web,OU=ops,O=dockgate", commonNames: ["alice"], organizations: ["dockgate"],
        organizationalUnits: ["web", "ops"], uris: ["spiffe://dockgate/team/web/user/alice"],
        dnsNames: ["alice.web.example.com", "alice.example.com"], emails: ["alice@example.com"],
        fingerprint: "ab12cd34ef", spkiSHA256: "00ff00ff")

    static let entries: [(name: String, conditions: [(field: IdentityMatcher.Field, pattern: String)], matches: Bool)] =
        [
            ("CN", [(.commonName, "alice")], true),
            ("CN of another", [(.commonName, "bob")], false),
            ("O", [(.organization, "dockgate")], true),
            ("any of several OUs", [(.organizationalUnit, "ops")], true),
            ("an OU glob", [(.organizationalUnit, "we*")], true),
            ("an OU case", [(.organizationalUnit, "WEB")], false),
            ("a URI glob", [(.uri, "spiffe://dockgate/team/web/*")], true),
            ("a URI glob of another team", [(.uri, "spiffe://dockgate/team/data/*")], false),
            ("any of several DNS names", [(.dns, "*.example.com")], true),
            ("email", [(.email, "alice@example.com")], true),
            ("the subject DN is no field", [(.commonName, "CN=alice,OU=web,OU=ops,O=dockgate")], false),
            // Every field of an entry must match (AND).
            ("OU and CN", [(.organizationalUnit, "web"), (.commonName, "alice")], true),
            ("OU and another CN", [(.organizationalUnit, "web"), (.commonName, "bob")], false),
            ("another OU and CN", [(.organizationalUnit, "data"), (.commonName, "alice")], false),
            (
                "each field against any of its values", [(.organizationalUnit, "ops"), (.dns, "alice.example.com")],
                true
            ),
            ("one field twice, both must match", [(.organizationalUnit, "web"), (.organizationalUnit, "ops")], true),
            ("one field twice, one misses", [(.organizationalUnit, "web"), (.organizationalUnit, "data")], false),
            // Fingerprints: hex, `:` and case ignored; never a glob, never a prefix.
            ("fingerprint", [(.fingerprint, "ab12cd34ef")], true),
            ("fingerprint upper case with colons", [(.fingerprint, "AB:12:CD:34:EF")], true),
            ("fingerprint, a prefix", [(.fingerprint, "ab12cd34")], false),
            ("fingerprint, a glob is no glob", [(.fingerprint, "ab*")], false),
            ("fingerprint of another certificate", [(.fingerprint, "ab12cd34ee")], false),
            ("SPKI", [(.spki, "00:FF:00:FF")], true),
            ("SPKI is not the fingerprint", [(.spki, "ab12cd34ef")], false),
            ("fingerprint and OU", [(.fingerprint, "AB12CD34EF"), (.organizationalUnit, "data")], false),
            // An empty entry matches nothing.
            ("no conditions", [], false),
        ]

    @Test(arguments: entries)
    func entry(name: String, conditions: [(field: IdentityMatcher.Field, pattern: String)], matches: Bool) {
        #expect(IdentityMatcher(conditions).matches(Self.alice) == matches, "\(name)")
    }

    @Test func fieldsTheCertificateLacks() {
        let bare = CertificateIdentity(subject: "O=dockgate", organizations: ["dockgate"], fingerprint: "ab")
        #expect(!IdentityMatcher([(.commonName, "*")]).matches(bare))
        #expect(!IdentityMatcher([(.uri, "*")]).matches(bare))
        #expect(!IdentityMatcher([(.organization, "dockgate"), (.email, "*")]).matches(bare))
        #expect(IdentityMatcher([(.organization, "*")]).matches(bare))
    }

    @Test func aTeamTakesAnyOfItsEntries() {
        let web = Team(
            name: "web",
            matchers: [
                IdentityMatcher([(.organizationalUnit, "web")]),
                IdentityMatcher([(.uri, "spiffe://dockgate/team/web/*")]),
            ], role: .operator, profile: .baseline)
        #expect(web.matches(CertificateIdentity(subject: "", organizationalUnits: ["web"])))
        #expect(web.matches(CertificateIdentity(subject: "", uris: ["spiffe://dockgate/team/web/user/x"])))
        #expect(!web.matches(CertificateIdentity(subject: "", organizationalUnits: ["data"])))
        #expect(!Team(name: "none", matchers: [], role: .operator, profile: .baseline).matches(Self.alice))
    }

    @Test func equalityIsByBytesAndOrder() {
        let a = IdentityMatcher([(.organizationalUnit, "web"), (.commonName, "alice")])
        #expect(a == IdentityMatcher([(.organizationalUnit, "web"), (.commonName, "alice")]))
        #expect(a.hashValue == IdentityMatcher([(.organizationalUnit, "web"), (.commonName, "alice")]).hashValue)
        #expect(a != IdentityMatcher([(.organizationalUnit, "web")]))
        #expect(a != IdentityMatcher([(.organization, "web"), (.commonName, "alice")]))
        #expect(IdentityMatcher([(.commonName, "caf\u{E9}")]) != IdentityMatcher([(.commonName, "cafe\u{301}")]))
        #expect(a.description == "OU=web,CN=alice")
    }
}
