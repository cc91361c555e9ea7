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
}
