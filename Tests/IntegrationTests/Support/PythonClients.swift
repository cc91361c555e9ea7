import Foundation
import TestSupport

/// Python's `ssl` module as a peer: a different TLS client code path than curl and s_client
/// (its own context defaults, explicit session objects). Each script prints one JSON object
/// per connection; the lower-level peers are in `PythonRawClients.swift`.
enum PythonClients {
    /// One connection made by `httpsScript`.
    struct Connection: Decodable, Sendable {
        var version: String?
        var reused: Bool?
        var alpn: String?
        var status: Int?
        var body: String?
        /// Set when the handshake or the request failed: `SSLError: ...`.
        var error: String?
    }

    /// One connection, with the script's whole output for failure messages.
    struct Answer: PeerAnswer {
        let connection: Connection
        let result: CommandResult
        var httpStatus: Int? { connection.status }
        var httpBody: String? { connection.body }
        var details: String { result.description }
    }

    /// argv: port cafile certfile keyfile tls-version connections. Each connection offers the
    /// session of the previous successful one, so the second shows whether resumption works.
    static let httpsScript = #"""
        import json, socket, ssl, sys
        port, cafile, certfile, keyfile, version, count = sys.argv[1:7]
        ctx = ssl.create_default_context(cafile=cafile)
        if certfile:
            ctx.load_cert_chain(certfile, keyfile)
        tls = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}[version]
        ctx.minimum_version = tls
        ctx.maximum_version = tls
        ctx.set_alpn_protocols(["http/1.1"])
        session = None
        for _ in range(int(count)):
            result = {}
            try:
                with socket.create_connection(("127.0.0.1", int(port)), timeout=10) as raw:
                    with ctx.wrap_socket(raw, server_hostname="localhost", session=session) as s:
                        result.update(version=s.version(), reused=s.session_reused, alpn=s.selected_alpn_protocol())
                        s.sendall(b"GET /_ping HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        data = b""
                        while b"\r\n\r\n" not in data:
                            chunk = s.recv(65536)
                            if not chunk:
                                raise ConnectionError("connection closed before a response head: %r" % data)
                            data += chunk
                        head, _, body = data.partition(b"\r\n\r\n")
                        lines = head.decode("latin-1").split("\r\n")
                        headers = {}
                        for line in lines[1:]:
                            name, _, value = line.partition(":")
                            headers[name.strip().lower()] = value.strip()
                        def more():
                            chunk = s.recv(65536)
                            if not chunk:
                                raise ConnectionError("connection closed mid-body: %r" % data)
                            return chunk
                        if headers.get("transfer-encoding", "").lower() == "chunked":
                            raw_body, body = body, b""
                            while True:
                                while b"\r\n" not in raw_body:
                                    raw_body += more()
                                size_line, _, raw_body = raw_body.partition(b"\r\n")
                                size = int(size_line.split(b";")[0], 16)
                                while len(raw_body) < size + 2:
                                    raw_body += more()
                                if size == 0:
                                    break
                                body += raw_body[:size]
                                raw_body = raw_body[size + 2:]
                        else:
                            length = int(headers.get("content-length", "0"))
                            while len(body) < length:
                                body += more()
                        result.update(status=int(lines[0].split()[1]), body=body.decode())
                        session = s.session
            except (ssl.SSLError, OSError) as error:
                result["error"] = "%s: %s" % (type(error).__name__, error)
            print(json.dumps(result), flush=True)
        """#

}

extension TestBed {
    /// Runs `PythonClients.httpsScript`: `connections` connections, each a full HTTPS request.
    func pythonHTTPS(
        _ server: DockgateServer, client: ClientFiles?, tlsVersion: String, connections count: Int = 1
    ) async throws -> [PythonClients.Answer] {
        let result = try await run(
            try Executables.python3(),
            [
                "-c", PythonClients.httpsScript, "\(server.port)", pki.caCertificate, client?.certificate ?? "",
                client?.key ?? "", tlsVersion, "\(count)",
            ])
        let connections: [PythonClients.Connection] = try decodeLines(result)
        guard connections.count == count else {
            throw HarnessError("expected \(count) connections from the Python client:\n\(result)")
        }
        return connections.map { PythonClients.Answer(connection: $0, result: result) }
    }

    /// One JSON object per line of the script's stdout; throws, with the output, if python3 failed.
    func decodeLines<T: Decodable>(_ result: CommandResult, as type: T.Type = T.self) throws -> [T] {
        guard result.status == 0 else { throw HarnessError("python3 failed:\n\(result)") }
        return try result.standardOutput.split(separator: "\n").map { line in
            do {
                return try JSONDecoder().decode(T.self, from: Data(line.utf8))
            } catch {
                throw HarnessError("cannot decode \(line) (\(error)):\n\(result)")
            }
        }
    }
}
