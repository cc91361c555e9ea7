import DockerAPI
import Testing

@testable import Policy

/// The Go and runc behaviours the checks rely on, reproduced on bytes.
@Suite("Go semantics the checks rely on")
struct SupportGoSemanticsTests {
    /// Go's own `path.Clean` table (`src/path/path_test.go`) and dockerd's observed cleaning.
    static let cleanCases: [(String, String)] = [
        ("", "."), ("abc", "abc"), ("abc/def", "abc/def"), ("a/b/c", "a/b/c"), (".", "."), ("..", ".."),
        ("../..", "../.."), ("../../abc", "../../abc"), ("/abc", "/abc"), ("/", "/"), ("abc/", "abc"),
        ("abc/def/", "abc/def"), ("a/b/c/", "a/b/c"), ("./", "."), ("../", ".."), ("../../", "../.."),
        ("/abc/", "/abc"), ("abc//def//ghi", "abc/def/ghi"), ("//abc", "/abc"), ("///abc", "/abc"),
        ("//abc//", "/abc"), ("abc//", "abc"), ("abc/./def", "abc/def"), ("/./abc/def", "/abc/def"),
        ("abc/.", "abc"), ("abc/def/ghi/../jkl", "abc/def/jkl"), ("abc/def/../ghi/../jkl", "abc/jkl"),
        ("abc/def/..", "abc"), ("abc/def/../..", "."), ("/abc/def/../..", "/"), ("abc/def/../../..", ".."),
        ("/abc/def/../../..", "/"), ("abc/def/../../../ghi/jkl/../../../mno", "../../mno"),
        ("abc/./../def", "def"), ("abc//./../def", "def"), ("abc/../../././../def", "../../def"),
        ("/../abc", "/abc"), ("//etc/", "/etc"), ("/srv/teams/../../etc", "/etc"), ("/..", "/"),
    ]

    @Test("path.Clean, as Go's own table and dockerd's observed cleaning", arguments: cleanCases)
    func clean(input: String, expected: String) {
        #expect(GoPath.clean(input) == expected)
        #expect(GoPath.clean(expected) == expected)
    }

    @Test("prefix tests are on whole path segments")
    func within() {
        #expect(GoPath.isWithin("/srv/teams", "/srv/teams"))
        #expect(GoPath.isWithin("/srv/teams/web", "/srv/teams"))
        #expect(!GoPath.isWithin("/srv/teamsX", "/srv/teams"))
        #expect(GoPath.isWithin("/anything", "/"))
        #expect(HostPathRules.overlaps("/var", "/var/run"))
        #expect(HostPathRules.overlaps("/var/run/docker.sock", "/var/run"))
        #expect(!HostPathRules.overlaps("/home", "/"))
        #expect(HostPathRules.overlaps("/", "/"))
    }

    @Test(
        "strconv.Atoi on 64-bit",
        arguments: [
            ("0", Int64(0)), ("00", 0), ("+0", 0), ("-0", 0), ("1000", 1000), ("+1000", 1000), ("-5", -5),
            ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
        ] as [(String, Int64)])
    func atoi(text: String, value: Int64) {
        #expect(GoAtoi.parse(text) == value)
    }

    @Test("Atoi refuses", arguments: ["", "+", "-", " 0", "0 ", "0x0", "1_000", "1e3", "9223372036854775808", "٣"])
    func atoiRefuses(text: String) {
        #expect(GoAtoi.parse(text) == nil)
    }

    @Test("user specs as runc reads them")
    func userSpecs() {
        func spec(_ text: String) -> UserSpec { UserSpec(text, trustedUsers: ["app"], trustedGroups: ["video"]) }
        #expect(spec("0:0:extra").user == .id(0))
        #expect(spec("0:0:extra").group == .id(0))
        #expect(spec("1000").group == nil)
        #expect(spec("1000:").group == nil)
        #expect(spec(":1000").user == .empty)
        #expect(spec("app:video").user == .trustedName("app"))
        #expect(spec("app:video").group == .trustedName("video"))
        #expect(spec("App").user == .untrustedName("App"))
        #expect(spec("root").user == .root)
        #expect(spec("2147483648").user == .outOfRange("2147483648"))
        #expect(spec("1000:\u{0338}0").group == .untrustedName("\u{0338}0"))
        #expect(spec("0:\u{0338}").user == .id(0))
    }

    @Test("capability names as Go's ToUpper and dockerd's prefix rule make them")
    func capabilities() {
        #expect(CapabilityName.normalise("net_admin") == .name("CAP_NET_ADMIN"))
        #expect(CapabilityName.normalise("Cap_Net_Admin") == .name("CAP_NET_ADMIN"))
        #expect(CapabilityName.normalise("all") == .all)
        #expect(CapabilityName.normalise("cap_all") == .name("CAP_ALL"))
        #expect(CapabilityName.normalise("\u{017F}ys_admin") == .name("CAP_SYS_ADMIN"))
        #expect(CapabilityName.normalise("sys_adm\u{0131}n") == .name("CAP_SYS_ADMIN"))
        guard case .name(let kelvin) = CapabilityName.normalise("\u{212A}ILL") else {
            Issue.record("not a name")
            return
        }
        #expect(!kelvin.bytesEqual("CAP_KILL"))
        #expect(CapabilityName.known.count == 41)
    }

    @Test("security options split as dockerd splits them")
    func securityOptions() {
        #expect(SecurityOption("seccomp=unconfined") == .seccomp("unconfined"))
        #expect(SecurityOption("seccomp:unconfined") == .seccomp("unconfined"))
        #expect(SecurityOption("seccomp:a=b") == .invalid(key: "seccomp:a"))
        #expect(SecurityOption("label=type:spc_t") == .label("type:spc_t"))
        #expect(SecurityOption("label:disable") == .labelDisable)
        #expect(SecurityOption("disable") == .labelDisable)
        #expect(SecurityOption("no-new-privileges") == .noNewPrivileges(nil))
        #expect(SecurityOption("no-new-privileges=False") == .noNewPrivileges("False"))
        #expect(SecurityOption("seccomp=\u{0338}x") == .seccomp("\u{0338}x"))
        #expect(SecurityOption("nothing") == .invalid(key: nil))
        #expect(SecurityOption.goBool("T") == true)
        #expect(SecurityOption.goBool("FALSE") == false)
        #expect(SecurityOption.goBool("yes") == nil)
    }

    @Test("binds split as dockerd's Linux parser splits them")
    func binds() {
        #expect(BindSpec("/etc:/h:ro").hostPath == "/etc")
        #expect(BindSpec("data:/d").volumeName == "data")
        #expect(BindSpec("/data").source == nil)
        #expect(BindSpec("relative:/x").hostPath == nil)
        #expect(BindSpec("/s:/d:ro,rshared").sharedPropagation == "rshared")
        // dockerd refuses four parts; the third is still read, which only denies more.
        #expect(BindSpec("/s:/d:shared:extra").sharedPropagation == "shared")
    }

    @Test("container references: everything after the first colon")
    func containerReferences() {
        #expect(NamespaceResolver.containerReference("container:a:b") == "a:b")
        #expect(NamespaceResolver.containerReference("container:") == "")
        #expect(NamespaceResolver.containerReference("Container:x") == nil)
        #expect(NamespaceResolver.containerReference("host") == nil)
    }
}
