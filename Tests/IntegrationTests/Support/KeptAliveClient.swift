import Foundation
import TestSupport

/// One mutual-TLS connection held open between requests, as the docker CLI keeps its
/// keep-alive connections and as `docker logs -f` or `exec -i` hold theirs: a Python client
/// driven line by line on stdin. `request` sends `GET /_ping` on the same connection;
/// `wait-close SECONDS` waits for the server to end the connection. Each prints one JSON line.
struct KeptAliveClient {
    let process: ChildProcess

    /// What the client printed for one command.
    struct Event: Decodable, Sendable {
        /// `connected`, `response`, `closed` (by the server), `open` (still, after the wait) or `error`.
        var event: String
        var status: Int?
        /// For `closed`: true when the server sent TLS close_notify before closing the socket.
        var closeNotify: Bool?
        var error: String?
    }

    /// argv: port cafile certfile keyfile.
    static let script = #"""
        import json, socket, ssl, sys, time
        port, cafile, certfile, keyfile = sys.argv[1:5]
        def say(**fields):
            print(json.dumps(fields), flush=True)
        ctx = ssl.create_default_context(cafile=cafile)
        ctx.load_cert_chain(certfile, keyfile)
        raw = socket.create_connection(("127.0.0.1", int(port)), timeout=10)
        # A TCP close without close_notify raises SSLEOFError instead of reading as b"".
        s = ctx.wrap_socket(raw, server_hostname="localhost", suppress_ragged_eofs=False)
        say(event="connected")
        def request():
            s.sendall(b"GET /_ping HTTP/1.1\r\nHost: localhost\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    raise ConnectionError("closed before a whole response: %r" % data)
                data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                if not _:
                    continue
                lines = head.decode("latin-1").split("\r\n")
                fields = dict((k.strip().lower(), v.strip()) for k, _, v in (l.partition(":") for l in lines[1:]))
                if "content-length" in fields and len(body) >= int(fields["content-length"]):
                    return int(lines[0].split()[1])
                if fields.get("transfer-encoding") == "chunked" and body.endswith(b"0\r\n\r\n"):
                    return int(lines[0].split()[1])
        for line in sys.stdin:
            command = line.split()
            try:
                if command[0] == "request":
                    say(event="response", status=request())
                elif command[0] == "wait-close":
                    s.settimeout(float(command[1]))
                    try:
                        data = s.recv(65536)
                        say(event="closed", closeNotify=True) if not data else say(event="error", error="data: %r" % data)
                    except ssl.SSLEOFError:
                        say(event="closed", closeNotify=False)
                    except (socket.timeout, TimeoutError):
                        say(event="open")
            except (ssl.SSLError, OSError) as error:
                say(event="error", error="%s: %s" % (type(error).__name__, error))
        """#

    /// Sends `command` and waits (at most `timeout`) for the line it prints.
    func run(_ command: String, timeout: Duration = .seconds(20)) async throws -> Event {
        let before = events.count
        process.send(command + "\n")
        _ = await process.waitForOutput(timeout: timeout) { stdout, _ in Self.events(in: stdout).count > before }
        guard let event = events.dropFirst(before).first else {
            throw HarnessError(
                "the kept-alive client printed nothing for `\(command)`:\n\(process.result(process.termination))")
        }
        return event
    }

    private var events: [Event] { Self.events(in: process.standardOutput) }

    private static func events(in output: String) -> [Event] {
        output.split(separator: "\n").compactMap { try? JSONDecoder().decode(Event.self, from: Data($0.utf8)) }
    }
}

extension TestBed {
    /// Connects a `KeptAliveClient` with `client`'s certificate and waits for the handshake.
    func keptAliveClient(_ server: DockgateServer, client: ClientFiles) async throws -> KeptAliveClient {
        let child = try start(
            try Executables.python3(),
            ["-c", KeptAliveClient.script, "\(server.port)", pki.caCertificate, client.certificate, client.key],
            input: .pipe)
        let connected = await child.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("connected") }
        guard connected else {
            throw HarnessError("the kept-alive client did not connect:\n\(child.result(child.termination))")
        }
        return KeptAliveClient(process: child)
    }
}
