import DockerAPI

/// How the gate makes ownership stick for a team member's allowed request: what it creates
/// carries the team's owner label, and what it lists (or prunes, or watches) is filtered to
/// the team's label. Pure functions over the checked tree and query; the gate forwards
/// their output (a canonical re-encoding) instead of the client's bytes.
public enum OwnershipRewrite {
    /// Where `endpoint`'s body carries labels dockerd stores on the created object, as paths
    /// of Go field names.
    static func labelPaths(_ endpoint: Endpoint) -> [[String]] {
        switch endpoint {
        case .containerCreate, .volumeCreate, .networkCreate: [["Labels"]]
        case .secretCreate, .secretUpdate, .configCreate, .configUpdate: [["Labels"]]
        case .serviceCreate, .serviceUpdate: [["Labels"], ["TaskTemplate", "ContainerSpec", "Labels"]]
        default: []
        }
    }

    /// Whether a request to `endpoint` creates something that must carry the owner label.
    public static func stampsLabel(_ endpoint: Endpoint) -> Bool { !labelPaths(endpoint).isEmpty }

    /// The body with `dockgate.owner=<team>` in every label map of `endpoint` (replacing a
    /// value the checks allowed: the team's own, sent back by `service update`). Fields are
    /// found with Go's key folding, as dockerd finds them; missing or `null` label maps are
    /// created; a service spec without `TaskTemplate.ContainerSpec` has no task container to
    /// label. `nil` when the body is not an object, or when a label map holds a key that
    /// differs from the owner label only in case (`Dockgate.Owner`: Go keeps it apart, but the
    /// two names cannot sit in one JSON object the gate forwards) — the gate then refuses.
    public static func stamped(_ body: JSONValue, endpoint: Endpoint, team: String) -> JSONValue? {
        guard case .object = body else { return nil }
        var result = body
        for path in labelPaths(endpoint) {
            var unstampable = false
            let updated = JSONEdit.updating(result, at: path[...], create: path.count == 1) { current in
                var labels: [JSONMember] = []
                if case .object(let existing)? = current {
                    labels = existing.members.filter { !$0.key.utf8.elementsEqual(OwnerLabel.key.utf8) }
                }
                labels.append(JSONMember(key: OwnerLabel.key, value: .string(team)))
                guard let map = JSONObject(members: labels) else {
                    unstampable = true
                    return nil
                }
                return .object(map)
            }
            if unstampable { return nil }
            if let updated { result = updated }
        }
        return result
    }

    /// Endpoints whose `filters` query gets the team's label: lists, prunes, events.
    public static func filtersByOwner(_ endpoint: Endpoint) -> Bool {
        switch endpoint {
        case .containerList, .containerPrune, .volumeList, .volumePrune, .networkList, .networkPrune, .serviceList,
            .secretList, .configList, .systemEvents:
            true
        default:
            false
        }
    }

    /// The `filters` value with `label: dockgate.owner=<team>` added to the client's own
    /// (labels are ANDed, so the client can only narrow it). Reads both forms dockerd
    /// accepts: `{"label":{"a=b":true}}` (what `filters.ToJSON` writes) and the legacy
    /// `{"label":["a=b"]}` (`FromJSON`'s fallback); writes the legacy one.
    /// `nil` when the client's value is not one of them, or has a `false` entry (the gate
    /// refuses the request).
    public static func filters(_ raw: String?, team: String) -> String? {
        var entries: [(key: String, values: [String])] = []
        if let raw, !raw.isEmpty {
            guard case .object(let object)? = try? StrictJSONParser.parse(Array(raw.utf8)) else { return nil }
            for member in object.members {
                var values: [String] = []
                switch member.value {
                case .array(let items):
                    for item in items {
                        guard case .string(let text) = item else { return nil }
                        values.append(text)
                    }
                case .object(let set):
                    for entry in set.members {
                        // dockerd filters on a `false` entry's key all the same (`Args.Get`,
                        // `MatchKVList`); the list form written here cannot carry it.
                        guard case .bool(true) = entry.value else { return nil }
                        values.append(entry.key)
                    }
                default:
                    return nil
                }
                entries.append((member.key, values))
            }
        }
        let label = "\(OwnerLabel.key)=\(team)"
        if let position = entries.firstIndex(where: { $0.key.utf8.elementsEqual("label".utf8) }) {
            entries[position].values.append(label)
        } else {
            entries.append(("label", [label]))
        }
        let members = entries.map { JSONMember(key: $0.key, value: .array($0.values.map(JSONValue.string))) }
        guard let object = JSONObject(members: members) else { return nil }
        return String(decoding: JSONValue.object(object).canonicalBytes(), as: UTF8.self)
    }
}
