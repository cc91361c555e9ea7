import Audit
import Foundation
import MutualTLS
import NIOCore
import NIOHTTP1

/// Where the proxy writes its audit records, and what it does when it cannot.
public struct AuditTrail: Sendable {
    public let log: AuditLog
    /// `--audit-failure open`: keep serving while the log cannot be written. The default
    /// (false) refuses new requests with 503 until it can.
    public let failOpen: Bool

    public init(log: AuditLog, failOpen: Bool) {
        self.log = log
        self.failOpen = failOpen
    }

    /// The answer to a new request while the log is failing and the trail fails closed.
    var closedRefusal: GateRefusal? {
        guard !failOpen, !log.isHealthy else { return nil }
        return GateRefusal(
            status: .serviceUnavailable,
            message:
                "dockgate: the audit log cannot be written (\(log.health)); requests are refused until it can (rule audit.unavailable)",
            rule: "audit.unavailable")
    }
}

extension ProxyHandler {
    /// Sent with every response, and in the request's audit record.
    static let requestIDHeader = "X-Dockgate-Request-Id"

    /// One request's audit record as it fills in.
    final class RequestAudit {
        var record: AuditRecord
        let started = NIODeadline.now()
        let report = GateReport()
        var bytesIn = 0
        var bytesOut = 0
        var status: Int?
        /// The start of a create's answer (`{"Id":"…"}`), for the new object's id.
        var createAnswer: [UInt8] = []

        init(record: AuditRecord) {
            self.record = record
        }

        /// Keeps the first bytes of a successful create's answer (ids are short).
        func keepCreateAnswer(_ buffer: ByteBuffer) {
            guard status == 201, let endpoint = report.endpoint, endpoint.hasSuffix(".create"),
                createAnswer.count < 4096
            else { return }
            createAnswer += buffer.readableBytesView.prefix(4096 - createAnswer.count)
        }

        /// The id the daemon gave the object it created (`Id` or `ID`), if the answer says.
        var createdID: String? {
            guard !createAnswer.isEmpty,
                let object = try? JSONSerialization.jsonObject(with: Data(createAnswer)) as? [String: Any]
            else { return nil }
            return (object["Id"] ?? object["ID"]) as? String
        }
    }

    /// Starts the record of a request; `nil` when its head could not be read.
    func beginAudit(_ head: HTTPRequestHead?, context: ChannelHandlerContext) {
        var record = AuditRecord(event: .request)
        record.client = context.remoteAddress.map(Self.describe)
        record.identity = Self.auditIdentity(identity)
        if let head {
            record.method = head.method.rawValue
            record.path = String(head.uri.split(separator: "?", maxSplits: 1).first ?? "")
        }
        currentAudit = RequestAudit(record: record)
    }

    /// Completes and writes the current request's record (once).
    func finishAudit(
        _ decision: AuditDecision, status: Int?, refusal: GateRefusal? = nil, note: String? = nil,
        hijack: AuditHijackedSession? = nil
    ) {
        guard let audit = currentAudit else { return }
        currentAudit = nil
        write(audit, decision: decision, status: status, refusal: refusal, note: note, hijack: hijack)
    }

    func write(
        _ audit: RequestAudit, decision: AuditDecision, status: Int?, refusal: GateRefusal? = nil, note: String? = nil,
        hijack: AuditHijackedSession? = nil
    ) {
        let report = audit.report
        report.finish()
        let elapsed = Duration.nanoseconds((NIODeadline.now() - audit.started).nanoseconds)
        metrics?.request(
            family: report.endpoint.map { String($0.split(separator: ".").first ?? "") } ?? "none",
            decision: decision.rawValue, team: report.team ?? "", status: status,
            rule: (refusal ?? report.wouldBeDenied)?.rule, duration: hijack == nil ? elapsed : nil)
        guard let trail else { return }
        var record = audit.record
        record.identity.team = report.team
        record.identity.role = report.role
        record.identity.matchedSAN = report.matchedSAN
        if let path = report.path { record.path = path }
        record.apiVersion = report.apiVersion
        record.endpoint = report.endpoint
        record.objects = report.objects
        if let created = audit.createdID {
            record.objects["created"] = created
        }
        record.profile = report.profile
        record.bodySHA256 = report.bodySHA256
        record.policySHA256 = report.policySHA256 ?? gate.policySHA256
        record.decision = decision
        record.status = status
        let denial = refusal ?? report.wouldBeDenied
        record.rule = denial?.rule
        record.reason = denial?.message
        record.detail = denial?.detail
        record.bytesIn = audit.bytesIn
        record.bytesOut = audit.bytesOut
        record.duration = elapsed
        record.hijack = hijack
        record.note = [report.note, note].compactMap { $0 }.joined(separator: "; ").nilIfEmpty
        trail.log.record(record)
    }

    /// A refused handshake: no request, one record.
    func auditRefusedHandshake(_ refusal: TLSRefusal, context: ChannelHandlerContext) {
        guard let trail else { return }
        var record = AuditRecord(event: .handshake)
        record.client = context.remoteAddress.map(Self.describe)
        record.identity = AuditIdentity(
            subject: refusal.subject, serial: refusal.serial, fingerprint: refusal.fingerprint)
        record.decision = .deny
        record.rule = "tls.\(refusal.kind)"
        record.reason = refusal.reason
        record.policySHA256 = gate.policySHA256
        trail.log.record(record)
    }

    static func auditIdentity(_ peer: PeerIdentity?) -> AuditIdentity {
        guard let peer else { return AuditIdentity() }
        return AuditIdentity(
            subject: peer.subject.rfc2253, serial: peer.serialNumber, fingerprint: peer.sha256Fingerprint)
    }

    /// `127.0.0.1:51234`, `[::1]:51234`.
    static func describe(_ address: SocketAddress) -> String {
        guard let ip = address.ipAddress, let port = address.port else { return "\(address)" }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    /// The request id header on a response head, and a `warn` profile's `Warning`.
    func stampRequestID(_ headers: inout HTTPHeaders) {
        if let id = currentAudit?.record.id { headers.replaceOrAdd(name: Self.requestIDHeader, value: id) }
        if let warning = currentAudit?.report.warning {
            headers.add(name: "Warning", value: "299 dockgate \(JSONString.quote(warning))")
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
