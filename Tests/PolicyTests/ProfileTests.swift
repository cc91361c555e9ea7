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
        #expect(
            Check.baseline.map(\.id) == [
                "blocked-endpoints", "valid-body", "no-privileged", "no-host-network", "safe-network-create",
                "no-root-user", "no-cap-add", "no-host-namespaces", "no-host-mounts", "safe-volume-create",
                "no-devices",
                "no-unconfined-security", "safe-sysctls", "allowed-runtime", "no-oom-tricks", "no-root-group",
                "no-annotations", "no-cgroup-escape", "no-volumes-from-host", "local-log-drivers", "safe-build",
            ])
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
