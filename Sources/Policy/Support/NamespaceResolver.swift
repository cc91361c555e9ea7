import DockerAPI

/// Follows `container:<ref>` in `NetworkMode`, `PidMode` and `IpcMode` through the facts:
/// joining X's namespace gives whatever X has, and X may itself have joined Y's
/// (docker-api-surface.md §3.1). dockerd compares the modes byte for byte: `host` is the host
/// namespace, `HOST` or `host ` is not (a network name, or ignored).
enum NamespaceResolver {
    enum Kind {
        case network, pid, ipc

        var field: String {
            switch self {
            case .network: "NetworkMode"
            case .pid: "PidMode"
            case .ipc: "IpcMode"
            }
        }

        /// For reasons: "the network namespace", "the PID namespace".
        var namespaceName: String {
            switch self {
            case .network: "the network namespace"
            case .pid: "the PID namespace"
            case .ipc: "the IPC namespace"
            }
        }

        /// For reasons: "the host network", "the host PID namespace".
        var hostName: String {
            switch self {
            case .network: "the host network"
            case .pid: "the host PID namespace"
            case .ipc: "the host IPC namespace"
            }
        }

        func mode(of container: ContainerFact) -> String {
            switch self {
            case .network: container.networkMode
            case .pid: container.pidMode
            case .ipc: container.ipcMode
            }
        }
    }

    enum Resolution: Equatable {
        /// The host namespace, through these container references (none for `host` itself).
        case host(chain: [String])
        case notHost
        /// A container on the chain has not been looked up.
        case missing(FactQuery)
        /// A container on the chain does not exist (or the reference is empty).
        case notFound(String)
        /// The chain loops, or is longer than `limit`.
        case unresolvable(chain: [String])
    }

    static let limit = 16

    /// `<ref>` of `container:<ref>` (everything after the first colon), or nil.
    static func containerReference(_ mode: String) -> String? {
        let parts = mode.splitBytes(":", maxSplits: 1)
        guard parts.count == 2, parts[0].bytesEqual("container") else { return nil }
        return String(parts[1])
    }

    static func resolve(_ mode: String, kind: Kind, facts: Facts) -> Resolution {
        var mode = mode
        var chain: [String] = []
        var seen: Set<ExactKey> = []
        while true {
            if mode.bytesEqual("host") { return .host(chain: chain) }
            guard let reference = containerReference(mode) else { return .notHost }
            chain.append(reference)
            if reference.isEmpty { return .notFound(reference) }
            if chain.count > limit { return .unresolvable(chain: chain) }
            switch facts.containers[reference] {
            case nil: return .missing(.container(reference))
            case .notFound: return .notFound(reference)
            case .found(let container):
                guard seen.insert(ExactKey(container.id)).inserted else { return .unresolvable(chain: chain) }
                mode = kind.mode(of: container)
            }
        }
    }

    /// The check result for a mode field: `path` is its place (`HostConfig.NetworkMode`).
    static func check(_ mode: String, kind: Kind, path: String, facts: Facts) -> CheckResult {
        let detail = "\(path)=\(quoted(mode))"
        switch resolve(mode, kind: kind, facts: facts) {
        case .notHost:
            return .allowed
        case .host(let chain) where chain.isEmpty:
            return .forbidden(reason: "\(kind.hostName) is not allowed", detail: detail)
        case .host(let chain):
            return .forbidden(
                reason: "joining \(kind.namespaceName) of container \(quoted(chain[0])) is not allowed:"
                    + " it uses \(kind.hostName)",
                detail: detail + " (" + (chain.map(quoted) + ["host"]).joined(separator: " → ") + ")")
        case .missing(let query):
            return .undetermined(
                "whether \(path) leads to \(kind.hostName) (\(query) not looked up)", missing: query, detail: detail)
        case .notFound(let reference):
            return .forbidden(
                reason: "\(kind.field) names container \(quoted(reference)), which does not exist", detail: detail)
        case .unresolvable(let chain):
            return .forbidden(
                reason: "\(kind.field) follows a chain of containers that loops or is longer than \(limit)",
                detail: detail + " (" + chain.map(quoted).joined(separator: " → ") + ")")
        }
    }
}
