import Proxy
import Testing

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("tcp://0.0.0.0:2376", "0.0.0.0", 2376),
        ("tcp://127.0.0.1:0", "127.0.0.1", 0),
        ("tcp://:2376", "0.0.0.0", 2376),
        ("tcp://[::1]:2376", "::1", 2376),
        ("tcp://[::]:2376/", "::", 2376),
        ("TCP://localhost:2376", "localhost", 2376),
        ("127.0.0.1:2376", "127.0.0.1", 2376),
        // Without a port: 2375, as dockerd and the docker CLI read tcp://HOST, TLS or not.
        ("tcp://127.0.0.1", "127.0.0.1", 2375),
        ("tcp://docker.example.com", "docker.example.com", 2375),
        ("tcp://[::1]", "::1", 2375),
        ("tcp://127.0.0.1:", "127.0.0.1", 2375),
        ("tcp://", "0.0.0.0", 2375),
    ])
    func parses(value: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: value)
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test(arguments: [
        ("unix:///var/run/docker.sock", "dockgate listens only on tcp:// with mutual TLS"),
        ("fd://", "dockgate listens only on tcp:// with mutual TLS"),
        ("tcp://[::1]2376", "\"2376\" after the IPv6 address"),
        ("tcp://127.0.0.1:65536", "is not a number from 0 to 65535"),
        ("tcp://127.0.0.1:http", "is not a number from 0 to 65535"),
        ("tcp://::1:2376", "IPv6 addresses need brackets"),
        ("tcp://[::1:2376", "unterminated IPv6 address"),
        ("tcp://127.0.0.1:2376/docker", "a path is not allowed"),
    ])
    func refuses(value: String, message: String) {
        let error = #expect(throws: ListenAddress.ParseError.self) { try ListenAddress(parsing: value) }
        #expect(error.map { "\($0)" }?.contains(message) == true, "\(String(describing: error))")
        #expect(error.map { "\($0)" }?.hasPrefix("-H \(value)") == true)
    }

    @Test func printsInDockerdSyntax() {
        #expect(ListenAddress(host: "::1", port: 2376).description == "tcp://[::1]:2376")
        #expect(ListenAddress.defaultValue.description == "tcp://0.0.0.0:2376")
    }
}
