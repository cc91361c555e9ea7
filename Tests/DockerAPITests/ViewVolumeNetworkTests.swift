import DockerAPI
import Testing

/// `VolumeCreateView`, `NetworkCreateView` and `NetworkConnectView`.
@Suite("View: volume create, network create and connect")
struct ViewVolumeNetworkTests {
    @Test("the docker CLI's volume create body, and a bind volume in lower-case keys")
    func volume() throws {
        let cli = try VolumeCreateView(
            JSONTest.parse(#"{"Driver":"local","DriverOpts":{},"Labels":{"team":"web"},"Name":"data"}"#))
        #expect(cli.name == .value("data"))
        #expect(cli.driver == .value("local"))
        #expect(cli.driverOpts == .value(StringMap([])))
        #expect(cli.labels.value?["team"] == "web")
        #expect(cli.clusterVolumeSpec == .absent)
        let bind = try VolumeCreateView(
            JSONTest.parse(#"{"name":"etc","driveropts":{"type":"none","o":"bind","device":"/etc"}}"#))
        #expect(bind.driver == .absent)
        #expect(bind.driverOpts.value?.keys == ["type", "o", "device"])
        #expect(bind.driverOpts.value?["device"] == "/etc")
    }

    @Test("ClusterVolumeSpec: absent, null and an empty object are three different things")
    func clusterVolumeSpec() throws {
        #expect(try VolumeCreateView(JSONTest.parse(#"{"ClusterVolumeSpec":null}"#)).clusterVolumeSpec == .null)
        #expect(
            try VolumeCreateView(JSONTest.parse(#"{"ClusterVolumeSpec":{}}"#)).clusterVolumeSpec.value?.isEmpty == true)
        #expect(
            try VolumeCreateView(JSONTest.parse(#"{"ClusterVolumeSpec":[]}"#)).clusterVolumeSpec.error
                == ViewTest.mismatch("ClusterVolumeSpec", "array", "volume.ClusterVolumeSpec"))
    }

    @Test("the docker CLI's network create body")
    func network() throws {
        let view = try NetworkCreateView(
            JSONTest.parse(
                #"{"Name":"web-net","CheckDuplicate":true,"Driver":"bridge","Scope":"","EnableIPv6":false,"#
                    + #""IPAM":{"Driver":"default","Options":{},"Config":[]},"Internal":false,"Attachable":false,"#
                    + #""Ingress":false,"ConfigOnly":false,"ConfigFrom":null,"Options":{},"Labels":{}}"#))
        #expect(view.name == .value("web-net"))
        #expect(view.driver == .value("bridge"))
        #expect(view.ipam.value?.driver == .value("default"))
        #expect(view.configFrom.isNull)
        #expect(view.ingress == .value(false))
        #expect(view.isInternal == .value(false))
        #expect(view.options == .value(StringMap([])))
    }

    @Test("macvlan with a parent, ConfigFrom, and the Kelvin sign in a key")
    func networkFields() throws {
        let view = try NetworkCreateView(
            JSONTest.parse(
                "{\"driver\":\"macvlan\",\"options\":{\"parent\":\"eth0\"},\"configfrom\":{\"network\":\"cfg\"},"
                    + "\"\u{212A}\":1,\"Ingre\u{017F}\u{017F}\":true,\"ipam\":{\"driver\":\"evil\"}}"))
        #expect(view.driver == .value("macvlan"))
        #expect(view.options.value?["parent"] == "eth0")
        #expect(view.configFrom.value?.network == .value("cfg"))
        #expect(view.ingress == .value(true))
        #expect(view.ipam.value?.driver == .value("evil"))
        #expect(
            try NetworkCreateView(JSONTest.parse(#"{"Options":{"a":true}}"#)).options.error
                == ViewTest.mismatch("Options.a", "bool", "string"))
    }

    @Test("network connect: the container and its endpoint settings")
    func connect() throws {
        let view = try NetworkConnectView(
            JSONTest.parse(
                #"{"Container":"web","EndpointConfig":{"Aliases":["db"],"#
                    + #""DriverOpts":{"com.docker.network.endpoint.sysctls":"net.ipv4.conf.IFNAME.forwarding=1"}}}"#))
        #expect(view.container == .value("web"))
        #expect(view.endpointConfig.value?.aliases == .value(["db"]))
        #expect(view.endpointConfig.value?.driverOpts.value?.keys == ["com.docker.network.endpoint.sysctls"])
        #expect(!(try NetworkConnectView(JSONTest.parse(#"{"Container":"web"}"#)).endpointConfig.isPresent))
    }

    @Test("a volume, network or connect body that is not an object is refused")
    func notObjects() throws {
        #expect(throws: ViewTest.mismatch("", "array", "volume.VolumeCreateBody")) {
            try VolumeCreateView(JSONTest.parse("[]"))
        }
        #expect(throws: ViewTest.mismatch("", "null", "types.NetworkCreateRequest")) {
            try NetworkCreateView(JSONTest.parse("null"))
        }
        #expect(throws: ViewTest.mismatch("", "string", "types.NetworkConnect")) {
            try NetworkConnectView(JSONTest.parse(#""web""#))
        }
    }
}
