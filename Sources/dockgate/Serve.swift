import ArgumentParser
import Audit
import DockerAPI
import Foundation
import Logging
import MutualTLS
import NIOCore
import NIOPosix
import Policy
import Proxy
import ServiceLifecycle
import UnixSignals

/// `dockgate serve`: the flags are dockerd's own, so a dockerd `--tlsverify` command line
/// (or systemd unit) carries over unchanged.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gate: terminate mutual TLS and forward Docker Engine API calls to the daemon.",
        discussion: """
            Every client must present a certificate signed by --tlscacert; there is no way to \
            turn that off (--tlsverify and --tlsverify=true are accepted for compatibility with \
            dockerd command lines; --tlsverify=false is refused).
            SIGHUP, or a change to any of those files, reloads the certificates, key, CA bundle, \
            CRLs and policy; on failure the old ones stay. After a reload every open connection's \
            client certificate is checked again, and connections it no longer passes are closed. \
            SIGTERM or SIGINT stops accepting, gives requests in flight --shutdown-grace, closes \
            what is left, flushes the audit log and exits 0.
            """
    )

    @Option(
        help: """
            A YAML file of serve's flags by their long names (tlscacert: /etc/dockgate/ca.pem; lists \
            for repeatable ones); flags on the command line win. Read again on reload; a change to a \
            setting built at start-up (listeners, upstream, audit, limits, timeouts) is refused until a restart.
            """)
    var config: String?

    @Option(
        name: [.customShort("H"), .long],
        help:
            "Address to listen on (repeatable), tcp://ADDR:PORT; without a port, 2375 as with dockerd (default: tcp://0.0.0.0:2376)."
    )
    var host: [String] = [ListenAddress.defaultValue.description]

    /// dockerd's boolean flag: bare, or with `=true` / `=false` (Go's spellings).
    @Option(
        name: .customLong("tlsverify"), defaultAsFlag: "true", parsing: .next,
        help: "Accepted for dockerd compatibility, bare or =true; client certificates are always verified.")
    var tlsVerify: String? = nil

    @Option(name: .customLong("tlscacert"), help: "CA bundle (PEM file or directory) that signs client certificates.")
    var caPath = "/etc/dockgate/ca.pem"

    @Option(name: .customLong("tlscert"), help: "Server certificate chain (PEM, leaf first).")
    var certificatePath = "/etc/dockgate/server-cert.pem"

    @Option(name: .customLong("tlskey"), help: "Server private key (PEM).")
    var keyPath = "/etc/dockgate/server-key.pem"

    @Option(name: .customLong("tlskey-passphrase-file"), help: "File holding the passphrase of an encrypted --tlskey.")
    var keyPassphrasePath: String?

    @Option(name: .customLong("tlscrl"), help: "Certificate revocation list (PEM, repeatable).")
    var crlPaths: [String] = []

    @Option(
        help: "The Docker daemon's socket, unix:///PATH (a rootless dockerd's: unix://$XDG_RUNTIME_DIR/docker.sock).")
    var upstream: String = UpstreamAddress.defaultValue.description

    @Option(name: .customLong("tls-handshake-timeout"), help: "Seconds a client has to complete the TLS handshake.")
    var handshakeTimeoutSeconds: Double = 10

    @Option(help: "Policy file (YAML, see policy/README.md); without one, the built-in baseline profile.")
    var policy: String?

    @Option(
        help: """
            The profile requests are checked against, for a policy without teams and for teams that \
            name none: one of the policy file's or a built-in (privileged, baseline, restricted). \
            Default: the file's `profile:`, or baseline.
            """)
    var profile: String?

    @Option(
        name: .customLong("max-inspected-body"),
        help:
            "Largest JSON request body, in bytes, dockgate reads and checks; larger ones are refused (413). Default: the policy file's gate.maxInspectedBody, or 1 MiB."
    )
    var maximumInspectedBody: Int?

    @Option(
        name: .customLong("max-header-bytes"),
        help:
            "Largest request head (request line and headers), in bytes; a larger one is refused (431). At most 1 MiB."
    )
    var maximumHeaderBytes: Int = GateServer.defaultMaximumHeaderBytes

    @Option(
        name: .customLong("min-api-version"),
        help:
            "Requests for an older Engine API version (/vX.Y prefix) are refused. Default: the policy file's gate.minAPIVersion, or 1.24."
    )
    var minimumAPIVersion: String?

    @Option(
        name: .customLong("header-timeout"),
        help: "Seconds a client has from the first byte of a request to its complete head (slowloris).")
    var headerTimeoutSeconds: Double = 10

    @Option(
        name: .customLong("idle-timeout"),
        help:
            "Seconds a keep-alive connection may wait between requests (never applied to streams or hijacked sessions)."
    )
    var idleTimeoutSeconds: Double = 120

    @Option(name: .customLong("max-connections"), help: "Client connections held at once; more are answered 503.")
    var maximumConnections: Int = 4096

    @Option(
        name: .customLong("max-connections-per-client"),
        help: "Connections one client certificate may hold at once; more are answered 429.")
    var maximumConnectionsPerClient: Int = 256

    @Option(
        name: .customLong("max-handshakes-per-address"),
        help:
            "Connections from one IP address that may be in their TLS handshake at once; more are closed at once, before any TLS work."
    )
    var maximumHandshakesPerAddress: Int = 64

    @Option(
        name: .customLong("audit-log"),
        help:
            "Audit records (JSON lines, hash-chained) to this file, or - for standard output; repeatable. Default: standard output."
    )
    var auditLog: [String] = []

    @Flag(name: .customLong("audit-syslog"), help: "Also send audit records to the local syslog (RFC 5424, /dev/log).")
    var auditSyslog = false

    @Option(name: .customLong("audit-syslog-socket"), help: "The syslog socket for --audit-syslog.")
    var auditSyslogSocket: String = "/dev/log"

    @Option(
        name: .customLong("audit-fsync"),
        help: "every (default) or interval[=DURATION]: when audit files are synced to disk.")
    var auditFsync: String?

    @Option(name: .customLong("audit-max-size"), help: "Rotate an audit file at this size (100M default).")
    var auditMaxSize: String?

    @Option(name: .customLong("audit-keep"), help: "Rotated audit files kept: a number or all (default).")
    var auditKeep: String?

    @Option(
        name: .customLong("audit-failure"),
        help: "closed (default): refuse requests with 503 while the audit log cannot be written; open: keep serving.")
    var auditFailure: String = "closed"

    @Option(
        name: .customLong("metrics-addr"),
        help:
            "Plain-HTTP listener for /metrics (Prometheus), /healthz and /readyz, HOST:PORT (loopback by default), or none."
    )
    var metricsAddress: String = "127.0.0.1:9323"

    @Option(name: .customLong("shutdown-grace"), help: "Seconds in-flight requests get to finish after SIGTERM.")
    var shutdownGraceSeconds: Double = 15

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        try Self.checkTLSVerify(tlsVerify)
        for value in host { _ = try ListenAddress(parsing: value) }
        _ = try UpstreamAddress(parsing: upstream)
        guard handshakeTimeoutSeconds > 0 else { throw ValidationError("--tls-handshake-timeout must be positive") }
        if metricsAddress != "none" { _ = try Self.hostAndPort(metricsAddress) }
        guard auditFailure == "closed" || auditFailure == "open" else {
            throw ValidationError("--audit-failure must be closed or open, not \(auditFailure)")
        }
        _ = try auditConfiguration()
        guard maximumConnections > 0, maximumConnectionsPerClient > 0 else {
            throw ValidationError("--max-connections and --max-connections-per-client must be positive")
        }
        guard maximumHandshakesPerAddress > 0 else {
            throw ValidationError("--max-handshakes-per-address must be positive")
        }
        guard (1024...(1 << 20)).contains(maximumHeaderBytes) else {
            throw ValidationError("--max-header-bytes must be between 1024 and 1048576, not \(maximumHeaderBytes)")
        }
        guard headerTimeoutSeconds > 0 else { throw ValidationError("--header-timeout must be positive") }
        guard idleTimeoutSeconds > 0 else { throw ValidationError("--idle-timeout must be positive") }
        if let maximumInspectedBody, maximumInspectedBody <= 0 {
            throw ValidationError("--max-inspected-body must be positive")
        }
        if let minimumAPIVersion, APIVersion(minimumAPIVersion)?.components.count != 2 {
            throw ValidationError("--min-api-version \(minimumAPIVersion) is not an API version such as 1.24")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level \(logLevel) is not a log level")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "dockgate")
        let addresses = try host.map(ListenAddress.init(parsing:))
        let upstreamAddress = try UpstreamAddress(parsing: upstream)
        let tls: ReloadableTLSContext
        do {
            tls = try ReloadableTLSContext(configuration: tlsConfiguration)
        } catch {
            throw StartupError("cannot start: \(error)")
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let selection: PolicySelection
        do {
            selection = try PolicySelection.load(policyPath: policy, profileName: profile)
        } catch {
            throw StartupError("cannot start: \(error)")
        }
        let auditLog: AuditLog
        do {
            auditLog = try AuditLog(configuration: try auditConfiguration())
        } catch {
            throw StartupError("cannot start: audit: \(error)")
        }
        let trail = AuditTrail(log: auditLog, failOpen: auditFailure == "open")
        let teamState = TeamState()
        let gate = ReloadableGate(makeGate(selection, teams: teamState), policySHA256: selection.fileSHA256)
        let server = GateServer(
            group: group, tls: tls, upstream: upstreamAddress, gate: gate,
            headerTimeout: .nanoseconds(Int64(headerTimeoutSeconds * 1e9)),
            idleTimeout: .nanoseconds(Int64(idleTimeoutSeconds * 1e9)), maximumHeaderBytes: maximumHeaderBytes,
            limits: ConnectionLimits(
                maximumConnections: maximumConnections, maximumPerClient: maximumConnectionsPerClient,
                maximumHandshakesPerAddress: maximumHandshakesPerAddress),
            audit: trail, logger: logger)
        if let sha = selection.fileSHA256 { server.metrics.policyLoaded(sha.hex) }
        logger.notice("forwarding to the Docker daemon at \(upstreamAddress)")
        announce(selection, logger: logger)
        logger.notice(
            "audit records to \(auditSinksDescription); if they cannot be written, requests are \(auditFailure == "open" ? "served anyway (--audit-failure open)" : "refused with 503 (--audit-failure closed)")"
        )
        if !crlPaths.isEmpty { logger.info("checking client certificates against \(crlPaths.joined(separator: ", "))") }

        // The signals are delivered through Dispatch sources (below and in the service group);
        // with their default action still set, one arriving on a thread other than Dispatch's
        // own would end the process instead.
        for number in [SIGHUP, SIGTERM, SIGINT] { signal(number, SIG_IGN) }
        // Stopped in the reverse order: the gate drains first, the audit log closes last.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: AuditLogService(log: auditLog, logger: logger), serviceName: "audit log")
        ]
        if metricsAddress != "none" {
            services.append(
                .init(
                    service: MetricsService(
                        group: group, address: metricsAddress, server: server, auditLog: auditLog, logger: logger),
                    serviceName: "metrics"))
        }
        let reloader = ServeReloader(
            running: self, gate: gate, teams: teamState, tls: tls, metrics: server.metrics, logger: logger)
        services.append(
            .init(
                service: ReloadService(
                    hangups: await UnixSignalsSequence(trapping: .sighup), watched: { reloader.watchedPaths },
                    interval: .seconds(2), reload: reloader.reload),
                serviceName: "reload"))
        services.append(
            .init(
                service: GateService(
                    server: server, addresses: addresses, graceSeconds: shutdownGraceSeconds, logger: logger),
                serviceName: "gate"))
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // The drain has its grace period; closing and flushing the rest must not hang for ever.
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int64(shutdownGraceSeconds * 1000)) + .seconds(30)
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()
    }
}

extension Serve {
    /// The audit flags as a configuration; standard output when none names a sink.
    func auditConfiguration() throws -> AuditConfiguration {
        do throws(AuditConfigurationError) {
            return try AuditConfiguration(
                auditLog: auditLog.isEmpty && !auditSyslog ? ["-"] : auditLog,
                auditSyslog: auditSyslog ? auditSyslogSocket : nil, auditFsync: auditFsync, auditMaxSize: auditMaxSize,
                auditKeep: auditKeep)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    var auditSinksDescription: String {
        var sinks = (auditLog.isEmpty && !auditSyslog ? ["-"] : auditLog).map { $0 == "-" ? "standard output" : $0 }
        if auditSyslog { sinks.append("syslog \(auditSyslogSocket)") }
        return sinks.joined(separator: ", ")
    }

    /// The TLS flags as the context's configuration.
    var tlsConfiguration: ServerTLSConfiguration {
        ServerTLSConfiguration(
            caBundlePath: caPath, certificateChainPath: certificatePath, privateKeyPath: keyPath,
            privateKeyPassphrasePath: keyPassphrasePath, revocationListPaths: crlPaths,
            handshakeTimeout: .nanoseconds(Int64(handshakeTimeoutSeconds * 1e9)))
    }

    /// The gate for a policy, with the command line's limits over the file's.
    func makeGate(_ selection: PolicySelection, teams: TeamState) -> PolicyGate {
        let limits = selection.document.limits
        let minimum = minimumAPIVersion.flatMap(APIVersion.init) ?? limits.minimumAPIVersion
        return PolicyGate(
            policy: selection.document.choosing(selection.profile),
            router: RequestRouter(configuration: RoutingConfiguration(minimumAPIVersion: minimum)),
            inspectedBodyLimit: maximumInspectedBody ?? limits.maximumInspectedBody, teams: teams)
    }

    func announce(_ selection: PolicySelection, logger: Logger) {
        let source = policy.map { "policy \($0), " } ?? ""
        let teams = selection.document.choosing(selection.profile).teams
        let profiles = [selection.profile] + (teams?.map(\.profile) ?? [])
        for profile in profiles where profile.mode != .enforce {
            logger.warning(
                "ROLLOUT MODE: profile \(profile.name) is in \(profile.mode.rawValue) mode — its denials are NOT enforced, only \(profile.mode == .warn ? "warned about and " : "")audited"
            )
        }
        if let teams {
            guard !teams.isEmpty else {
                logger.warning("\(source)teams: none; every request will be refused (rule team-match)")
                return
            }
            let summary = teams.map { "\($0.name) (\($0.role.name), \($0.profile.name))" }.joined(separator: ", ")
            logger.notice("\(source)teams: \(summary); certificates matching no team are refused")
            return
        }
        if selection.profile.checks.isEmpty {
            // Say it where operators look: a valid certificate is then as good as docker.sock.
            logger.warning(
                "\(source)profile \(selection.profile.name): request bodies are not restricted; every client with a certificate from the CA can take over the host"
            )
        } else {
            logger.notice("checking every request against \(source)profile \(selection.profile.name)")
        }
    }

    /// `--tlsverify` as dockerd (Go's flag package) reads a boolean. Verification cannot be
    /// turned off, so a false value is refused rather than silently ignored: whoever wrote it
    /// expects a gate without client certificates.
    static func checkTLSVerify(_ value: String?) throws {
        guard let value, !["1", "t", "T", "TRUE", "true", "True"].contains(value) else { return }
        guard ["0", "f", "F", "FALSE", "false", "False"].contains(value) else {
            throw ValidationError("--tlsverify=\(value) is not true or false")
        }
        throw ValidationError(
            "--tlsverify=\(value): dockgate always verifies client certificates and cannot turn that off; drop the flag or use --tlsverify"
        )
    }

    /// `127.0.0.1:9323` → ("127.0.0.1", 9323); `[::1]:9323` too.
    static func hostAndPort(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw ValidationError("--metrics-addr \(text) is not HOST:PORT (or none)") }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--metrics-addr \(text) has no host") }
        return (host, port)
    }

    static func describe(_ address: SocketAddress) -> String {
        let ip = address.ipAddress ?? "?"
        return ip.contains(":") ? "[\(ip)]:\(address.port ?? 0)" : "\(ip):\(address.port ?? 0)"
    }
}

extension ListenAddress {
    init(socketAddress: SocketAddress) {
        self.init(host: socketAddress.ipAddress ?? "?", port: socketAddress.port ?? 0)
    }
}

/// A start-up failure, printed as `Error: <message>` with exit status 1.
struct StartupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
