import DockerAPI

/// What the gate looked up from the daemon for one decision. Plain values: the gate fills the
/// tables (keyed by the reference as the request names it), the policy reads them and, when
/// one it needs is missing, denies with `Denial.missingFact` saying which (fail closed).
public struct Facts: Sendable {
    public var images: FactTable<ImageFact>
    public var containers: FactTable<ContainerFact>
    public var execs: FactTable<ExecFact>
    public var volumes: FactTable<VolumeFact>
    public var networks: FactTable<NetworkFact>
    public var services: FactTable<ServiceFact>
    /// Secrets and configs a service refers to (`FactQuery.secret`, `.config`).
    public var secrets: FactTable<ServiceFact>
    public var configs: FactTable<ServiceFact>
    /// How many containers each team owns (`FactQuery.teamContainers`).
    public var teamContainers: FactTable<Int>
    /// What each team's containers, running or not, are limited to (`FactQuery.teamResources`).
    public var teamResources: FactTable<TeamResources>
    /// Resolved host paths (`realpath`), keyed by the cleaned path as the request gives it.
    public var hostPaths: FactTable<String>

    public init(
        images: FactTable<ImageFact> = [:], containers: FactTable<ContainerFact> = [:],
        execs: FactTable<ExecFact> = [:], volumes: FactTable<VolumeFact> = [:], hostPaths: FactTable<String> = [:],
        networks: FactTable<NetworkFact> = [:], services: FactTable<ServiceFact> = [:],
        teamContainers: FactTable<Int> = [:], teamResources: FactTable<TeamResources> = [:],
        secrets: FactTable<ServiceFact> = [:], configs: FactTable<ServiceFact> = [:]
    ) {
        self.secrets = secrets
        self.configs = configs
        self.teamResources = teamResources
        self.images = images
        self.containers = containers
        self.execs = execs
        self.volumes = volumes
        self.hostPaths = hostPaths
        self.networks = networks
        self.services = services
        self.teamContainers = teamContainers
    }
}

/// From `GET /images/{reference}/json`.
public struct ImageFact: Sendable, Hashable {
    /// `Config.User`: the user the image runs as when the container sets none (`""` is root).
    public let user: String

    public init(user: String) {
        self.user = user
    }
}

/// From `GET /containers/{reference}/json`.
public struct ContainerFact: Sendable {
    /// `Id`: the full container ID.
    public let id: String
    /// `Config.User`, already merged with the image's `USER` when the container was created.
    public let user: String
    public let networkMode: String
    public let pidMode: String
    public let ipcMode: String
    /// `Mounts`: what `VolumesFrom` would copy.
    public let mounts: [MountFact]
    /// The team in its `dockgate.owner` label; nil for a container made outside dockgate.
    public let owner: String?
    /// Its memory and CPU limits (`HostConfig`), for the team quota of `docker update`.
    public let limits: ContainerLimits

    public init(
        id: String, user: String = "", networkMode: String = "default", pidMode: String = "", ipcMode: String = "",
        mounts: [MountFact] = [], owner: String? = nil, limits: ContainerLimits = ContainerLimits()
    ) {
        self.limits = limits
        self.id = id
        self.user = user
        self.networkMode = networkMode
        self.pidMode = pidMode
        self.ipcMode = ipcMode
        self.mounts = mounts
        self.owner = owner
    }
}

/// One entry of a container's `Mounts` (inspect form).
public struct MountFact: Sendable, Hashable {
    /// `Type`: `bind`, `volume`, `tmpfs`, `npipe`, `cluster`, `image`.
    public let type: String
    /// `Source`: the host path (for a volume, its mount point on the host).
    public let source: String
    /// `Name`: the volume name (volumes only).
    public let name: String
    /// `Driver`: the volume driver (volumes only).
    public let driver: String

    public init(type: String, source: String = "", name: String = "", driver: String = "") {
        self.type = type
        self.source = source
        self.name = name
        self.driver = driver
    }
}

/// From `GET /exec/{id}/json`: what `POST /exec/{id}/start` will run.
public struct ExecFact: Sendable, Hashable {
    public let containerID: String
    /// `ProcessConfig.privileged`.
    public let privileged: Bool
    /// `ProcessConfig.user`: dockerd stores the container's `Config.User` here when exec create
    /// gave none, so `""` means root.
    public let user: String

    public init(containerID: String, privileged: Bool, user: String) {
        self.containerID = containerID
        self.privileged = privileged
        self.user = user
    }
}

/// From `GET /volumes/{name}`.
public struct VolumeFact: Sendable, Hashable {
    public let driver: String
    /// `Options`: the driver options the volume was created with.
    public let options: StringMap
    /// The team in its `dockgate.owner` label.
    public let owner: String?

    public init(driver: String, options: StringMap = StringMap([]), owner: String? = nil) {
        self.driver = driver
        self.options = options
        self.owner = owner
    }
}

/// From `GET /networks/{name}`.
public struct NetworkFact: Sendable, Hashable {
    public let id: String
    public let name: String
    /// The team in its `dockgate.owner` label.
    public let owner: String?

    public init(id: String, name: String, owner: String? = nil) {
        self.id = id
        self.name = name
        self.owner = owner
    }
}

/// From `GET /services/{name}`, and the same two fields of a secret or config
/// (`GET /secrets/{name}`, `/configs/{name}`): swarm objects keep their labels in `Spec`.
public struct ServiceFact: Sendable, Hashable {
    public let id: String
    /// The team in its `Spec.Labels["dockgate.owner"]`.
    public let owner: String?

    public init(id: String, owner: String? = nil) {
        self.id = id
        self.owner = owner
    }
}

/// The memory and CPU limits of a team's running containers, summed; `unlimited` counts the
/// ones without a limit (they count as over any quota).
/// A container's memory and CPU limits as `HostConfig` holds them; 0 is "no limit".
public struct ContainerLimits: Sendable, Hashable {
    public var memory: Int64
    public var nanoCPUs: Int64
    public var cpuQuota: Int64
    public var cpuPeriod: Int64

    public init(memory: Int64 = 0, nanoCPUs: Int64 = 0, cpuQuota: Int64 = 0, cpuPeriod: Int64 = 0) {
        self.memory = memory
        self.nanoCPUs = nanoCPUs
        self.cpuQuota = cpuQuota
        self.cpuPeriod = cpuPeriod
    }

    /// CPUs in billionths, from `NanoCpus` or else `CpuQuota`/`CpuPeriod`; 0 when unlimited.
    public var effectiveNanoCPUs: Int64 {
        if nanoCPUs > 0 { return nanoCPUs }
        guard cpuQuota > 0 else { return 0 }
        return CheckCPULimit.nanoCPUs(quota: cpuQuota, period: cpuPeriod > 0 ? cpuPeriod : CheckCPULimit.defaultPeriod)
    }

    /// The memory limit, 0 when unlimited.
    public var effectiveMemory: Int64 { max(memory, 0) }
}

/// What a team's containers together are limited to, and how many have no limit.
public struct TeamResources: Sendable, Hashable {
    public let memory: Int64
    public let nanoCPUs: Int64
    public let withoutMemoryLimit: Int
    public let withoutCPULimit: Int

    public init(memory: Int64, nanoCPUs: Int64, withoutMemoryLimit: Int = 0, withoutCPULimit: Int = 0) {
        self.memory = memory
        self.nanoCPUs = nanoCPUs
        self.withoutMemoryLimit = withoutMemoryLimit
        self.withoutCPULimit = withoutCPULimit
    }

    /// These plus one more container's limits.
    public func adding(_ limits: ContainerLimits) -> TeamResources {
        TeamResources(
            memory: memory.addingClamped(limits.effectiveMemory),
            nanoCPUs: nanoCPUs.addingClamped(limits.effectiveNanoCPUs),
            withoutMemoryLimit: withoutMemoryLimit + (limits.effectiveMemory > 0 ? 0 : 1),
            withoutCPULimit: withoutCPULimit + (limits.effectiveNanoCPUs > 0 ? 0 : 1))
    }

    /// These without one container's limits (the one an update changes).
    public func removing(_ limits: ContainerLimits) -> TeamResources {
        TeamResources(
            memory: max(memory - limits.effectiveMemory, 0), nanoCPUs: max(nanoCPUs - limits.effectiveNanoCPUs, 0),
            withoutMemoryLimit: max(withoutMemoryLimit - (limits.effectiveMemory > 0 ? 0 : 1), 0),
            withoutCPULimit: max(withoutCPULimit - (limits.effectiveNanoCPUs > 0 ? 0 : 1), 0))
    }
}

extension Int64 {
    /// `self + other`, at most `Int64.max` (limits from the daemon are not trusted to be small).
    fileprivate func addingClamped(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}

/// The label dockgate stamps on what a team creates.
public enum OwnerLabel {
    public static let key = "dockgate.owner"
}

extension Facts {
    /// Whether `query` has been answered (found or not found).
    public func answers(_ query: FactQuery) -> Bool {
        switch query {
        case .image(let key): images[key] != nil
        case .container(let key): containers[key] != nil
        case .exec(let key): execs[key] != nil
        case .volume(let key): volumes[key] != nil
        case .hostPath(let key): hostPaths[key] != nil
        case .network(let key): networks[key] != nil
        case .service(let key): services[key] != nil
        case .secret(let key): secrets[key] != nil
        case .config(let key): configs[key] != nil
        case .teamContainers(let key): teamContainers[key] != nil
        case .teamResources(let key): teamResources[key] != nil
        }
    }
}
