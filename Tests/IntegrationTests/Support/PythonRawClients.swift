import Foundation
import TestSupport

/// Python peers below the HTTPS client: a raw socket for clients that never finish a
/// handshake (or speak plaintext), and a memory-BIO TLS client that half-closes.
extension PythonClients {
    /// argv: port cafile certfile keyfile tls-version. Sends one request, then TLS close_notify
    /// *without* a TCP FIN (what `docker exec -i` does when stdin ends), and reads until the
    /// server's own close_notify. Prints {"received": text, "closeNotify": bool} or {"error": ...}.
    static let halfCloseScript = #"""
        import json, socket, ssl, sys
        port, cafile, certfile, keyfile, version = sys.argv[1:6]
        ctx = ssl.create_default_context(cafile=cafile)
        ctx.load_cert_chain(certfile, keyfile)
        tls = {"1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}[version]
        ctx.minimum_version = tls
        ctx.maximum_version = tls
        result = {"received": "", "closeNotify": False}
        try:
            sock = socket.create_connection(("127.0.0.1", int(port)), timeout=10)
            incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
            tls = ctx.wrap_bio(incoming, outgoing, server_hostname="localhost")
            def flush():
                data = outgoing.read()
                if data:
                    sock.sendall(data)
            def pump():
                data = sock.recv(65536)
                if data:
                    incoming.write(data)
                else:
                    incoming.write_eof()
                return bool(data)
            while True:
                try:
                    tls.do_handshake()
                    flush()
                    break
                except ssl.SSLWantReadError:
                    flush()
                    if not pump():
                        raise ConnectionError("closed during the handshake")
            tls.write(b"GET /_ping HTTP/1.1\r\nHost: localhost\r\n\r\n")
            try:
                tls.unwrap()
            except ssl.SSLWantReadError:
                pass
            flush()
            received = b""
            while True:
                try:
                    chunk = tls.read(65536)
                    if not chunk:
                        break
                    received += chunk
                except ssl.SSLWantReadError:
                    if not pump():
                        break
                except ssl.SSLZeroReturnError:
                    result["closeNotify"] = True
                    break
            result["received"] = received.decode("utf-8", "replace")
        except (ssl.SSLError, OSError) as error:
            result["error"] = "%s: %s" % (type(error).__name__, error)
        print(json.dumps(result), flush=True)
        """#

    struct HalfCloseOutcome: Decodable, Sendable {
        var received: String
        var closeNotify: Bool
        var error: String?
    }

    /// What `rawScript` saw after sending its bytes.
    struct RawOutcome: Decodable, Sendable {
        /// `eof` (FIN), `reset` (RST) or `timeout` (still open after the script's own limit).
        var how: String
        /// Seconds from sending the bytes until the server closed.
        var seconds: Double
        /// What the server sent back, as text (invalid UTF-8 replaced).
        var received: String
    }

    /// argv: port hex-bytes limit-seconds. Connects, sends the bytes (none: just stalls), and
    /// measures how long the server keeps the connection open.
    static let rawScript = #"""
        import json, socket, sys, time
        port, payload, limit = int(sys.argv[1]), bytes.fromhex(sys.argv[2]), float(sys.argv[3])
        s = socket.create_connection(("127.0.0.1", port), timeout=limit)
        start = time.monotonic()
        if payload:
            s.sendall(payload)
        received, how = b"", "timeout"
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    how = "eof"
                    break
                received += chunk
        except ConnectionResetError:
            how = "reset"
        except socket.timeout:
            how = "timeout"
        print(json.dumps({"how": how, "seconds": time.monotonic() - start,
                          "received": received.decode("utf-8", "replace")}), flush=True)
        """#
}

extension TestBed {
    /// Runs `PythonClients.rawScript`: sends `bytes` and waits at most `limit` seconds for the close.
    func pythonRawConnection(_ server: DockgateServer, sending bytes: [UInt8], limit: Double = 15) async throws
        -> (result: CommandResult, outcome: PythonClients.RawOutcome)
    {
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let result = try await run(
            try Executables.python3(), ["-c", PythonClients.rawScript, "\(server.port)", hex, "\(limit)"],
            timeout: .seconds(limit + 15))
        guard let outcome = try decodeLines(result, as: PythonClients.RawOutcome.self).first else {
            throw HarnessError("the raw-socket script printed no result:\n\(result)")
        }
        return (result, outcome)
    }

    /// Runs `PythonClients.halfCloseScript` with `client`'s certificate.
    func pythonHalfClose(_ server: DockgateServer, client: ClientFiles, tlsVersion: String) async throws
        -> (result: CommandResult, outcome: PythonClients.HalfCloseOutcome)
    {
        let result = try await run(
            try Executables.python3(),
            [
                "-c", PythonClients.halfCloseScript, "\(server.port)", pki.caCertificate, client.certificate,
                client.key,
                tlsVersion,
            ])
        guard let outcome = try decodeLines(result, as: PythonClients.HalfCloseOutcome.self).first else {
            throw HarnessError("the half-close script printed no result:\n\(result)")
        }
        return (result, outcome)
    }
}

extension PythonClients {
    /// argv: port cafile certfile keyfile payload-file. Sends the file's bytes over mutual TLS exactly as
    /// given (no HTTP library in between), then reads until the server closes or stays silent
    /// for 5 s. Prints {"received": text} or {"error": ...}.
    static let tlsRawScript = #"""
        import json, socket, ssl, sys
        port, cafile, certfile, keyfile, payload_file = sys.argv[1:6]
        with open(payload_file, "rb") as f:
            payload = f.read()
        ctx = ssl.create_default_context(cafile=cafile)
        ctx.load_cert_chain(certfile, keyfile)
        result = {"received": ""}
        received = b""
        try:
            with socket.create_connection(("127.0.0.1", int(port)), timeout=5) as raw:
                with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
                    tls.sendall(payload)
                    while True:
                        chunk = tls.recv(65536)
                        if not chunk:
                            break
                        received += chunk
        except socket.timeout:
            pass
        except (ssl.SSLError, OSError) as error:
            result["error"] = "%s: %s" % (type(error).__name__, error)
        result["received"] = received.decode("utf-8", "replace")
        print(json.dumps(result), flush=True)
        """#

    struct TLSRawOutcome: Decodable, Sendable {
        var received: String
        var error: String?
    }
}

extension TestBed {
    /// Runs `PythonClients.tlsRawScript` with `client`'s certificate.
    func pythonTLSRaw(_ server: DockgateServer, client: ClientFiles, sending bytes: [UInt8]) async throws
        -> (result: CommandResult, outcome: PythonClients.TLSRawOutcome)
    {
        let payload = path("payload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: payload, contents: Data(bytes)) else {
            throw HarnessError("cannot write \(payload)")
        }
        let result = try await run(
            try Executables.python3(),
            [
                "-c", PythonClients.tlsRawScript, "\(server.port)", pki.caCertificate, client.certificate, client.key,
                payload,
            ],
            timeout: .seconds(30))
        guard let outcome = try decodeLines(result, as: PythonClients.TLSRawOutcome.self).first else {
            throw HarnessError("the raw TLS script printed no result:\n\(result)")
        }
        return (result, outcome)
    }
}
