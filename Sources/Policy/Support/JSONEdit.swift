import DockerAPI

/// Changes to a checked body tree, found the way Go's decoder finds fields (key folding), so
/// the gate's additions land in the field dockerd will read.
enum JSONEdit {
    /// `value` with `transform` applied to the member at `path` (nil when absent). Missing or
    /// `null` intermediate objects are created when `create` is set, else the edit is skipped
    /// (nil). The member keeps the name it was sent with; a new one gets the field's name.
    static func updating(
        _ value: JSONValue, at path: ArraySlice<String>, create: Bool = true, _ transform: (JSONValue?) -> JSONValue?
    ) -> JSONValue? {
        guard case .object(let object) = value, let field = path.first else { return nil }
        var members = object.members
        let position = members.firstIndex { GoKey.matches($0.key, field: field) }
        let current = position.map { members[$0].value }
        let replacement: JSONValue
        if path.count == 1 {
            guard let transformed = transform(current) else { return nil }
            replacement = transformed
        } else {
            var inner = current ?? .null
            if inner.isNull {
                guard create else { return nil }
                inner = .object(JSONObject(members: [])!)
            }
            guard let updated = updating(inner, at: path.dropFirst(), create: create, transform) else { return nil }
            replacement = updated
        }
        if let position {
            members[position] = JSONMember(key: members[position].key, value: replacement)
        } else {
            members.append(JSONMember(key: field, value: replacement))
        }
        return JSONObject(members: members).map(JSONValue.object)
    }
}
