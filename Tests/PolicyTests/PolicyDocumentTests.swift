import DockerAPI
import Policy
import Testing

/// The policy file loader: a valid file gives its profiles and limits; every kind of mistake
/// stops it with the line, column and dotted key.
@Suite("Policy files")
struct PolicyDocumentTests {
    static let valid = """
        apiVersion: dockgate/v1
        # the profile requests are checked against
        profile: web
        gate:
          minAPIVersion: "1.40"
          maxInspectedBody: 2Mi
        profiles:
          web:
            extends: baseline
            description: the web team
            allowedCapabilities: [net_bind_service]
            allowedHostPaths:
              - /srv/www
            trustedUserNames: [www-data]
            allowedImages: ["docker.io/library/nginx:*"]
            requireImageDigest: true
            maxMemory: 2Gi
            maxCPUs: "0.5"
            maxPids: 128
            allowedHostPorts: [443, 8000-8999]
            allowedHostIPs: [127.0.0.1, "::1"]
          ci:
            extends: privileged
        """

    @Test func aValidFile() throws {
        let document = try PolicyDocument.parse(Self.valid, file: "p.yaml")
        #expect(document.profiles.map(\.name) == ["web", "ci"])
        #expect(document.activeProfile.name == "web")
        #expect(document.limits == GateLimits(minimumAPIVersion: "1.40", maximumInspectedBody: 2 << 20))
        let web = try #require(document.profile(named: "web"))
        #expect(web.base == "baseline")
        #expect(web.checks.map(\.id) == Profile.baseline.checks.map(\.id))
        #expect(web.settings.allowedCapabilities == ["CAP_NET_BIND_SERVICE"])
        #expect(web.settings.allowedHostPathPrefixes == ["/srv/www"])
        #expect(web.settings.trustedUserNames == ["www-data"])
        #expect(web.settings.allowedImages == ["docker.io/library/nginx:*"])
        #expect(web.settings.requireImageDigest)
        #expect(web.settings.maximumMemory == 2 << 30)
        #expect(web.settings.maximumNanoCPUs == 500_000_000)
        #expect(web.settings.maximumPids == 128)
        #expect(web.settings.allowedHostPorts == [PortRange(443, 443), PortRange(8000, 8999)])
        #expect(web.settings.allowedHostIPs == ["127.0.0.1", "::1"])
        // Keys not given keep the built-in's values.
        #expect(web.settings.allowedSysctls == ProfileSettings.defaultSysctls)
        #expect(document.profile(named: "ci")?.checks.isEmpty == true)
        #expect(document.profile(named: "baseline")?.name == "baseline")
    }

    @Test func noProfileKeyMeansBaseline() throws {
        let document = try PolicyDocument.parse("apiVersion: dockgate/v1\n", file: "p.yaml")
        #expect(document.activeProfile.name == "baseline")
        #expect(document.limits == GateLimits())
    }

    static let refused: [(yaml: String, error: String)] = [
        ("", "p.yaml: the file is empty"),
        ("apiVersion: [", "p.yaml:2:1: not YAML: did not find expected node content"),
        ("profile: baseline\n", "p.yaml:1:1: apiVersion is missing"),
        ("apiVersion: dockgate/v2\n", "p.yaml:1:13: apiVersion: must be dockgate/v1"),
        (
            "apiVersion: dockgate/v1\nprofiles: {}\nteam: x\n",
            "p.yaml:3:1: team: unknown key; expected one of apiVersion, gate, profile, profiles"
        ),
        ("apiVersion: dockgate/v1\napiVersion: dockgate/v1\n", "p.yaml:1:1: apiVersion: given twice in one mapping"),
        ("apiVersion: dockgate/v1\nprofile: nope\n", "p.yaml:2:10: profile: no profile named \"nope\""),
        (
            "apiVersion: dockgate/v1\ngate:\n  minAPIVersion: 1.2.3\n",
            "p.yaml:3:18: gate.minAPIVersion: \"1.2.3\" is not an API version"
        ),
        (
            "apiVersion: dockgate/v1\ngate:\n  maxInspectedBody: 1GB\n",
            "p.yaml:3:21: gate.maxInspectedBody: \"1GB\" is not a size"
        ),
        (
            "apiVersion: dockgate/v1\ngate:\n  maxInspectedBody: 1Gi\n",
            "p.yaml:3:21: gate.maxInspectedBody: must be between 1 byte and 64Mi"
        ),
        ("apiVersion: dockgate/v1\nprofiles:\n  web: {}\n", "p.yaml:3:8: profiles.web: extends is missing"),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: strict\n",
            "p.yaml:4:14: profiles.web.extends: \"strict\" is not a built-in profile"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  Web:\n    extends: baseline\n",
            "p.yaml:3:3: profiles.Web: a profile name is lower-case"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  baseline:\n    extends: baseline\n",
            "p.yaml:3:3: profiles.baseline: baseline is a built-in profile"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    allowedCapability: [CHOWN]\n",
            "p.yaml:5:5: profiles.web.allowedCapability: unknown key"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    allowedCapabilities: CHOWN\n",
            "p.yaml:5:26: profiles.web.allowedCapabilities: must be a list"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    allowedCapabilities: [CAP_FLY]\n",
            "p.yaml:5:26: profiles.web.allowedCapabilities: unknown capability \"CAP_FLY\""
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    allowedHostPaths: [/srv/../etc]\n",
            "p.yaml:5:23: profiles.web.allowedHostPaths: \"/srv/../etc\" must be an absolute, clean path"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    maxMemory: 512m\n",
            "p.yaml:5:16: profiles.web.maxMemory: \"512m\" is not a size"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    maxCPUs: lots\n",
            "p.yaml:5:14: profiles.web.maxCPUs: \"lots\" is not a number of CPUs"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    maxPids: -1\n",
            "p.yaml:5:14: profiles.web.maxPids: \"-1\" is not a positive whole number"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    requireImageDigest: yes\n",
            "p.yaml:5:25: profiles.web.requireImageDigest: \"yes\" is not true or false"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    allowedHostPorts: [80-70]\n",
            "p.yaml:5:23: profiles.web.allowedHostPorts: 80-70 is not a range of ports"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    allowedHostPorts: [http]\n",
            "p.yaml:5:24: profiles.web.allowedHostPorts: \"http\" is not a port"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    allowedHostIPs: [0.0.0.0]\n",
            "p.yaml:5:21: profiles.web.allowedHostIPs: \"0.0.0.0\" is not a specific IPv4 or IPv6 address"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    trustedUserNames:\n",
            "p.yaml:5:22: profiles.web.trustedUserNames: must be a list"
        ),
        (
            "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n  web:\n    extends: baseline\n",
            "p.yaml:3:3: web: given twice in one mapping"
        ),
    ]

    @Test(arguments: refused)
    func refusedNamingLineAndKey(yaml: String, error expected: String) {
        do {
            _ = try PolicyDocument.parse(yaml, file: "p.yaml")
            Issue.record("accepted:\n\(yaml)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }

    static let sizes: [(text: String, bytes: Int64?)] = [
        ("1024", 1024), ("64Ki", 65536), ("512Mi", 512 << 20), ("2Gi", 2 << 30), ("1Ti", 1 << 40),
        ("2G", nil), ("512m", nil), ("1.5Gi", nil), ("-1", nil), (" 1", nil), ("", nil), ("Gi", nil),
        ("99999999999Ti", nil),
    ]

    @Test(arguments: sizes)
    func sizeUnits(text: String, bytes: Int64?) {
        let yaml = "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    maxMemory: \"\(text)\"\n"
        let document = try? PolicyDocument.parse(yaml, file: "p.yaml")
        #expect(document?.profile(named: "web")?.settings.maximumMemory == bytes)
    }

    static let cpus: [(text: String, nano: Int64?)] = [
        ("2", 2_000_000_000), ("0.5", 500_000_000), ("1.25", 1_250_000_000), ("500m", 500_000_000),
        ("0.000000001", 1), ("0.0000000001", nil), (".5", nil), ("1.", nil), ("0", nil), ("-1", nil),
    ]

    @Test(arguments: cpus)
    func cpuUnits(text: String, nano: Int64?) {
        let yaml = "apiVersion: dockgate/v1\nprofiles:\n  web:\n    extends: baseline\n    maxCPUs: \"\(text)\"\n"
        let document = try? PolicyDocument.parse(yaml, file: "p.yaml")
        #expect(document?.profile(named: "web")?.settings.maximumNanoCPUs == nano)
    }

    // MARK: Roles and teams

    static let teamsFile = """
        apiVersion: dockgate/v1
        profile: privileged
        profiles:
          web:
            extends: baseline
            maxPids: 64
        roles:
          viewer:
            description: images and container inspection
            allow: [image, container.inspect]
        teams:
          - name: web
            description: the web team
            match:
              - OU: web
              - uri: "spiffe://dockgate/team/web/*"
                O: dockgate
            role: operator
            profile: web
            quota:
              containers: 50
          - name: ops
            match:
              - fingerprint: "AB:CD:EF"
            role: admin
          - name: viewers
            match:
              - CN: "*.viewer"
            role: viewer
            quota: {}
        """

    @Test func teamsAndRoles() throws {
        let document = try PolicyDocument.parse(Self.teamsFile, file: "p.yaml")
        #expect(document.roles.map(\.name) == ["viewer"])
        #expect(document.roles.first?.allowedEntries == ["image", "container.inspect"])
        #expect(document.role(named: "viewer") == document.roles.first)
        #expect(document.role(named: "operator") == .operator)
        #expect(document.role(named: "nobody") == nil)
        let teams = try #require(document.teams)
        #expect(teams.map(\.name) == ["web", "ops", "viewers"])
        let web = teams[0]
        #expect(web.role == .operator)
        #expect(web.profile.name == "web")
        #expect(web.profile.settings.maximumPids == 64)
        #expect(web.quota == TeamQuota(maximumContainers: 50))
        #expect(
            web.matchers == [
                IdentityMatcher([(.organizationalUnit, "web")]),
                IdentityMatcher([(.uri, "spiffe://dockgate/team/web/*"), (.organization, "dockgate")]),
            ])
        // Without `profile`, a team gets the file's active profile.
        #expect(teams[1].profile.name == "privileged")
        #expect(teams[1].role == .admin)
        #expect(teams[1].quota == nil)
        #expect(teams[2].role.name == "viewer")
        #expect(teams[2].quota == TeamQuota(maximumContainers: nil))
        // Another active profile keeps the teams, and reaches those that name no profile.
        let chosen = document.choosing(.baseline).teams ?? []
        #expect(chosen.map(\.name) == ["web", "ops", "viewers"])
        #expect(chosen.map(\.profile.name) == ["web", "baseline", "baseline"])
    }

    @Test func resolvingCertificates() throws {
        let document = try PolicyDocument.parse(Self.teamsFile, file: "p.yaml")
        func team(_ identity: CertificateIdentity) -> (String, [String])? {
            guard case .team(let team, let alsoMatched) = document.resolve(identity) else { return nil }
            return (team.name, alsoMatched)
        }
        let alice = CertificateIdentity(
            subject: "CN=alice,OU=web", commonNames: ["alice"], organizationalUnits: ["web"])
        #expect(team(alice)?.0 == "web")
        #expect(team(alice)?.1 == [])
        let bySAN = CertificateIdentity(
            subject: "CN=bob", commonNames: ["bob"], organizations: ["dockgate"],
            uris: ["spiffe://dockgate/team/web/user/bob"])
        #expect(team(bySAN)?.0 == "web")
        // The URI entry needs O as well.
        let uriOnly = CertificateIdentity(subject: "CN=bob", uris: ["spiffe://dockgate/team/web/user/bob"])
        guard case .unmatched = document.resolve(uriOnly) else {
            Issue.record("an entry matched with one of its two fields")
            return
        }
        #expect(team(CertificateIdentity(subject: "", fingerprint: "abcdef"))?.0 == "ops")
        // The first team in file order wins; later matches are named for the audit record.
        let both = CertificateIdentity(
            subject: "CN=carol.viewer,OU=web", commonNames: ["carol.viewer"], organizationalUnits: ["web"])
        #expect(team(both)?.0 == "web")
        #expect(team(both)?.1 == ["viewers"])
        guard case .unmatched = document.resolve(CertificateIdentity(subject: "OU=data", organizationalUnits: ["data"]))
        else {
            Issue.record("a certificate of no team matched")
            return
        }
    }

    @Test func withoutTeamsEveryCertificateIsSingleTenant() throws {
        let document = try PolicyDocument.parse("apiVersion: dockgate/v1\n", file: "p.yaml")
        #expect(document.teams == nil)
        guard case .singleTenant = document.resolve(CertificateIdentity(subject: "CN=anyone")) else {
            Issue.record("not single tenant")
            return
        }
        // An empty teams list is teams nobody belongs to: every certificate is refused.
        let empty = try PolicyDocument.parse("apiVersion: dockgate/v1\nteams: []\n", file: "p.yaml")
        guard case .unmatched = empty.resolve(CertificateIdentity(subject: "CN=anyone")) else {
            Issue.record("an empty teams list matched")
            return
        }
    }

    /// A file with one team `web` (OU web, operator) followed by `rest`.
    static func team(_ rest: String = "", match: String = "      - OU: web\n", role: String = "operator") -> String {
        "apiVersion: dockgate/v1\nteams:\n  - name: web\n    match:\n\(match)    role: \(role)\n\(rest)"
    }

    static let refusedTeams: [(yaml: String, error: String)] = [
        (team(role: "developer"), "p.yaml:6:11: teams.web.role: no role named \"developer\""),
        (team(role: "Admin"), "p.yaml:6:11: teams.web.role: no role named \"Admin\""),
        (team("    profile: strict\n"), "p.yaml:7:14: teams.web.profile: no profile named \"strict\""),
        (
            team("  - name: web\n    match:\n      - OU: ops\n    role: admin\n"),
            "p.yaml:7:11: teams.web: defined twice"
        ),
        (
            team("  - name: ops\n    match:\n      - CN: root\n      - OU: web\n    role: admin\n"),
            "p.yaml:9:7: teams.ops.match: OU=web also matches team web; a certificate must belong to one team"
        ),
        (
            team(
                "  - name: ops\n    match:\n      - {OU: web, CN: alice}\n    role: admin\n",
                match: "      - OU: web\n        CN: alice\n"),
            "p.yaml:10:7: teams.ops.match: OU=web,CN=alice also matches team web"
        ),
        (team(match: "      - {}\n"), "p.yaml:5:9: teams.web.match: an empty entry would match every certificate"),
        (team(match: "      - OU: web\n      - {}\n"), "p.yaml:6:9: teams.web.match: an empty entry"),
        (team(match: "    - \n"), "p.yaml:5:6: teams.web.match: must be a mapping"),
        (team(match: "      - CN: \"*\"\n"), "p.yaml:5:13: teams.web.match.CN: \"*\" would match every certificate"),
        (team(match: "      - CN: \"**\"\n"), "p.yaml:5:13: teams.web.match.CN: \"**\" would match every certificate"),
        (team(match: "      - OU: '***'\n"), "p.yaml:5:13: teams.web.match.OU: \"***\" would match every certificate"),
        (team(match: "      - uri: ''\n"), "p.yaml:5:14: teams.web.match.uri: \"\" would match every certificate"),
        (team(match: "      - OU: web\n        CN: '*'\n"), "p.yaml:6:13: teams.web.match.CN: \"*\" would match"),
        (
            team(match: "      - ou: web\n"),
            "p.yaml:5:9: teams.web.match.ou: unknown key; expected one of CN, O, OU, dns, email, fingerprint, spki, uri"
        ),
        (team(match: "      OU: web\n"), "p.yaml:5:7: teams.web.match: must be a list"),
        (
            "apiVersion: dockgate/v1\nteams:\n  - name: web\n    match: []\n    role: admin\n",
            "p.yaml:4:12: teams.web.match: list at least one entry"
        ),
        (
            team("    quota:\n      containers: 0\n"),
            "p.yaml:8:19: teams.web.quota.containers: \"0\" is not a positive whole number"
        ),
        (
            team("    quota:\n      containers: -3\n"),
            "p.yaml:8:19: teams.web.quota.containers: \"-3\" is not a positive"
        ),
        (
            team("    quota:\n      containers: 1.5\n"),
            "p.yaml:8:19: teams.web.quota.containers: \"1.5\" is not a positive"
        ),
        (
            team("    quota:\n      containers: lots\n"),
            "p.yaml:8:19: teams.web.quota.containers: \"lots\" is not a positive"
        ),
        (team("    quota:\n      containers:\n"), "p.yaml:8:18: teams.web.quota.containers: must have a value"),
        (
            team("    quota:\n      disk: 1Gi\n"),
            "p.yaml:8:7: teams.web.quota.disk: unknown key; expected one of containers, cpus, memory"
        ),
        (team("    quota:\n      memory: 1G\n"), "p.yaml:8:15: teams.web.quota.memory: \"1G\" is not a size"),
        (team("    quota:\n      cpus: lots\n"), "p.yaml:8:13: teams.web.quota.cpus: \"lots\" is not a number of CPUs"),
        (team("    quota: 5\n"), "p.yaml:7:12: teams.web.quota: must be a mapping"),
        (team("    roles: admin\n"), "p.yaml:7:5: teams[0].roles: unknown key"),
        (
            "apiVersion: dockgate/v1\nteams:\n  - match:\n      - OU: web\n    role: admin\n",
            "p.yaml:3:5: teams[0]: name is missing"
        ),
        (
            "apiVersion: dockgate/v1\nteams:\n  - name: Web\n    match:\n      - OU: web\n    role: admin\n",
            "p.yaml:3:11: teams.Web: a team name is lower-case"
        ),
        (
            "apiVersion: dockgate/v1\nteams:\n  - name: web\n    role: admin\n",
            "p.yaml:3:5: teams.web: match is missing"
        ),
        (
            "apiVersion: dockgate/v1\nteams:\n  - name: web\n    match:\n      - OU: web\n",
            "p.yaml:3:5: teams.web: role is missing"
        ),
        ("apiVersion: dockgate/v1\nteams:\n  web:\n    role: admin\n", "p.yaml:3:3: teams: must be a list"),
        // Custom roles.
        (
            team("roles:\n  x:\n    allow: [containers]\n", role: "x"),
            "p.yaml:9:13: roles.x.allow: \"containers\" is neither an endpoint family nor an endpoint id"
        ),
        (
            team("roles:\n  x:\n    allow: [container, container.explode]\n", role: "x"),
            "p.yaml:9:24: roles.x.allow: \"container.explode\" is neither"
        ),
        (team("roles:\n  x:\n    allow: [unknown]\n", role: "x"), "p.yaml:9:13: roles.x.allow: \"unknown\" is neither"),
        (
            team("roles:\n  x:\n    allow: [Container]\n", role: "x"),
            "p.yaml:9:13: roles.x.allow: \"Container\" is neither"
        ),
        (team("roles:\n  x:\n    allow: container\n", role: "x"), "p.yaml:9:12: roles.x.allow: must be a list"),
        (team("roles:\n  x:\n    description: nothing\n", role: "x"), "p.yaml:9:5: roles.x: allow is missing"),
        (
            team("roles:\n  x:\n    allow: [image]\n    deny: [container]\n", role: "x"),
            "p.yaml:10:5: roles.x.deny: unknown key"
        ),
        (team("roles:\n  admin:\n    allow: [image]\n"), "p.yaml:8:3: roles.admin: admin is a built-in role"),
        (team("roles:\n  Viewer:\n    allow: [image]\n"), "p.yaml:8:3: roles.Viewer: a role name is lower-case"),
        (team("roles: [viewer]\n"), "p.yaml:7:8: roles: must be a mapping"),
    ]

    @Test(arguments: refusedTeams)
    func refusedTeamsNamingLineAndKey(yaml: String, error expected: String) {
        do {
            _ = try PolicyDocument.parse(yaml, file: "p.yaml")
            Issue.record("accepted:\n\(yaml)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }
}
