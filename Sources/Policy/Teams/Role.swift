import DockerAPI

/// What a team's members may call, by endpoint, before any body rule runs.
///
/// - `readonly`: inspection — `GET`/`HEAD` of everything but what hands out file contents, a
///   terminal or keys (`export`, `archive`, `attach/ws`, image save; `GET /swarm`, whose join
///   tokens let a machine join the swarm as a manager, and the unlock key; the daemon's debug
///   endpoints);
/// - `operator`: the container, exec, image, build, volume, network, service, secret, config
///   and system families (not swarm, node, plugin, BuildKit session or debug);
/// - `admin`: every endpoint, and ownership is not enforced;
/// - a custom role: the endpoint families (`container`) and endpoint ids (`image.inspect`)
///   the policy file lists.
///
/// Endpoints no route matches stay denied for every role.
public struct Role: Sendable, Hashable {
    public let name: String
    /// Endpoint families and ids; `nil` for the built-in roles, which decide by rule.
    let allowed: [String]?

    public init(name: String, allowed: [String]) {
        self.name = name
        self.allowed = allowed
    }

    private init(builtin name: String) {
        self.name = name
        self.allowed = nil
    }

    /// What a custom role lists.
    public var allowedEntries: [String] { allowed ?? [] }

    public static let readonly = Role(builtin: "readonly")
    public static let `operator` = Role(builtin: "operator")
    public static let admin = Role(builtin: "admin")
    public static let builtins = [readonly, `operator`, admin]

    public static func builtin(named name: String) -> Role? {
        builtins.first { $0.name.bytesEqual(name) }
    }

    /// Admins act on every object; everyone else only on their team's.
    public var enforcesOwnership: Bool { allowed != nil || !name.bytesEqual(Role.admin.name) }

    /// The endpoint families a role may name (`container`, `image`, …).
    public static let families: Set<String> = Set(Endpoint.allCases.filter { $0 != .unknown }.map(family))

    public static func family(_ endpoint: Endpoint) -> String {
        String(endpoint.id.split(separator: ".", maxSplits: 1).first ?? "")
    }

    static let operatorFamilies: Set<String> = [
        "container", "exec", "image", "build", "volume", "network", "service", "secret", "config", "system",
        "distribution",
    ]

    /// Reads that still hand out a container's files, a terminal, whole images, or keys to
    /// the swarm (a manager join token in `GET /swarm` makes any machine a manager, which runs
    /// whatever it likes on every node), or the daemon's internals.
    static let readonlyExceptions: Set<Endpoint> = [
        .containerExport, .containerArchiveGet, .containerArchiveStat, .containerAttachWebSocket, .imageExport,
        .imageExportMany, .swarmInspect, .swarmUnlockKey, .debugVars, .debugPprof, .debugPprofCmdline,
        .debugPprofProfile, .debugPprofSymbol, .debugPprofTrace, .debugPprofLookup,
    ]

    public func allows(_ endpoint: Endpoint, method: HTTPMethod) -> Bool {
        guard endpoint != .unknown else { return false }
        if let allowed {
            return allowed.contains { $0.bytesEqual(endpoint.id) || $0.bytesEqual(Role.family(endpoint)) }
        }
        switch name {
        case Role.admin.name:
            return true
        case Role.operator.name:
            return Role.operatorFamilies.contains(Role.family(endpoint))
        default:
            let reads = method == .get || method == .head
            return reads && !Role.readonlyExceptions.contains(endpoint)
        }
    }
}
