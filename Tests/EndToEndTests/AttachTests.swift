import TestSupport
import Testing

/// `docker attach` to a running container: its later output arrives, and the container's end
/// ends the attach.
@Suite("docker attach")
struct AttachTests {
    /// The container stays quiet for a second, then ticks until a file appears; attach must
    /// show the ticks, and the final line once `docker exec` makes the file.
    @Test("attach shows output written after attaching, and exits with the container", arguments: DockerCLI.available)
    func attach(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.runDetached(
                "attach",
                [testImage, "sh", "-c", "sleep 1; while [ ! -e /tmp/stop ]; do echo tick; sleep 0.2; done; echo bye"])
            let attach = try s.startDocker(["attach", name])
            let ticked = await attach.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("tick\n") }
            #expect(ticked, "nothing arrived through attach:\n\(attach.result(attach.termination))")
            try await s.dockerSucceeds(["exec", name, "touch", "/tmp/stop"])
            let termination = await attach.waitForExit(timeout: .seconds(20))
            #expect(termination == .exited(0), "\(attach.result(termination))")
            #expect(attach.standardOutput.hasSuffix("tick\nbye\n"), "\(attach.result(termination))")
        }
    }

    /// The CLI watches the terminal for the detach keys and, on ctrl-p ctrl-q, ends its
    /// session while the container keeps running.
    @Test("attach to a terminal, type, detach with ctrl-p ctrl-q", arguments: DockerCLI.available)
    func detachKeys(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.runDetached("detach", ["-it", testImage, "sh"])
            let terminal = try s.startDockerInTerminal(["attach", name])
            // The shell printed its prompt before the attach; the command's output proves the
            // keystrokes go in and the output comes out.
            terminal.send("echo mark$((6*7))\n")
            let answered = await terminal.waitForOutput(timeout: .seconds(20)) { stdout, _ in stdout.contains("mark42")
            }
            #expect(answered, "no command output:\n\(terminal.result(terminal.termination))")
            terminal.send("\u{10}\u{11}")
            let termination = await terminal.waitForExit(timeout: .seconds(20))
            terminal.closeInput()
            // The CLI ends a detach with status 1 and this line, against dockerd directly too.
            #expect(termination == .exited(1), "\(terminal.result(termination))")
            #expect(terminal.standardOutput.contains("read escape sequence"), "\(terminal.result(termination))")
            let running = try await s.dockerSucceeds(["inspect", "-f", "{{.State.Running}}", name])
            #expect(running.standardOutput == "true\n", "detaching stopped the container:\n\(running)")
        }
    }

    /// `GET /containers/{id}/attach/ws`: the WebSocket flavour of attach (no docker CLI uses
    /// it; browsers and some tools do). A Python client over mTLS sends stdin as a masked
    /// binary frame; `cat` sends it back in the daemon's frames.
    @Test("attach over a WebSocket: stdin in a frame, its echo out", arguments: DockerCLI.available.prefix(1))
    func webSocket(cli: DockerCLI) async throws {
        try await Scenario.run(cli) { s in
            let name = try await s.runDetached("ws", ["-i", testImage, "cat"])
            let python = try Programs.tool("python3", package: "python3")
            let client = try await s.run(
                python, ["-c", Self.webSocketClient, "localhost", "\(s.gate.port)", s.setup.clientCertificates, name],
                timeout: .seconds(30))
            #expect(client.standardOutput == "HTTP/1.1 101 Switching Protocols\nechoed\n", "\(client)")
        }
    }

    static let webSocketClient = """
        import base64, os, socket, ssl, sys, time
        host, port, certificates, name = sys.argv[1:]
        context = ssl.create_default_context(cafile=certificates + "/ca.pem")
        context.load_cert_chain(certificates + "/cert.pem", certificates + "/key.pem")
        connection = context.wrap_socket(socket.create_connection((host, int(port))), server_hostname=host)
        key = base64.b64encode(os.urandom(16)).decode()
        connection.sendall((
            f"GET /v1.41/containers/{name}/attach/ws?stream=1&stdin=1&stdout=1 HTTP/1.1\\r\\nHost: {host}\\r\\n"
            f"Connection: Upgrade\\r\\nUpgrade: websocket\\r\\nSec-WebSocket-Version: 13\\r\\n"
            f"Sec-WebSocket-Key: {key}\\r\\nOrigin: http://{host}\\r\\n\\r\\n").encode())
        received = b""
        while b"\\r\\n\\r\\n" not in received:
            chunk = connection.recv(4096)
            if not chunk:
                break
            received += chunk
        head, _, received = received.partition(b"\\r\\n\\r\\n")
        print(head.split(b"\\r\\n")[0].decode())
        payload, mask = b"hi over a websocket\\n", os.urandom(4)
        connection.sendall(bytes([0x82, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
        deadline = time.time() + 20
        while b"hi over a websocket" not in received and time.time() < deadline:
            connection.settimeout(max(0.1, deadline - time.time()))
            chunk = connection.recv(4096)
            if not chunk:
                break
            received += chunk
        print("echoed" if b"hi over a websocket" in received else "not echoed: %r" % received)
        """
}
