import DockerAPI
import Policy
import Testing

@Suite("Check safe-sysctls")
struct CheckSafeSysctlsTests {
    static let cases: [CheckCase] = [
        .create("none", hostConfig: #""Sysctls":null"#, .allow),
        .create(
            "PSS baseline sysctls",
            hostConfig: #""Sysctls":{"net.ipv4.ip_unprivileged_port_start":"0","kernel.shm_rmid_forced":"1"}"#, .allow),
        .create(
            "a host-wide sysctl", hostConfig: #""Sysctls":{"net.ipv4.tcp_syncookies":"1","kernel.core_pattern":"|/x"}"#,
            .deny(
                reason: "sysctl kernel.core_pattern is not allowed",
                detail: #"HostConfig.Sysctls.kernel.core_pattern="|/x""#)),
        .create(
            "the slash spelling runc accepts", hostConfig: #""Sysctls":{"net/ipv4/tcp_syncookies":"1"}"#,
            .deny(
                reason: "sysctl net/ipv4/tcp_syncookies is not allowed",
                detail: #"HostConfig.Sysctls.net/ipv4/tcp_syncookies="1""#)),
        .create(
            "net.ipv4.ip_forward", hostConfig: #""Sysctls":{"net.ipv4.ip_forward":"1"}"#,
            .deny(
                reason: "sysctl net.ipv4.ip_forward is not allowed",
                detail: #"HostConfig.Sysctls.net.ipv4.ip_forward="1""#)),
        .create(
            "allowed by the profile", hostConfig: #""Sysctls":{"net.ipv4.ip_forward":"1"}"#,
            settings: ProfileSettings(allowedSysctls: ["net.ipv4.ip_forward"]), .allow),
        CheckCase(
            "per-interface sysctls",
            body: #"{"Image":"x","NetworkingConfig":{"EndpointsConfig":{"backend":{"DriverOpts":"#
                + #"{"com.docker.network.endpoint.sysctls":"net.ipv4.conf.IFNAME.forwarding=1"}}}}}"#,
            .deny(
                reason: "per-interface sysctls are not allowed",
                detail: "NetworkingConfig.EndpointsConfig.backend.DriverOpts.com.docker.network.endpoint.sysctls="
                    + #""net.ipv4.conf.IFNAME.forwarding=1""#)),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.safeSysctls)
    }
}
