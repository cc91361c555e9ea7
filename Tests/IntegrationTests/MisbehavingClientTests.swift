import Testing

/// Clients that do not speak TLS. Those that never finish a handshake — garbage bytes, a
/// half-sent record, silence — are cut off (garbage at once, the rest after
/// `--tls-handshake-timeout`), each cut is logged, and the server goes on serving good clients.
/// Plaintext HTTP gets a readable 400 instead of a bare close.
@Suite(.timeLimit(.minutes(2)))
struct MisbehavingClientTests {
    /// A raw-socket client and what the server must do with it.
    enum Misbehaviour: String, CaseIterable, Sendable {
        /// Bytes that are no TLS record at all: refused as soon as they arrive.
        case garbage
        /// The first 3 bytes of a TLS record header, then nothing.
        case partialRecord
        /// Connects and sends nothing.
        case silence

        var bytes: [UInt8] {
            switch self {
            case .garbage:
                return Array("\u{0}\u{1}\u{2}\u{3}this is not TLS at all\r\n".utf8) + (0..<64).map(UInt8.init)
            case .partialRecord: return [0x16, 0x03, 0x01]
            case .silence: return []
            }
        }

        /// A fragment of the refusal's log line.
        var loggedReason: String {
            switch self {
            case .garbage: return "reason=handshake failed"
            case .partialRecord, .silence: return "reason=handshake not completed within 1.0 s"
            }
        }

        /// Earliest acceptable close: a timeout must not fire early.
        var earliest: Double {
            switch self {
            case .garbage: return 0
            case .partialRecord, .silence: return 0.8
            }
        }
    }

    @Test("the server closes the connection, logs why, and keeps serving", arguments: Misbehaviour.allCases)
    func cutOff(_ misbehaviour: Misbehaviour) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer(handshakeTimeout: 1)

        let (result, outcome) = try await bed.pythonRawConnection(server, sending: misbehaviour.bytes, limit: 15)

        #expect(outcome.how != "timeout", "the server kept the connection open for 15 s:\n\(result)")
        // Generous for a slow CI machine; the point is "bounded", not "fast".
        #expect(
            outcome.seconds >= misbehaviour.earliest && outcome.seconds < 5,
            "closed after \(outcome.seconds) s:\n\(result)")
        let refusal = await server.waitForLogLine(containing: ["TLS handshake refused", misbehaviour.loggedReason])
        #expect(refusal != nil, "no refusal with \(misbehaviour.loggedReason) logged:\n\(server.log)")

        let good = try await bed.curl(server, client: alice)
        await expectThroughGate(good, client: alice, server: server)
        await server.stop()
    }

    @Test("a connection past --max-handshakes-per-address is closed at once and logged; the server keeps serving")
    func handshakesPerAddress() async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let alice = try await bed.issueClient("alice")
        let server = try await bed.startServer(
            handshakeTimeout: 6, extraArguments: ["--max-handshakes-per-address", "1"])

        // Two silent sockets from 127.0.0.1, the second a second later: whichever the server
        // accepts first holds the one place until its handshake times out; the other is closed
        // at once. (Which is which depends on how fast each python3 starts.)
        async let first = bed.pythonRawConnection(server, sending: [], limit: 15)
        try await Task.sleep(for: .seconds(1))
        async let second = bed.pythonRawConnection(server, sending: [], limit: 15)
        let outcomes = try await [first, second]

        let closedAtOnce = outcomes.filter { $0.outcome.how != "timeout" && $0.outcome.seconds < 3 }
        let heldUntilTimeout = outcomes.filter { $0.outcome.seconds > 4.5 }
        #expect(
            closedAtOnce.count == 1 && heldUntilTimeout.count == 1, "\(outcomes.map(\.result))")
        let line = await server.waitForLogLine(containing: [
            "closed a new connection before its TLS handshake", "(--max-handshakes-per-address)",
        ])
        #expect(line != nil, "no log line for the closed connection:\n\(server.log.suffixForMessage)")

        let good = try await bed.curl(server, client: alice)
        await expectThroughGate(good, client: alice, server: server)
        await server.stop()
    }

    @Test(
        "plaintext HTTP gets a readable 400, for each method a docker CLI may start with",
        arguments: ["GET", "HEAD", "POST", "PUT"])
    func plaintextHTTP(method: String) async throws {
        let bed = try await TestBed.make()
        defer { bed.cleanUp() }
        let server = try await bed.startServer()
        let request = "\(method) /_ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

        let (result, outcome) = try await bed.pythonRawConnection(server, sending: Array(request.utf8), limit: 15)

        #expect(outcome.how == "eof", "\(result)")
        #expect(outcome.received.hasPrefix("HTTP/1.0 400 Bad Request\r\n"), "\(result)")
        #expect(outcome.received.contains(plaintextHTTPAnswer), "\(result)")
        let refusal = await server.waitForLogLine(containing: [
            "TLS handshake refused", "reason=plaintext HTTP sent to the TLS port",
        ])
        #expect(refusal != nil, "no refusal logged:\n\(server.log)")
        await server.stop()
    }
}
