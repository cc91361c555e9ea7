import Foundation
import TestSupport

/// A stand-in for the daemon's socket that a test can take away the way a stopping dockerd
/// does: a python3 relay listening on `path` and forwarding each connection to the real socket.
///
/// `stop()` kills it, which closes every connection it carries at once (what a daemon's exit
/// does to dockgate's pooled keep-alive connections), then removes the socket file (what a
/// clean dockerd shutdown leaves).
struct SocketRelay {
    let process: ChildProcess
    let path: String

    static func start(at path: String, forwardingTo target: String, in scenario: Scenario) async throws -> SocketRelay {
        let script = scenario.path("relay.py")
        if !FileManager.default.fileExists(atPath: script) { try scenario.write(source, to: "relay.py") }
        let python = try Programs.tool("python3", package: "python3")
        let process = try scenario.start(python, [script, path, target])
        guard await process.waitForOutput(timeout: .seconds(20), until: { stdout, _ in stdout.contains("relaying\n") })
        else {
            let termination = process.termination
            process.kill()
            throw HarnessError("the socket relay did not start:\n\(process.result(termination))")
        }
        return SocketRelay(process: process, path: path)
    }

    func stop() {
        process.kill()
        try? FileManager.default.removeItem(atPath: path)
    }

    private static let source = """
        import socket, sys, threading

        listen_path, target_path = sys.argv[1], sys.argv[2]

        def pump(source, sink):
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    sink.sendall(data)
                sink.shutdown(socket.SHUT_WR)
            except OSError:
                pass

        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(listen_path)
        server.listen(64)
        print("relaying", flush=True)
        while True:
            client, _ = server.accept()
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                upstream.connect(target_path)
            except OSError:
                client.close()
                continue
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=pump, args=(a, b), daemon=True).start()

        """
}
