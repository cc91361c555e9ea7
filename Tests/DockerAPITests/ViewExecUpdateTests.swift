import DockerAPI
import Testing

/// `ExecCreateView` and `ContainerUpdateView`.
@Suite("View: exec create and container update")
struct ViewExecUpdateTests {
    @Test("the docker 20.10 CLI exec body")
    func cliExec() throws {
        let view = try ExecCreateView(JSONTest.parse(JSONDockerRunBodyTests.execBody))
        #expect(view.privileged == .value(false))
        #expect(view.user == .value(""))
        #expect(view.env == .null)
        #expect(view.cmd == .value(["sh"]))
        #expect(view.tty == .value(true))
        #expect(view.attachStdin == .value(true))
        #expect(view.workingDir == .value(""))
    }

    @Test("lower-case keys reach the fields; exec Cmd is a []string, not a StrSlice")
    func execKeys() throws {
        let view = try ExecCreateView(JSONTest.parse(#"{"cmd":"id","privileged":true,"user":"0"}"#))
        #expect(view.privileged == .value(true))
        #expect(view.user == .value("0"))
        #expect(view.cmd.error == ViewTest.mismatch("Cmd", "string", "[]string"))
    }

    @Test("an exec or update body that is not an object is refused")
    func notObjects() throws {
        #expect(throws: ViewTest.mismatch("", "array", "types.ExecConfig")) {
            try ExecCreateView(JSONTest.parse("[]"))
        }
        #expect(throws: ViewTest.mismatch("", "null", "types.ExecConfig")) {
            try ExecCreateView(JSONTest.parse("null"))
        }
        #expect(throws: ViewTest.mismatch("", "string", "container.UpdateConfig")) {
            try ContainerUpdateView(JSONTest.parse(#""x""#))
        }
    }

    @Test("update: the resource fields at the top level and the restart policy")
    func update() throws {
        let view = try ContainerUpdateView(
            JSONTest.parse(
                #"{"Memory":0,"MemorySwap":-1,"NanoCpus":500000000,"CpuQuota":0,"PidsLimit":-1,"#
                    + #""Devices":[{"PathOnHost":"/dev/sda"}],"RestartPolicy":{"Name":"always"}}"#))
        #expect(view.resources.memory == .value(0))
        #expect(view.resources.memorySwap == .value(-1))
        #expect(view.resources.nanoCpus == .value(500_000_000))
        #expect(view.resources.pidsLimit == .value(-1))
        #expect(view.resources.devices.value?.count == 1)
        #expect(view.restartPolicy.value?.name == .value("always"))
        #expect(view.restartPolicy.value?.maximumRetryCount == .absent)
    }
}
