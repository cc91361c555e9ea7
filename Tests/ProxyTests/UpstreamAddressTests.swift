import Proxy
import Testing

@Suite struct UpstreamAddressTests {
    @Test(arguments: [
        ("unix:///var/run/docker.sock", "/var/run/docker.sock"),
        ("UNIX:///tmp/d.sock", "/tmp/d.sock"),
        ("/run/user/1000/docker.sock", "/run/user/1000/docker.sock"),
    ])
    func parses(value: String, path: String) throws {
        let address = try UpstreamAddress(parsing: value)
        #expect(address.socketPath == path)
        #expect(address.description == "unix://\(path)")
    }

    @Test(arguments: [
        ("tcp://127.0.0.1:2375", "dockgate forwards only to the daemon's local Unix socket"),
        ("https://docker.example:2376", "dockgate forwards only to the daemon's local Unix socket"),
        ("npipe:////./pipe/docker_engine", "npipe:// is not supported"),
        ("unix://relative.sock", "the socket path must be absolute"),
        ("docker.sock", "expected unix:///PATH"),
    ])
    func refuses(value: String, message: String) {
        let error = #expect(throws: UpstreamAddress.ParseError.self) { try UpstreamAddress(parsing: value) }
        #expect(error?.description.hasPrefix("--upstream \(value): ") == true)
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test func defaultsToTheLocalDockerSocket() {
        #expect(UpstreamAddress.defaultValue.description == "unix:///var/run/docker.sock")
    }
}
