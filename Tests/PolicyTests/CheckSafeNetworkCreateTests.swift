import DockerAPI
import Policy
import Testing

@Suite("Check safe-network-create")
struct CheckSafeNetworkCreateTests {
    static func network(_ name: String, _ body: String, _ expected: CheckCase.Expected) -> CheckCase {
        CheckCase(name, "POST /v1.41/networks/create", body: body, expected)
    }

    static func driver(_ driver: String) -> CheckCase.Expected {
        .deny(
            reason: "network driver \"\(driver)\" is not allowed; use bridge", detail: "Driver=\"\(driver)\"")
    }

    static func option(_ key: String, _ value: String) -> CheckCase.Expected {
        .deny(reason: "the network option \(key) is not allowed", detail: "Options.\(key)=\"\(value)\"")
    }

    static let cliBody =
        #"{"Name":"web-net","CheckDuplicate":true,"Driver":"bridge","Scope":"","EnableIPv6":false,"#
        + #""IPAM":{"Driver":"default","Options":{},"Config":[{"Subnet":"10.10.0.0/24"}]},"Internal":false,"#
        + #""Attachable":false,"Ingress":false,"ConfigOnly":false,"ConfigFrom":null,"Options":{},"Labels":{}}"#

    static let cases: [CheckCase] = [
        network("the docker CLI's body", cliBody, .allow),
        network("a name only", #"{"Name":"n"}"#, .allow),
        network(
            "an encrypted overlay", #"{"Name":"o","Driver":"overlay","Attachable":true,"Options":{"encrypted":""}}"#,
            .allow),
        network(
            "harmless bridge options",
            #"{"Name":"n","Options":{"com.docker.network.driver.mtu":"1400","com.docker.network.bridge.enable_icc":"false"}}"#,
            .allow),
        network("an internal IPv6 bridge", #"{"Name":"n","Internal":true,"EnableIPv6":true}"#, .allow),
        network("macvlan", #"{"Name":"n","Driver":"macvlan","Options":{"parent":"eth0"}}"#, driver("macvlan")),
        network("ipvlan, lower-case keys", #"{"name":"n","driver":"ipvlan"}"#, driver("ipvlan")),
        network("host", #"{"Name":"n","Driver":"host"}"#, driver("host")),
        network("null", #"{"Name":"n","Driver":"null"}"#, driver("null")),
        network("Bridge is a plugin name to dockerd", #"{"Name":"n","Driver":"Bridge"}"#, driver("Bridge")),
        network("a plugin", #"{"Name":"n","Driver":"weave"}"#, driver("weave")),
        network(
            "attaching to docker0", #"{"Name":"n","Options":{"com.docker.network.bridge.name":"docker0"}}"#,
            option("com.docker.network.bridge.name", "docker0")),
        network(
            "routed gateway mode", #"{"Name":"n","options":{"com.docker.network.bridge.gateway_mode_ipv4":"routed"}}"#,
            option("com.docker.network.bridge.gateway_mode_ipv4", "routed")),
        network(
            "trusted host interfaces",
            #"{"Name":"n","Options":{"com.docker.network.bridge.trusted_host_interfaces":"eth0"}}"#,
            option("com.docker.network.bridge.trusted_host_interfaces", "eth0")),
        network(
            "another overlay's VXLAN ID",
            #"{"Name":"o","Driver":"overlay","Options":{"com.docker.network.driver.overlay.vxlanid_list":"4097"}}"#,
            option("com.docker.network.driver.overlay.vxlanid_list", "4097")),
        network(
            "option keys are compared by bytes", #"{"Name":"n","Options":{"com.docker.network.driver.MTU":"1400"}}"#,
            option("com.docker.network.driver.MTU", "1400")),
        network(
            "a parent on a bridge", #"{"Name":"n","Driver":"bridge","Options":{"parent":"eth0.10"}}"#,
            option("parent", "eth0.10")),
        network("ConfigFrom null", #"{"Name":"n","ConfigFrom":null}"#, .allow),
        network(
            "ConfigFrom a config-only network", #"{"Name":"n","Driver":"bridge","ConfigFrom":{"Network":"admin-cfg"}}"#,
            .deny(
                reason: "taking a network's configuration from another network (ConfigFrom) is not allowed",
                detail: #"ConfigFrom.Network="admin-cfg""#)),
        network(
            "an empty ConfigFrom, lower-case", #"{"Name":"n","configfrom":{}}"#,
            .deny(
                reason: "taking a network's configuration from another network (ConfigFrom) is not allowed",
                detail: #"ConfigFrom.Network="""#)),
        network(
            "a config-only network with safe options",
            #"{"Name":"cfg","ConfigOnly":true,"Options":{"com.docker.network.driver.mtu":"1400"}}"#, .allow),
        network("Ingress false", #"{"Name":"n","Ingress":false}"#, .allow),
        network(
            "an ingress network", #"{"Name":"n","Driver":"overlay","Ingress":true}"#,
            .deny(reason: "creating an ingress network is not allowed", detail: "Ingress=true")),
        network(
            "Ingress with the long s", "{\"Name\":\"n\",\"Ingre\u{017F}s\":true}",
            .deny(reason: "creating an ingress network is not allowed", detail: "Ingress=true")),
        network("IPAM null", #"{"Name":"n","IPAM":null}"#, .allow),
        network("IPAM driver empty", #"{"Name":"n","IPAM":{"Driver":""}}"#, .allow),
        network(
            "an IPAM plugin", #"{"Name":"n","IPAM":{"Driver":"infoblox"}}"#,
            .deny(reason: "IPAM driver \"infoblox\" is not allowed", detail: #"IPAM.Driver="infoblox""#)),
        network("a driver of the wrong type", #"{"Name":"n","Driver":1}"#, .unreadable("Driver", "number", "string")),
        network(
            "options of the wrong type", #"{"Name":"n","Options":["parent=eth0"]}"#,
            .unreadable("Options", "array", "map[string]string")),
        network(
            "Ingress of the wrong type", #"{"Name":"n","Ingress":"true"}"#, .unreadable("Ingress", "string", "bool")),
        CheckCase("another endpoint", "GET /v1.41/networks", body: nil, .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.safeNetworkCreate)
    }
}
