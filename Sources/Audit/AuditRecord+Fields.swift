/// Between a record and its fields: what each field holds (for the writer) and how a field's
/// value is put back (for the reader). The only place that knows both names and properties.
extension AuditRecord {
    /// The value written for `field`, nil when the field is omitted. `prev` is not the
    /// record's: the writer adds it.
    func value(of field: AuditField) -> AuditValue? {
        switch field {
        case .version: .integer(AuditField.formatVersion)
        case .time: .string(time.rfc3339)
        case .id: .string(id)
        case .event: .string(event.rawValue)
        case .client: client.map(AuditValue.string)
        case .subject: identity.subject.map(AuditValue.string)
        case .team: identity.team.map(AuditValue.string)
        case .role: identity.role.map(AuditValue.string)
        case .serial: identity.serial.map(AuditValue.string)
        case .fingerprint: identity.fingerprint.map(AuditValue.string)
        case .san: identity.matchedSAN.map(AuditValue.string)
        case .method: method.map(AuditValue.string)
        case .path: path.map(AuditValue.string)
        case .apiVersion: apiVersion.map(AuditValue.string)
        case .endpoint: endpoint.map(AuditValue.string)
        case .objects:
            objects.isEmpty
                ? nil
                : .map(objects.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) })
        case .decision: decision.map { .string($0.rawValue) }
        case .rule: rule.map(AuditValue.string)
        case .reason: reason.map(AuditValue.string)
        case .detail: detail.map(AuditValue.string)
        case .profile: profile.map(AuditValue.string)
        case .status: status.map(AuditValue.integer)
        case .bytesIn: bytesIn.map(AuditValue.integer)
        case .bytesOut: bytesOut.map(AuditValue.integer)
        case .durationMicroseconds: duration.map { .integer($0.wholeMicroseconds) }
        case .hijackDurationMicroseconds: hijack.map { .integer($0.duration.wholeMicroseconds) }
        case .hijackBytesIn: hijack.map { .integer($0.bytesIn) }
        case .hijackBytesOut: hijack.map { .integer($0.bytesOut) }
        case .bodySHA256: bodySHA256.map { .string($0.hex) }
        case .policySHA256: policySHA256.map { .string($0.hex) }
        case .note: note.map(AuditValue.string)
        case .prev: nil
        }
    }

    /// A record from the fields of a line (without `prev`), which must hold every required
    /// field; the reader has checked names, order and JSON types already.
    init(fields: [AuditField: AuditValue]) throws(AuditLineProblem) {
        func string(_ field: AuditField) throws(AuditLineProblem) -> String? {
            switch fields[field] {
            case nil: return nil
            case .string(let text): return text
            case .some(let other): throw .wrongType(field, expected: "a string", found: other.typeName)
            }
        }
        func integer(_ field: AuditField) throws(AuditLineProblem) -> Int? {
            switch fields[field] {
            case nil: return nil
            case .integer(let number): return number
            case .some(let other): throw .wrongType(field, expected: "an integer", found: other.typeName)
            }
        }
        func digest(_ field: AuditField) throws(AuditLineProblem) -> AuditSHA256? {
            guard let text = try string(field) else { return nil }
            guard let digest = AuditSHA256(hex: text), digest.hex == text else {
                throw .badValue(field, "must be 64 lowercase hex digits")
            }
            return digest
        }

        guard try integer(.version) == AuditField.formatVersion else {
            throw .badValue(.version, "must be \(AuditField.formatVersion), the format this dockgate reads")
        }
        guard let timeText = try string(.time), let time = AuditTimestamp(rfc3339: timeText) else {
            throw .badValue(.time, "must be RFC 3339 UTC with six fractional digits, e.g. 2026-05-01T12:34:56.123456Z")
        }
        guard let eventText = try string(.event), let event = AuditEvent(rawValue: eventText) else {
            throw .badValue(.event, "must be one of \(AuditEvent.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(event: event, id: try string(.id) ?? "", time: time)
        client = try string(.client)
        identity = AuditIdentity(
            subject: try string(.subject), team: try string(.team), role: try string(.role),
            serial: try string(.serial), fingerprint: try string(.fingerprint), matchedSAN: try string(.san))
        method = try string(.method)
        path = try string(.path)
        apiVersion = try string(.apiVersion)
        endpoint = try string(.endpoint)
        switch fields[.objects] {
        case nil: break
        case .map(let pairs):
            guard !pairs.isEmpty else { throw .badValue(.objects, "is written only when it holds an id") }
            objects = Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.value) })
        case .some(let other): throw .wrongType(.objects, expected: "an object", found: other.typeName)
        }
        if let decisionText = try string(.decision) {
            guard let decision = AuditDecision(rawValue: decisionText) else {
                throw .badValue(.decision, "must be one of allow, deny, error")
            }
            self.decision = decision
        }
        rule = try string(.rule)
        reason = try string(.reason)
        detail = try string(.detail)
        profile = try string(.profile)
        status = try integer(.status)
        bytesIn = try integer(.bytesIn)
        bytesOut = try integer(.bytesOut)
        duration = try integer(.durationMicroseconds).map { .microseconds($0) }
        let hijackParts = (
            try integer(.hijackDurationMicroseconds), try integer(.hijackBytesIn), try integer(.hijackBytesOut)
        )
        switch hijackParts {
        case (nil, nil, nil): break
        case (let duration?, let bytesIn?, let bytesOut?):
            hijack = AuditHijackedSession(duration: .microseconds(duration), bytesIn: bytesIn, bytesOut: bytesOut)
        default:
            throw .badValue(
                .hijackDurationMicroseconds, "hijack_duration_us, hijack_bytes_in and hijack_bytes_out come together")
        }
        bodySHA256 = try digest(.bodySHA256)
        policySHA256 = try digest(.policySHA256)
        note = try string(.note)
    }
}

extension Duration {
    /// Whole microseconds, rounded down.
    var wholeMicroseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
    }
}
