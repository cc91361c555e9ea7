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

    static let endpointSysctls = "com.docker.network.endpoint.sysctls"

    static let serviceCases: [CheckCase] = [
        .service("PSS baseline sysctls", containerSpec: #""Sysctls":{"net.ipv4.tcp_syncookies":"1"}"#, .allow),
        .service(
            "a host-wide sysctl", containerSpec: #""sysctls":{"kernel.core_pattern":"|/x"}"#,
            .deny(
                reason: "sysctl kernel.core_pattern is not allowed",
                detail: #"TaskTemplate.ContainerSpec.Sysctls.kernel.core_pattern="|/x""#)),
        .service(
            "network attachments without options", taskTemplate: #""Networks":[{"Target":"web-net","Aliases":["w"]}]"#,
            .allow),
        .service(
            "per-interface sysctls on a network attachment",
            taskTemplate: #""Networks":[{"Target":"web-net","DriverOpts":{"\#(endpointSysctls)":"x=1"}}]"#,
            .deny(
                reason: "per-interface sysctls are not allowed",
                detail: #"TaskTemplate.Networks[0].DriverOpts.\#(endpointSysctls)="x=1""#)),
        .service(
            "per-interface sysctls on a legacy network attachment",
            spec: #""Networks":[{"Target":"web-net","DriverOpts":{"\#(endpointSysctls)":"x=1"}}]"#,
            .deny(
                reason: "per-interface sysctls are not allowed",
                detail: #"Networks[0].DriverOpts.\#(endpointSysctls)="x=1""#)),
        .service(
            "Sysctls of the wrong type", containerSpec: #""Sysctls":["kernel.x=1"]"#,
            .unreadable("TaskTemplate.ContainerSpec.Sysctls", "array", "map[string]string")),
        CheckCase(
            "network connect without options", "POST /v1.41/networks/backend/connect", body: #"{"Container":"web"}"#,
            .allow),
        CheckCase(
            "per-interface sysctls on network connect", "POST /v1.41/networks/backend/connect",
            body: #"{"Container":"web","endpointconfig":{"DriverOpts":{"\#(endpointSysctls)":"x=1"}}}"#,
            .deny(
                reason: "per-interface sysctls are not allowed",
                detail: #"EndpointConfig.DriverOpts.\#(endpointSysctls)="x=1""#)),
        CheckCase(
            "network connect with EndpointConfig null", "POST /v1.41/networks/backend/connect",
            body: #"{"Container":"web","EndpointConfig":null}"#, .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.safeSysctls)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.safeSysctls)
    }
}
