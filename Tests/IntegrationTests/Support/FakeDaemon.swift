import Foundation
import TestSupport

/// A stand-in for dockerd on a Unix socket in the test's directory, so these TLS tests see a
/// request come out of the gate without depending on a real daemon (the docker CLI tests
/// cover that). Every request gets `200` and a JSON echo of what arrived, and is listed on its
/// standard output as `request METHOD TARGET`.
///
/// Started by `TestBed.startServer`, one per bed; `cleanUp()` kills it.
struct FakeDaemon: Sendable {
    let socketPath: String
    let process: ChildProcess

    /// What the fake daemon answers: the request as it arrived from dockgate.
    struct Echo: Decodable, Equatable, Sendable {
        let daemon: String
        let method: String
        let path: String
    }

    /// The echo in `body` if it is one, i.e. if the request went through the gate to the daemon.
    /// `METHOD TARGET` of every request that reached the daemon so far.
    var requests: [String] {
        process.standardOutput.split(separator: "\n").compactMap { line in
            line.hasPrefix("request ") ? String(line.dropFirst("request ".count)) : nil
        }
    }

    static func echo(in body: String?) -> Echo? {
        guard let body else { return nil }
        return try? JSONDecoder().decode(Echo.self, from: Data(body.utf8))
    }

    /// argv: socket path. Prints `ready` once listening.
    static let script = #"""
        import json, socketserver, sys
        from http.server import BaseHTTPRequestHandler

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self):
                print("request %s %s" % (self.command, self.path), flush=True)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                payload = json.dumps({
                    "daemon": "fake", "method": self.command, "path": self.path,
                    "headers": {name.lower(): value for name, value in self.headers.items()},
                    "bodyLength": len(body),
                }).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Api-Version", "1.41")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = answer

            def address_string(self):
                return "dockgate"

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True

        server = Server(sys.argv[1], Handler)
        print("ready", flush=True)
        server.serve_forever()
        """#
}

extension TestBed {
    /// Starts the fake daemon on `daemon.sock` and waits (at most 60 s, for a loaded CI machine) until it listens.
    func startFakeDaemon() async throws -> FakeDaemon {
        let socketPath = path("daemon.sock")
        let child = try start(try Executables.python3(), ["-c", FakeDaemon.script, socketPath])
        let ready = await child.waitForOutput(timeout: .seconds(60)) { stdout, _ in stdout.contains("ready") }
        guard ready else {
            child.kill()
            throw HarnessError("the fake Docker daemon did not start:\n\(child.result(child.termination))")
        }
        return FakeDaemon(socketPath: socketPath, process: child)
    }
}
