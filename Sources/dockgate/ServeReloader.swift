import Foundation
import Logging
import MutualTLS
import Proxy

/// What SIGHUP or a changed file does: read the config file (if serve was started with one),
/// the policy and the certificates again, build everything new, and swap it all in at once;
/// on any problem nothing changes, the log says what and why, and the metrics count a failed
/// reload. Requests admitted before the swap keep the decision they got; swapping the TLS
/// context makes the gate check every open connection's client against the new CA bundle and
/// CRLs and close those no longer accepted (`ReloadableTLSContext.whenReplaced`).
///
/// Settings that belong to things already built (listeners, the daemon socket, audit sinks,
/// limits, timeouts) are not changed by a reload: a config file that changes them is refused
/// as a whole, naming them, until dockgate is restarted.
final class ServeReloader: @unchecked Sendable {
    private let lock = NSLock()
    /// The settings in force; guarded by `lock`.
    private var running: Serve
    private let gate: ReloadableGate
    private let teams: TeamState
    private let tls: ReloadableTLSContext
    private let metrics: GateMetrics
    private let logger: Logger

    init(
        running: Serve, gate: ReloadableGate, teams: TeamState, tls: ReloadableTLSContext, metrics: GateMetrics,
        logger: Logger
    ) {
        self.teams = teams
        self.running = running
        self.gate = gate
        self.tls = tls
        self.metrics = metrics
        self.logger = logger
    }

    /// The files whose change triggers a reload: the config file, the TLS files, the policy.
    var watchedPaths: [String] { lock.withLock { running.watchedPaths } }

    /// Called by one task at a time (`ReloadService`).
    func reload(_ reason: String) {
        logger.info("reloading: \(reason)")
        let current = lock.withLock { running }
        let next: Serve
        do {
            next = try current.rereadConfigFile()
        } catch {
            fail("config reload failed; keeping the running configuration", error)
            return
        }
        let fixed = current.restartOnlyChanges(to: next)
        guard fixed.isEmpty else {
            fail(
                "config reload refused; keeping the running configuration",
                "\(fixed.joined(separator: ", ")) change only when dockgate restarts")
            return
        }
        let selection: PolicySelection
        do {
            selection = try PolicySelection.load(policyPath: next.policy, profileName: next.profile)
        } catch {
            fail("policy reload failed; keeping the current policy and certificates", error)
            return
        }
        let tlsConfiguration = next.tlsConfiguration
        let context: TLSContext
        do {
            context = try TLSContext(server: tlsConfiguration)
        } catch {
            fail("TLS reload failed; keeping the previous certificates and policy", error)
            return
        }
        gate.replace(with: next.makeGate(selection, teams: teams), policySHA256: selection.fileSHA256)
        tls.replace(with: context, builtFrom: tlsConfiguration)
        lock.withLock { running = next }
        metrics.reload(succeeded: true, policySHA256: selection.fileSHA256?.hex)
        next.announce(selection, logger: logger)
        logger.notice(
            "reloaded TLS certificates and policy",
            metadata: ["certificate": "\(context.certificate?.description ?? "")"])
    }

    private func fail(_ message: Logger.Message, _ error: Any) {
        metrics.reload(succeeded: false, policySHA256: nil)
        logger.error(message, metadata: ["error": "\(error)"])
    }
}

extension Serve {
    /// Files a reload reads, in the order they are checked.
    var watchedPaths: [String] {
        [config].compactMap { $0 } + [caPath, certificatePath, keyPath] + crlPaths
            + [keyPassphrasePath, policy].compactMap { $0 }
    }

    /// The settings serve was started with, the config file read again; the same settings
    /// when it was started without one.
    func rereadConfigFile() throws -> Serve {
        guard config != nil else { return self }
        let arguments = try ServeConfigFile.expand(Array(CommandLine.arguments.dropFirst()))
        var fresh = try Serve.parse(Array(arguments.dropFirst()))
        try fresh.validate()
        fresh.config = config
        return fresh
    }

    /// The flags whose value differs in `other` but that only a restart applies.
    func restartOnlyChanges(to other: Serve) -> [String] {
        let mine = restartOnlySettings
        let theirs = other.restartOnlySettings
        return mine.indices.filter { mine[$0].value != theirs[$0].value }.map { "--" + mine[$0].flag }
    }

    /// Everything but the TLS files and the policy: what is built once, at start-up.
    private var restartOnlySettings: [(flag: String, value: String)] {
        [
            ("host", host.joined(separator: " ")), ("upstream", upstream),
            ("header-timeout", "\(headerTimeoutSeconds)"), ("idle-timeout", "\(idleTimeoutSeconds)"),
            ("max-header-bytes", "\(maximumHeaderBytes)"), ("max-connections", "\(maximumConnections)"),
            ("max-connections-per-client", "\(maximumConnectionsPerClient)"),
            ("max-handshakes-per-address", "\(maximumHandshakesPerAddress)"),
            ("audit-log", auditLog.joined(separator: " ")), ("audit-syslog", "\(auditSyslog)"),
            ("audit-syslog-socket", auditSyslogSocket), ("audit-fsync", auditFsync ?? ""),
            ("audit-max-size", auditMaxSize ?? ""), ("audit-keep", auditKeep ?? ""), ("audit-failure", auditFailure),
            ("metrics-addr", metricsAddress), ("shutdown-grace", "\(shutdownGraceSeconds)"), ("log-level", logLevel),
        ]
    }
}
