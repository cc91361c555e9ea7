import DockerAPI
import Foundation
import Yams

extension PolicyDocument {
    /// Reads and validates a policy file.
    public static func load(path: String) throws(PolicyFileError) -> PolicyDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyFileError(file: path, line: 0, column: 0, key: "", problem: "cannot read the file")
        }
        return try load(contents: data, path: path)
    }

    /// Validates a policy file already read, so a caller can fingerprint exactly the bytes
    /// that were checked; `path` names it in errors.
    public static func load(contents data: Data, path: String) throws(PolicyFileError) -> PolicyDocument {
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyFileError(file: path, line: 0, column: 0, key: "", problem: "the file is not UTF-8")
        }
        return try parse(text, file: path)
    }

    /// Validates a policy document; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(PolicyFileError) -> PolicyDocument {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PolicyFileError(file: file, line: 0, column: 0, key: "", problem: "the file is empty")
            }
            root = node
        } catch let error as PolicyFileError {
            throw error
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw PolicyFileError(file: file, line: 0, column: 0, key: "", problem: "not YAML: \(error)")
        }
        return try PolicyReader(file: file).document(root)
    }

    private static func syntaxError(_ error: YamlError, file: String) -> PolicyFileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            PolicyFileError(file: file, line: mark.line, column: mark.column, key: "", problem: "not YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // The context is the mapping; its line is where the repeated key's siblings start.
            PolicyFileError(
                file: file, line: context.mark.line, column: context.mark.column,
                key: duplicates.sorted().joined(separator: ", "), problem: "given twice in one mapping")
        default:
            PolicyFileError(file: file, line: 0, column: 0, key: "", problem: "not YAML: \(error)")
        }
    }
}

/// Walks the YAML tree; every failure names the node's position and its dotted key.
struct PolicyReader {
    let file: String

    func document(_ root: Node) throws(PolicyFileError) -> PolicyDocument {
        let members = try mapping(
            root, key: "", allowed: ["apiVersion", "profile", "gate", "profiles", "roles", "teams"])
        guard let version = members["apiVersion"] else {
            throw error(
                root, "", "apiVersion is missing; the first line should be `apiVersion: \(PolicyDocument.apiVersion)`")
        }
        guard try string(version, key: "apiVersion") == PolicyDocument.apiVersion else {
            throw error(version, "apiVersion", "must be \(PolicyDocument.apiVersion)")
        }
        var limits = GateLimits()
        if let gate = members["gate"] {
            limits = try self.limits(gate)
        }
        var profiles: [Profile] = []
        if let list = members["profiles"] {
            for (nameNode, body) in try orderedMapping(list, key: "profiles") {
                let name = try string(nameNode, key: "profiles")
                let key = "profiles.\(name)"
                guard Self.isProfileName(name) else {
                    throw error(nameNode, key, "a profile name is lower-case letters, digits and `-`")
                }
                guard Profile.builtin(named: name) == nil else {
                    throw error(nameNode, key, "\(name) is a built-in profile; give yours another name")
                }
                guard !profiles.contains(where: { $0.name == name }) else {
                    throw error(nameNode, key, "defined twice")
                }
                profiles.append(try profile(named: name, body, key: key))
            }
        }
        var active = Profile.baseline
        let lookup = PolicyDocument(profiles: profiles, activeProfile: .baseline, limits: limits)
        if let node = members["profile"] {
            let name = try string(node, key: "profile")
            guard let chosen = lookup.profile(named: name) else {
                throw error(node, "profile", "no profile named \(quoted(name)) in this file or built in")
            }
            active = chosen
        }
        let roles = try members["roles"].map(self.roles) ?? []
        let withRoles = PolicyDocument(profiles: profiles, activeProfile: active, limits: limits, roles: roles)
        let teams = try members["teams"].map { (node) throws(PolicyFileError) in try self.teams(node, in: withRoles) }
        return PolicyDocument(profiles: profiles, activeProfile: active, limits: limits, roles: roles, teams: teams)
    }

    // MARK: Roles and teams

    private func roles(_ node: Node) throws(PolicyFileError) -> [Role] {
        var roles: [Role] = []
        for (nameNode, body) in try orderedMapping(node, key: "roles") {
            let name = try string(nameNode, key: "roles")
            let key = "roles.\(name)"
            guard Self.isProfileName(name) else {
                throw error(nameNode, key, "a role name is lower-case letters, digits and `-`")
            }
            guard Role.builtin(named: name) == nil else {
                throw error(nameNode, key, "\(name) is a built-in role (readonly, operator, admin)")
            }
            let members = try mapping(body, key: key, allowed: ["allow", "description"])
            if let value = members["description"] { _ = try string(value, key: key + ".description") }
            guard let allowNode = members["allow"] else {
                throw error(
                    body, key, "allow is missing: list endpoint families (container) or endpoint ids (image.inspect)")
            }
            var allowed: [String] = []
            for item in try sequence(allowNode, key: key + ".allow") {
                let entry = try string(item, key: key + ".allow")
                guard Role.families.contains(entry) || Endpoint(rawValue: entry).map({ $0 != .unknown }) == true else {
                    throw error(
                        item, key + ".allow", "\(quoted(entry)) is neither an endpoint family nor an endpoint id")
                }
                allowed.append(entry)
            }
            roles.append(Role(name: name, allowed: allowed))
        }
        return roles
    }

    static let teamKeys: Set<String> = ["name", "match", "role", "profile", "quota", "rate", "mode", "description"]

    private func rolloutMode(_ node: Node, key: String) throws(PolicyFileError) -> RolloutMode {
        let text = try string(node, key: key)
        guard let mode = RolloutMode(rawValue: text) else {
            throw error(node, key, "\(quoted(text)) is not enforce, warn or dry-run")
        }
        return mode
    }

    private func teams(_ node: Node, in document: PolicyDocument) throws(PolicyFileError) -> [Team] {
        var teams: [Team] = []
        for (index, item) in try sequence(node, key: "teams").enumerated() {
            var key = "teams[\(index)]"
            let members = try mapping(item, key: key, allowed: Self.teamKeys)
            guard let nameNode = members["name"] else { throw error(item, key, "name is missing") }
            let name = try string(nameNode, key: key + ".name")
            key = "teams.\(name)"
            guard Self.isProfileName(name) else {
                throw error(
                    nameNode, key, "a team name is lower-case letters, digits and `-` (it becomes a label value)")
            }
            guard !teams.contains(where: { $0.name == name }) else { throw error(nameNode, key, "defined twice") }
            if let value = members["description"] { _ = try string(value, key: key + ".description") }
            guard let matchNode = members["match"] else {
                throw error(
                    item, key, "match is missing: say which certificates belong to the team (e.g. - OU: \(name))")
            }
            let matchers = try self.matchers(matchNode, key: key + ".match")
            for other in teams {
                if let shared = matchers.first(where: { other.matchers.contains($0) }) {
                    throw error(
                        matchNode, key + ".match",
                        "\(shared.description) also matches team \(other.name); a certificate must belong to one team")
                }
            }
            guard let roleNode = members["role"] else {
                throw error(item, key, "role is missing (readonly, operator, admin or one of roles)")
            }
            let roleName = try string(roleNode, key: key + ".role")
            guard let role = document.role(named: roleName) else {
                throw error(
                    roleNode, key + ".role",
                    "no role named \(quoted(roleName)) (readonly, operator, admin or one of roles)")
            }
            var profile = document.activeProfile
            if let profileNode = members["profile"] {
                let profileName = try string(profileNode, key: key + ".profile")
                guard let chosen = document.profile(named: profileName) else {
                    throw error(
                        profileNode, key + ".profile",
                        "no profile named \(quoted(profileName)) in this file or built in")
                }
                profile = chosen
            }
            var mode: RolloutMode?
            if let modeNode = members["mode"] {
                mode = try rolloutMode(modeNode, key: key + ".mode")
                profile = profile.with(mode: mode!)
            }
            var quota: TeamQuota?
            if let quotaNode = members["quota"] {
                let quotaKey = key + ".quota"
                let limits = try mapping(quotaNode, key: quotaKey, allowed: ["containers", "memory", "cpus"])
                var containers: Int?
                var memory: Int64?
                var cpus: Int64?
                if let node = limits["containers"] {
                    containers = Int(try integer(node, key: quotaKey + ".containers"))
                }
                if let node = limits["memory"] { memory = try bytes(node, key: quotaKey + ".memory") }
                if let node = limits["cpus"] {
                    let text = try string(node, key: quotaKey + ".cpus")
                    guard let nano = Quantities.nanoCPUs(text), nano > 0 else {
                        throw error(
                            node, quotaKey + ".cpus", "\(quoted(text)) is not a number of CPUs (0.5, 2 or 500m)")
                    }
                    cpus = nano
                }
                quota = TeamQuota(maximumContainers: containers, maximumMemory: memory, maximumNanoCPUs: cpus)
            }
            var rate: TeamRate?
            if let rateNode = members["rate"] {
                let fields = try mapping(rateNode, key: key + ".rate", allowed: ["perSecond", "burst"])
                guard let perSecondNode = fields["perSecond"] else {
                    throw error(rateNode, key + ".rate", "perSecond is missing")
                }
                let perSecond = Int(try integer(perSecondNode, key: key + ".rate.perSecond"))
                let burst =
                    try fields["burst"].map { (node) throws(PolicyFileError) in
                        Int(try integer(node, key: key + ".rate.burst"))
                    } ?? perSecond
                rate = TeamRate(perSecond: perSecond, burst: burst)
            }
            teams.append(
                Team(
                    name: name, matchers: matchers, role: role, profile: profile, quota: quota, rate: rate,
                    inheritsProfile: members["profile"] == nil, mode: mode))
        }
        return teams
    }

    private func matchers(_ node: Node, key: String) throws(PolicyFileError) -> [IdentityMatcher] {
        var matchers: [IdentityMatcher] = []
        let fields = Set(IdentityMatcher.Field.allCases.map(\.rawValue))
        for item in try sequence(node, key: key) {
            var conditions: [(field: IdentityMatcher.Field, pattern: String)] = []
            for (fieldNode, value) in try orderedMapping(item, key: key) {
                let name = try string(fieldNode, key: key)
                guard let field = IdentityMatcher.Field(rawValue: name) else {
                    throw error(
                        fieldNode, "\(key).\(name)",
                        "unknown key; expected one of \(fields.sorted().joined(separator: ", "))")
                }
                let pattern = try string(value, key: "\(key).\(name)")
                // Empty, `*`, `**`, …: a glob of nothing but stars takes every value.
                guard !pattern.utf8.allSatisfy({ $0 == UInt8(ascii: "*") }) else {
                    throw error(value, "\(key).\(name)", "\(quoted(pattern)) would match every certificate")
                }
                conditions.append((field, pattern))
            }
            guard !conditions.isEmpty else { throw error(item, key, "an empty entry would match every certificate") }
            matchers.append(IdentityMatcher(conditions))
        }
        guard !matchers.isEmpty else { throw error(node, key, "list at least one entry") }
        return matchers
    }

    static func isProfileName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    private func limits(_ node: Node) throws(PolicyFileError) -> GateLimits {
        var limits = GateLimits()
        let members = try mapping(node, key: "gate", allowed: ["minAPIVersion", "maxInspectedBody"])
        if let value = members["minAPIVersion"] {
            let text = try string(value, key: "gate.minAPIVersion")
            guard let version = APIVersion(text), version.components.count == 2 else {
                throw error(value, "gate.minAPIVersion", "\(quoted(text)) is not an API version such as \"1.24\"")
            }
            limits.minimumAPIVersion = version
        }
        if let value = members["maxInspectedBody"] {
            let size = try bytes(value, key: "gate.maxInspectedBody")
            guard size > 0, size <= 64 << 20 else {
                throw error(value, "gate.maxInspectedBody", "must be between 1 byte and 64Mi")
            }
            limits.maximumInspectedBody = Int(size)
        }
        return limits
    }

    // MARK: Profiles

    static let profileKeys: Set<String> = [
        "extends", "description", "mode", "allowedCapabilities", "allowedHostPaths", "hostPathsReadOnly",
        "protectedHostPaths",
        "trustedUserNames", "trustedGroupNames", "allowedRuntimes", "allowedSysctls", "allowedLogDrivers",
        "allowedVolumeDrivers", "allowedImages", "requireImageDigest", "writableImageNames", "maxMemory", "maxCPUs",
        "maxPids", "allowedHostPorts", "allowedHostIPs",
    ]

    /// The settings key a validation error names → the file's key.
    static let fileKeyForSetting: [String: String] = [
        "allowedHostPathPrefixes": "allowedHostPaths", "additionalProtectedHostPaths": "protectedHostPaths",
    ]

    private func profile(named name: String, _ node: Node, key: String) throws(PolicyFileError) -> Profile {
        let members = try mapping(node, key: key, allowed: Self.profileKeys)
        guard let extendsNode = members["extends"] else {
            throw error(
                node, key,
                "extends is missing: name the built-in profile this one adjusts (baseline, restricted or privileged)")
        }
        let baseName = try string(extendsNode, key: key + ".extends")
        guard let base = Profile.builtin(named: baseName) else {
            throw error(
                extendsNode, key + ".extends",
                "\(quoted(baseName)) is not a built-in profile (baseline, restricted or privileged)")
        }
        var settings = base.settings
        if let value = members["description"] { _ = try string(value, key: key + ".description") }
        if let value = members["allowedCapabilities"] {
            settings.allowedCapabilities = try strings(value, key: key + ".allowedCapabilities")
        }
        if let value = members["allowedHostPaths"] {
            settings.allowedHostPathPrefixes = try strings(value, key: key + ".allowedHostPaths")
        }
        if let value = members["hostPathsReadOnly"] {
            settings.hostPathsReadOnly = try bool(value, key: key + ".hostPathsReadOnly")
        }
        if let value = members["protectedHostPaths"] {
            settings.additionalProtectedHostPaths = try strings(value, key: key + ".protectedHostPaths")
        }
        if let value = members["trustedUserNames"] {
            settings.trustedUserNames = try strings(value, key: key + ".trustedUserNames")
        }
        if let value = members["trustedGroupNames"] {
            settings.trustedGroupNames = try strings(value, key: key + ".trustedGroupNames")
        }
        if let value = members["allowedRuntimes"] {
            settings.allowedRuntimes = try strings(value, key: key + ".allowedRuntimes")
        }
        if let value = members["allowedSysctls"] {
            settings.allowedSysctls = try strings(value, key: key + ".allowedSysctls")
        }
        if let value = members["allowedLogDrivers"] {
            settings.allowedLogDrivers = try strings(value, key: key + ".allowedLogDrivers")
        }
        if let value = members["allowedVolumeDrivers"] {
            settings.allowedVolumeDrivers = try strings(value, key: key + ".allowedVolumeDrivers")
        }
        if let value = members["allowedImages"] {
            settings.allowedImages = try strings(value, key: key + ".allowedImages")
        }
        if let value = members["requireImageDigest"] {
            settings.requireImageDigest = try bool(value, key: key + ".requireImageDigest")
        }
        if let value = members["writableImageNames"] {
            settings.writableImageNames = try strings(value, key: key + ".writableImageNames")
        }
        if let value = members["maxMemory"] { settings.maximumMemory = try bytes(value, key: key + ".maxMemory") }
        if let value = members["maxCPUs"] {
            let text = try string(value, key: key + ".maxCPUs")
            guard let nano = Quantities.nanoCPUs(text), nano > 0 else {
                throw error(value, key + ".maxCPUs", "\(quoted(text)) is not a number of CPUs (0.5, 2 or 500m)")
            }
            settings.maximumNanoCPUs = nano
        }
        if let value = members["maxPids"] { settings.maximumPids = try integer(value, key: key + ".maxPids") }
        if let value = members["allowedHostPorts"] {
            settings.allowedHostPorts = try ports(value, key: key + ".allowedHostPorts")
        }
        if let value = members["allowedHostIPs"] {
            settings.allowedHostIPs = try strings(value, key: key + ".allowedHostIPs")
        }
        do throws(ProfileSettingsError) {
            settings = try settings.validated()
        } catch {
            let fileKey = Self.fileKeyForSetting[error.key] ?? error.key
            throw self.error(members[fileKey] ?? node, "\(key).\(fileKey)", error.problem)
        }
        var mode = RolloutMode.enforce
        if let modeNode = members["mode"] { mode = try rolloutMode(modeNode, key: key + ".mode") }
        return Profile(name: name, basedOn: base, settings: settings, mode: mode)
    }

    private func ports(_ node: Node, key: String) throws(PolicyFileError) -> [PortRange] {
        var ranges: [PortRange] = []
        for item in try sequence(node, key: key) {
            let text = try string(item, key: key)
            let bounds = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let lower = bounds.first.flatMap({ Int($0) }),
                let upper = bounds.count == 2 ? Int(bounds[1]) : lower,
                bounds.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } })
            else {
                throw error(item, key, "\(quoted(text)) is not a port or a range such as 8000-8999")
            }
            ranges.append(PortRange(lower, upper))
        }
        return ranges
    }

    // MARK: Typed reading

    /// A mapping's members by key; an unknown or repeated key is an error naming it.
    private func mapping(_ node: Node, key: String, allowed: Set<String>) throws(PolicyFileError) -> [String: Node] {
        var members: [String: Node] = [:]
        for (nameNode, value) in try orderedMapping(node, key: key) {
            let name = try string(nameNode, key: key)
            let path = key.isEmpty ? name : "\(key).\(name)"
            guard allowed.contains(name) else {
                throw error(nameNode, path, "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            guard members[name] == nil else { throw error(nameNode, path, "given twice") }
            members[name] = value
        }
        return members
    }

    private func orderedMapping(_ node: Node, key: String) throws(PolicyFileError) -> [(Node, Node)] {
        guard case .mapping(let mapping) = node else { throw error(node, key, "must be a mapping (key: value lines)") }
        var seen: [String] = []
        var members: [(Node, Node)] = []
        for (name, value) in mapping {
            let text = try string(name, key: key)
            guard !seen.contains(text) else {
                throw error(name, key.isEmpty ? text : "\(key).\(text)", "given twice")
            }
            seen.append(text)
            members.append((name, value))
        }
        return members
    }

    private func sequence(_ node: Node, key: String) throws(PolicyFileError) -> [Node] {
        guard case .sequence(let items) = node else { throw error(node, key, "must be a list ([a, b] or - lines)") }
        return Array(items)
    }

    private func string(_ node: Node, key: String) throws(PolicyFileError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error(node, key, "must be a single value, not a list or mapping")
        }
        // An empty or `~`/`null` plain value is YAML's null: a key written without its value.
        guard scalar.style != .plain || !["", "~", "null", "Null", "NULL"].contains(scalar.string) else {
            throw error(node, key, "must have a value")
        }
        return scalar.string
    }

    private func strings(_ node: Node, key: String) throws(PolicyFileError) -> [String] {
        var values: [String] = []
        for item in try sequence(node, key: key) { values.append(try string(item, key: key)) }
        return values
    }

    private func bool(_ node: Node, key: String) throws(PolicyFileError) -> Bool {
        let text = try string(node, key: key)
        switch text {
        case "true": return true
        case "false": return false
        default: throw error(node, key, "\(quoted(text)) is not true or false")
        }
    }

    private func integer(_ node: Node, key: String) throws(PolicyFileError) -> Int64 {
        let text = try string(node, key: key)
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int64(text), value > 0
        else { throw error(node, key, "\(quoted(text)) is not a positive whole number") }
        return value
    }

    private func bytes(_ node: Node, key: String) throws(PolicyFileError) -> Int64 {
        let text = try string(node, key: key)
        guard let value = Quantities.bytes(text), value > 0 else {
            throw error(node, key, "\(quoted(text)) is not a size; write 512Mi, 2Gi or a number of bytes")
        }
        return value
    }

    private func error(_ node: Node, _ key: String, _ problem: String) -> PolicyFileError {
        PolicyFileError(
            file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, key: key, problem: problem)
    }
}
