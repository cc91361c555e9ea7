/// What a request does, as dockerd's route table decides it. The raw value is a stable id
/// (`container.create`, `exec.start`, …) for policies, audit records and messages.
///
/// `unknown` is every request no route matches, including a known path with a method it
/// was not registered for (dockerd answers 404 for both); the gate denies it.
public enum Endpoint: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    // checkpoint router (experimental: 501 unless dockerd runs with --experimental)
    case checkpointList = "checkpoint.list"
    case checkpointCreate = "checkpoint.create"
    case checkpointDelete = "checkpoint.delete"

    // container router
    case containerArchiveStat = "container.archive.stat"
    case containerList = "container.list"
    case containerExport = "container.export"
    case containerChanges = "container.changes"
    case containerInspect = "container.inspect"
    case containerTop = "container.top"
    case containerLogs = "container.logs"
    case containerStats = "container.stats"
    case containerAttachWebSocket = "container.attach.websocket"
    case execInspect = "exec.inspect"
    case containerArchiveGet = "container.archive.get"
    case containerCreate = "container.create"
    case containerKill = "container.kill"
    case containerPause = "container.pause"
    case containerUnpause = "container.unpause"
    case containerRestart = "container.restart"
    case containerStart = "container.start"
    case containerStop = "container.stop"
    case containerWait = "container.wait"
    case containerResize = "container.resize"
    case containerAttach = "container.attach"
    case containerCopy = "container.copy"
    case execCreate = "exec.create"
    case execStart = "exec.start"
    case execResize = "exec.resize"
    case containerRename = "container.rename"
    case containerUpdate = "container.update"
    case containerPrune = "container.prune"
    case containerCommit = "container.commit"
    case containerArchivePut = "container.archive.put"
    case containerDelete = "container.delete"

    // image router
    case imageList = "image.list"
    case imageSearch = "image.search"
    case imageExportMany = "image.export.many"
    case imageExport = "image.export"
    case imageHistory = "image.history"
    case imageInspect = "image.inspect"
    case imageAttestations = "image.attestations"
    case imageLoad = "image.load"
    case imageCreate = "image.create"
    case imagePush = "image.push"
    case imageTag = "image.tag"
    case imagePrune = "image.prune"
    case imageDelete = "image.delete"

    // system router
    case systemOptions = "system.options"
    case systemPing = "system.ping"
    case systemPingHead = "system.ping.head"
    case systemEvents = "system.events"
    case systemInfo = "system.info"
    case systemVersion = "system.version"
    case systemDiskUsage = "system.df"
    case systemAuth = "system.auth"

    // volume router
    case volumeList = "volume.list"
    case volumeInspect = "volume.inspect"
    case volumeCreate = "volume.create"
    case volumePrune = "volume.prune"
    case volumeUpdate = "volume.update"
    case volumeDelete = "volume.delete"

    // build and session routers
    case build = "build"
    case buildPrune = "build.prune"
    case buildCancel = "build.cancel"
    case session = "session"

    // swarm router
    case swarmInit = "swarm.init"
    case swarmJoin = "swarm.join"
    case swarmLeave = "swarm.leave"
    case swarmInspect = "swarm.inspect"
    case swarmUnlockKey = "swarm.unlockkey"
    case swarmUpdate = "swarm.update"
    case swarmUnlock = "swarm.unlock"
    case serviceList = "service.list"
    case serviceInspect = "service.inspect"
    case serviceCreate = "service.create"
    case serviceUpdate = "service.update"
    case serviceDelete = "service.delete"
    case serviceLogs = "service.logs"
    case nodeList = "node.list"
    case nodeInspect = "node.inspect"
    case nodeDelete = "node.delete"
    case nodeUpdate = "node.update"
    case taskList = "task.list"
    case taskInspect = "task.inspect"
    case taskLogs = "task.logs"
    case secretList = "secret.list"
    case secretCreate = "secret.create"
    case secretDelete = "secret.delete"
    case secretInspect = "secret.inspect"
    case secretUpdate = "secret.update"
    case configList = "config.list"
    case configCreate = "config.create"
    case configDelete = "config.delete"
    case configInspect = "config.inspect"
    case configUpdate = "config.update"

    // plugin router
    case pluginList = "plugin.list"
    case pluginInspect = "plugin.inspect"
    case pluginPrivileges = "plugin.privileges"
    case pluginDelete = "plugin.delete"
    case pluginEnable = "plugin.enable"
    case pluginDisable = "plugin.disable"
    case pluginPull = "plugin.pull"
    case pluginPush = "plugin.push"
    case pluginUpgrade = "plugin.upgrade"
    case pluginSet = "plugin.set"
    case pluginCreate = "plugin.create"

    // distribution, grpc and network routers
    case distributionInspect = "distribution.inspect"
    case grpc = "grpc"
    case networkList = "network.list"
    case networkInspect = "network.inspect"
    case networkCreate = "network.create"
    case networkConnect = "network.connect"
    case networkDisconnect = "network.disconnect"
    case networkPrune = "network.prune"
    case networkDelete = "network.delete"

    // debug router (expvar and net/http/pprof)
    case debugVars = "debug.vars"
    case debugPprof = "debug.pprof"
    case debugPprofCmdline = "debug.pprof.cmdline"
    case debugPprofProfile = "debug.pprof.profile"
    case debugPprofSymbol = "debug.pprof.symbol"
    case debugPprofTrace = "debug.pprof.trace"
    case debugPprofLookup = "debug.pprof.lookup"

    /// No route: dockerd answers 404. Denied.
    case unknown = "unknown"

    /// The stable id.
    public var id: String { rawValue }

    public var description: String { rawValue }

    /// What the gate must know about requests to this endpoint; `EndpointFacts.unknown`
    /// for `.unknown`.
    public var facts: EndpointFacts {
        Self.factsByEndpoint[self] ?? .unknown
    }

    private static let factsByEndpoint: [Endpoint: EndpointFacts] = {
        var facts: [Endpoint: EndpointFacts] = [:]
        for route in RouteTable.union.routes where facts[route.endpoint] == nil {
            facts[route.endpoint] = route.facts
        }
        return facts
    }()
}
