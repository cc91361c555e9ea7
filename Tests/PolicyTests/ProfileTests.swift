import DockerAPI
import Policy
import Testing

@Suite("Profiles and their settings")
struct ProfileTests {
    @Test("the built-in profiles")
    func builtins() {
        #expect(Profile.builtin(named: "baseline")?.checks.map(\.id) == Check.baseline.map(\.id))
        #expect(Profile.builtin(named: "privileged")?.checks.isEmpty == true)
        #expect(Profile.builtin(named: "Baseline") == nil)
        #expect(Profile.builtins.map(\.name) == ["privileged", "baseline", "restricted"])
        #expect(Profile.builtin(named: "restricted")?.checks.map(\.id) == Check.restricted.map(\.id))
        #expect(
            Check.baseline.map(\.id) == [
                "blocked-endpoints", "valid-body", "no-privileged", "no-host-network", "safe-network-create",
                "no-root-user", "no-cap-add", "no-host-namespaces", "no-host-mounts", "safe-volume-create",
                "no-devices",
                "no-unconfined-security", "safe-sysctls", "allowed-runtime", "no-oom-tricks", "no-root-group",
                "no-annotations", "no-cgroup-escape", "no-volumes-from-host", "local-log-drivers", "safe-build",
            ])
    }

    @Test("restricted runs every baseline check, the image rules early and its requirements last")
    func restricted() {
        let ids = Check.restricted.map(\.id)
        #expect(Set(Check.baseline.map(\.id)).isSubset(of: Set(ids)))
        #expect(ids.filter { id in Check.baseline.contains { $0.id == id } } == Check.baseline.map(\.id))
        #expect(Array(ids.prefix(4)) == ["blocked-endpoints", "valid-body", "trusted-images", "image-writes"])
        #expect(
            Array(ids.suffix(8)) == [
                "drop-all-capabilities", "no-new-privileges", "read-only-rootfs", "memory-limit", "cpu-limit",
                "pids-limit", "private-cgroupns", "published-ports",
            ])
        #expect(Set(ids).count == ids.count)
    }

    @Test("the restricted defaults")
    func restrictedDefaults() throws {
        let settings = Profile.restricted.settings
        #expect(settings.allowedCapabilities == ["CAP_NET_BIND_SERVICE"])
        #expect(settings.allowedImages == ["docker.io/library/*"])
        #expect(settings.writableImageNames == [])
        #expect(!settings.requireImageDigest)
        #expect(settings.maximumMemory == nil && settings.maximumNanoCPUs == nil && settings.maximumPids == nil)
        #expect(settings.allowedHostPorts == [PortRange(1024, 65535)])
        #expect(settings.allowedHostIPs == nil)
        var baseline = Profile.baseline.settings
        baseline.allowedCapabilities = settings.allowedCapabilities
        baseline.allowedImages = settings.allowedImages
        baseline.writableImageNames = settings.writableImageNames
        #expect(baseline == settings)
        #expect(try settings.validated() == settings)
    }

    @Test("a policy file's profile extends restricted: its checks, its defaults, the file's settings")
    func extendsRestricted() throws {
        let document = try PolicyDocument.parse(
            """
            apiVersion: dockgate/v1
            profile: web
            profiles:
              web:
                extends: restricted
                allowedImages: ["docker.io/library/*", "registry.example.com/web/*"]
                maxMemory: 2Gi
            """, file: "p.yaml")
        let web = try #require(document.profile(named: "web"))
        #expect(web.base == "restricted")
        #expect(web.checks.map(\.id) == Check.restricted.map(\.id))
        #expect(web.settings.allowedImages == ["docker.io/library/*", "registry.example.com/web/*"])
        #expect(web.settings.maximumMemory == 2 << 30)
        #expect(web.settings.allowedCapabilities == ["CAP_NET_BIND_SERVICE"])
        #expect(web.settings.writableImageNames == [])
    }

    @Test("the baseline's defaults")
    func defaults() {
        let settings = Profile.baseline.settings
        #expect(settings.allowedCapabilities.isEmpty)
        #expect(settings.allowedHostPathPrefixes.isEmpty)
        #expect(settings.trustedUserNames.isEmpty)
        #expect(settings.allowedRuntimes == ["runc"])
        #expect(settings.allowedLogDrivers == ["json-file", "local", "journald", "none"])
        #expect(settings.allowedSysctls.contains("net.ipv4.ip_unprivileged_port_start"))
    }

    @Test("validation normalises capabilities")
    func normalises() throws {
        let settings = try ProfileSettings(allowedCapabilities: ["net_bind_service", "CAP_CHOWN"]).validated()
        #expect(settings.allowedCapabilities == ["CAP_NET_BIND_SERVICE", "CAP_CHOWN"])
    }

    @Test("image patterns without * must be normalised references")
    func imagePatterns() throws {
        let settings = ProfileSettings(
            allowedImages: ["docker.io/library/busybox:1.36", "localhost:5000/*"],
            writableImageNames: ["registry.example.com/web/app:v1"])
        #expect(try settings.validated() == settings)
    }

    @Test(
        "validation names the setting that cannot be used",
        arguments: [
            (ProfileSettings(allowedCapabilities: ["all"]), "allowedCapabilities: ALL cannot be allowed"),
            (ProfileSettings(allowedCapabilities: ["CAP_FLY"]), "allowedCapabilities: unknown capability \"CAP_FLY\""),
            (
                ProfileSettings(allowedHostPathPrefixes: ["/srv/"]),
                "allowedHostPathPrefixes: \"/srv/\" must be an absolute, clean path other than /"
            ),
            (
                ProfileSettings(allowedHostPathPrefixes: ["/"]),
                "allowedHostPathPrefixes: \"/\" must be an absolute, clean path other than /"
            ),
            (
                ProfileSettings(allowedHostPathPrefixes: ["srv"]),
                "allowedHostPathPrefixes: \"srv\" must be an absolute, clean path other than /"
            ),
            (
                ProfileSettings(additionalProtectedHostPaths: ["/a/../b"]),
                "additionalProtectedHostPaths: \"/a/../b\" must be an absolute, clean path"
            ),
            (ProfileSettings(trustedUserNames: ["root"]), "trustedUserNames: \"root\" cannot be trusted"),
            (ProfileSettings(trustedGroupNames: ["a:b"]), "trustedGroupNames: \"a:b\" cannot be trusted"),
            (ProfileSettings(allowedRuntimes: [""]), "allowedRuntimes: an empty name is not a value"),
            (
                ProfileSettings(allowedImages: ["busybox"]),
                "allowedImages: \"busybox\" never matches: patterns match normalised references such as"
                    + " docker.io/library/busybox:latest (use * for any tag)"
            ),
            (
                ProfileSettings(writableImageNames: ["Web App"]),
                "writableImageNames: \"Web App\" is not an image name such as docker.io/library/busybox:1.36"
            ),
        ])
    func invalid(settings: ProfileSettings, message: String) {
        #expect(throws: ProfileSettingsError.self) { try settings.validated() }
        do {
            _ = try settings.validated()
        } catch {
            #expect(error.description == message)
        }
    }
}
