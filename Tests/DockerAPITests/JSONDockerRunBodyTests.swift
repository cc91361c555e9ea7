import DockerAPI
import TestSupport
import Testing

/// Bodies as the docker 20.10 CLI sends them (written by hand from the Go types it encodes,
/// compact, with the newline `json.Encoder` appends), read back through lookups.
@Suite("Real docker CLI bodies")
struct JSONDockerRunBodyTests {
    /// `docker run -d --name web -e FOO=bar -p 8080:80 -v data:/data --restart unless-stopped
    /// local/busybox:1 sleep 1000` → `POST /v1.41/containers/create?name=web`.
    static let createBody = DockerCLIBodies.containerCreate()

    /// `docker exec -it web sh` → `POST /v1.41/containers/web/exec`.
    static let execBody =
        #"{"User":"","Privileged":false,"Tty":true,"AttachStdin":true,"AttachStderr":true,"AttachStdout":true,"#
        + #""Detach":false,"DetachKeys":"","Env":null,"WorkingDir":"","Cmd":["sh"]}"#

    @Test("the create body parses, newline included, and the checker finds what dockerd will")
    func createLookups() throws {
        let body = try JSONTest.parse(Self.createBody + "\n")
        #expect(JSONTest.lookup(body, ["Image"]).value == .string("local/busybox:1"))
        #expect(JSONTest.lookup(body, ["Cmd"]).value == .array([.string("sleep"), .string("1000")]))
        #expect(JSONTest.lookup(body, ["Env"]).value == .array([.string("FOO=bar")]))
        #expect(JSONTest.lookup(body, ["User"]).value == .string(""))
        #expect(JSONTest.lookup(body, ["HostConfig", "Binds"]).value == .array([.string("data:/data")]))
        #expect(JSONTest.lookup(body, ["HostConfig", "NetworkMode"]).value == .string("default"))
        #expect(try JSONTest.lookup(body, ["HostConfig", "Privileged"]).value?.goBool() == false)
        #expect(JSONTest.lookup(body, ["HostConfig", "CapAdd"]).isNull)
        #expect(JSONTest.lookup(body, ["HostConfig", "MaskedPaths"]).isNull)
        #expect(JSONTest.lookup(body, ["HostConfig", "ReadonlyPaths"]).isNull)
        #expect(JSONTest.lookup(body, ["HostConfig", "Mounts"]).isAbsent)
        #expect(JSONTest.lookup(body, ["HostConfig", "RestartPolicy", "Name"]).value == .string("unless-stopped"))
        #expect(try JSONTest.lookup(body, ["HostConfig", "ShmSize"]).value?.goInteger(as: Int64.self) == 0)
        #expect(try JSONTest.lookup(body, ["HostConfig", "MemorySwappiness"]).value?.goInteger(as: Int64.self) == nil)
        #expect(try JSONTest.lookup(body, ["HostConfig", "BlkioWeight"]).value?.goInteger(as: UInt16.self) == 0)
        let console = try #require(JSONTest.lookup(body, ["HostConfig", "ConsoleSize"]).value?.arrayValue)
        #expect(try console.map { try $0.goInteger(as: UInt.self) } == [0, 0])
        let endpoints = JSONTest.lookup(body, ["NetworkingConfig", "EndpointsConfig"]).value?.objectValue
        #expect(endpoints?.isEmpty == true)
        // The top-level HostConfig aliases (§2.2) are not used by the CLI.
        #expect(JSONTest.lookup(body, ["Privileged"]).isAbsent)
        #expect(JSONTest.lookup(body, ["Binds"]).isAbsent)
    }

    @Test("port bindings are a map: looked up by exact key")
    func portBindings() throws {
        let body = try JSONTest.parse(Self.createBody)
        let ports = try #require(JSONTest.lookup(body, ["HostConfig", "PortBindings"]).value?.objectValue)
        let binding = try #require(ports.value(forMapKey: "80/tcp").value?.arrayValue?.first?.objectValue)
        #expect(binding.value(forField: "HostPort").value == .string("8080"))
        #expect(ports.value(forMapKey: "80/TCP").isAbsent)
    }

    @Test("re-encoding a Go-encoded body gives back the same bytes")
    func canonicalIsIdentity() throws {
        let body = try JSONTest.parse(Self.createBody + "\n")
        #expect(String(decoding: body.canonicalBytes(), as: UTF8.self) == Self.createBody)
        let exec = try JSONTest.parse(Self.execBody)
        #expect(String(decoding: exec.canonicalBytes(), as: UTF8.self) == Self.execBody)
    }

    @Test("the exec create body reads as dockerd will")
    func execLookups() throws {
        let body = try JSONTest.parse(Self.execBody)
        #expect(try JSONTest.lookup(body, ["Privileged"]).value?.goBool() == false)
        #expect(JSONTest.lookup(body, ["User"]).value == .string(""))
        #expect(JSONTest.lookup(body, ["Env"]).isNull)
        #expect(JSONTest.lookup(body, ["Cmd"]).value == .array([.string("sh")]))
    }

    @Test("a smuggled second HostConfig in a real body is refused")
    func smuggled() throws {
        var tampered = Self.createBody
        tampered.removeLast()
        tampered += #","hostConfig":{"Privileged":true}}"#
        let rejection = try #require(JSONTest.rejection(tampered))
        #expect(rejection.kind == .duplicateKey(first: "HostConfig", second: "hostConfig"))
    }
}
