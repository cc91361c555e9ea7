import DockerAPI
import Policy
import Testing

/// The baseline profile over service, volume and network bodies as the docker CLI sends them:
/// ordinary ones pass, and the service that took the host in the live test of
/// docker-api-surface.md §3.10 is denied.
@Suite("Engine: services, volumes and networks through the baseline")
struct EngineServiceTests {
    static let pinned = "local/busybox:1@sha256:" + String(repeating: "ab", count: 32)

    /// What the docker 20.10 CLI sends for `docker service create --name web --user 1000
    /// --network web-net -p 8080:80 local/busybox:1` (the CLI pins the image by digest).
    static let serviceBody =
        #"{"Name":"web","Labels":{},"TaskTemplate":{"ContainerSpec":{"Image":"\#(pinned)","User":"1000","#
        + #""Init":false,"StopGracePeriod":10000000000,"DNSConfig":{},"Isolation":"default"},"#
        + #""Resources":{"Limits":{},"Reservations":{}},"RestartPolicy":{"Condition":"any","Delay":5000000000,"#
        + #""MaxAttempts":0},"Placement":{},"Networks":[{"Target":"web-net"}],"ForceUpdate":0,"Runtime":"container"},"#
        + #""Mode":{"Replicated":{"Replicas":1}},"UpdateConfig":{"Parallelism":1,"FailureAction":"pause","#
        + #""Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"},"EndpointSpec":{"Mode":"vip","#
        + #""Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"}]}}"#

    static let facts = Facts(images: [pinned: .found(ImageFact(user: ""))], volumes: ["data": .notFound])

    static func evaluate(_ line: String, _ body: String?) throws -> Decision {
        PolicyEngine.evaluate(
            identity: PolicyTest.identity, request: try PolicyTest.request(line, body), facts: facts,
            profile: .baseline)
    }

    @Test("docker service create, volume create and network create are allowed")
    func ordinary() throws {
        #expect(try Self.evaluate("POST /v1.41/services/create", Self.serviceBody) == .allow)
        #expect(
            try Self.evaluate(
                "POST /v1.41/volumes/create", #"{"Driver":"local","DriverOpts":{},"Labels":{},"Name":"data"}"#)
                == .allow)
        #expect(try Self.evaluate("POST /v1.41/networks/create", CheckSafeNetworkCreateTests.cliBody) == .allow)
    }

    @Test("the service of the live test is denied, each escape by its own rule")
    func liveEscape() throws {
        let escape =
            #"{"Name":"x","TaskTemplate":{"ContainerSpec":{"Image":"local/busybox:1","User":"0","#
            + #""Mounts":[{"Type":"bind","Source":"/etc","Target":"/host-etc"}],"CapabilityAdd":["CAP_SYS_PTRACE"]},"#
            + #""Networks":[{"Target":"host"}]}}"#
        func rule(_ body: String) throws -> String? {
            try Self.evaluate("POST /v1.41/services/create", body).denial?.ruleID
        }
        #expect(try rule(escape) == "no-host-network")
        let bridged = escape.replacing(#"[{"Target":"host"}]"#, with: #"[{"Target":"web-net"}]"#)
        #expect(try rule(bridged) == "no-root-user")
        let nonRoot = bridged.replacing(#""User":"0""#, with: #""User":"1000""#)
        #expect(try rule(nonRoot) == "no-cap-add")
        let noCaps = nonRoot.replacing(#""CapabilityAdd":["CAP_SYS_PTRACE"]"#, with: #""CapabilityAdd":null"#)
        #expect(try rule(noCaps) == "no-host-mounts")
        let noBinds = noCaps.replacing(#""Type":"bind","Source":"/etc""#, with: #""Type":"tmpfs""#)
        #expect(try Self.evaluate("POST /v1.41/services/create", noBinds) == .allow)
    }

    @Test("an empty user with a pinned image asks for the image, then judges its USER")
    func pinnedImage() throws {
        let body = PolicyTest.serviceBody(user: "").replacing("local/busybox:1", with: Self.pinned)
        let decision = try Self.evaluate("POST /v1.41/services/web/update?version=1", body)
        #expect(decision.denial?.ruleID == "no-root-user")
        #expect(decision.denial?.missingFact == nil)
    }
}
