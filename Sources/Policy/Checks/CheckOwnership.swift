import DockerAPI

/// Check `ownership`: a team member names only objects its team created through dockgate
/// (label `dockgate.owner=<team>`), and cannot forge that label. Admins and single-tenant
/// policies (no `teams`) skip it.
///
/// Restricted:
/// - every container endpoint naming a container (`inspect`, `logs`, `exec`, `archive`,
///   `attach`, `stop`, `rm`, `rename`, checkpoints, `commit` by its `container` query, …): the container (a fact: the daemon
///   resolves the name, ID or ID prefix exactly as for the request itself);
/// - `exec` start, resize and inspect: the exec's container (two facts);
/// - volume, network and service endpoints naming one: that object;
/// - `POST /containers/create`: `Labels`; `container:X` in `NetworkMode`, `PidMode`,
///   `IpcMode`; `VolumesFrom`; `Links`; named volumes in `Binds` and `Mounts` (they must
///   exist: one dockerd would create on the fly would carry no owner); user-defined networks
///   in `NetworkMode` and `NetworkingConfig`;
/// - `POST /volumes/create`, `/networks/create`: `Labels` (also keys differing from the owner
///   label only in case, which the gate could not stamp beside); `POST /networks/{id}/connect`
///   and `/disconnect`: `Container` (also on the built-in networks every team may use: no team
///   cuts another's container off `bridge`); `POST /services/create|update`: `Labels` and `ContainerSpec.Labels` (an
///   update may keep the team's own label, which the CLI sends back), and the networks in
///   `TaskTemplate.Networks` and the deprecated top-level `Networks`;
/// - secrets and configs: inspect, delete and update only the team's own, create without a
///   forged owner label; a service's `ContainerSpec.Secrets`, `Configs` and named-volume
///   `Mounts` only the team's own (each would hand its content to the service's tasks);
/// - endpoints that show or change every team's objects and cannot be filtered: `/system/df`,
///   tasks, image and build-cache prune, legacy `copy`.
///
/// Allowed: objects whose owner label is the caller's team; names the daemon does not know
/// (it answers 404); the built-in networks `bridge`, `none`, `host` and `default` (host
/// networking is `no-host-network`'s to refuse). List calls, prunes and events are allowed:
/// the gate adds the team's owner label to their `filters`.
enum CheckOwnership {
    static let id = "ownership"
    static let builtinNetworks = ["", "default", "bridge", "none", "host"]

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard context.identity.enforcesOwnership else { return .allowed }
        let request = context.request
        let endpoint = request.endpoint
        switch endpoint {
        case .systemDiskUsage, .taskList, .taskInspect, .taskLogs, .imagePrune, .buildPrune, .containerCopy:
            return .forbidden(
                reason: "\(endpoint) is for admins: it shows or changes every team's objects",
                detail: "\(request.method) \(endpoint)")
        case .containerList, .containerPrune, .volumeList, .volumePrune, .networkList, .networkPrune, .serviceList,
            .systemEvents:
            return .allowed
        case .containerCreate:
            return .reading { () throws(ViewError) in try containerCreate(context) }
        case .execStart, .execResize, .execInspect:
            let id = request.target
            switch context.facts.execs[id] {
            case nil:
                return .undetermined(
                    "which container exec \(quoted(id)) runs in", missing: .exec(id), detail: "exec \(quoted(id))")
            case .notFound: return .allowed
            case .found(let exec): return container(exec.containerID, context: context, via: "exec \(quoted(id))")
            }
        case .volumeInspect, .volumeDelete, .volumeUpdate:
            return volume(request.target, context: context, mustExist: false)
        case .networkInspect, .networkDelete:
            return network(request.target, context: context)
        case .networkConnect, .networkDisconnect:
            let owned = network(request.target, context: context)
            guard owned == .allowed else { return owned }
            return .reading { () throws(ViewError) in
                let name: String?
                switch request.body {
                case .networkConnect(let view): name = try view.container.get()
                case .networkDisconnect(let view): name = try view.container.get()
                default: name = nil
                }
                guard let name, !name.isEmpty else { return .allowed }
                return container(name, context: context)
            }
        case .volumeCreate, .networkCreate:
            return .reading { () throws(ViewError) in
                let labels: StringMap?
                switch request.body {
                case .volumeCreate(let view): labels = try view.labels.get()
                case .networkCreate(let view): labels = try view.labels.get()
                default: labels = nil
                }
                return forgedLabel(labels, path: "Labels", context: context, ownAllowed: false)
            }
        case .serviceCreate, .serviceUpdate:
            return .reading { () throws(ViewError) in
                let isUpdate = endpoint == .serviceUpdate
                if isUpdate {
                    let owned = service(request.target, context: context)
                    if owned != .allowed { return owned }
                }
                let serviceLabels = forgedLabel(
                    try request.serviceSpec?.labels.get(), path: "Labels", context: context, ownAllowed: isUpdate)
                if serviceLabels != .allowed { return serviceLabels }
                let taskLabels = forgedLabel(
                    try request.containerSpec()?.labels.get(), path: "TaskTemplate.ContainerSpec.Labels",
                    context: context, ownAllowed: isUpdate)
                if taskLabels != .allowed { return taskLabels }
                for attachment in try request.serviceNetworks() {
                    let result = network(try attachment.target.get() ?? "", context: context)
                    if result != .allowed { return result }
                }
                return try serviceContainerSpec(context)
            }
        case .serviceInspect, .serviceDelete, .serviceLogs:
            return service(request.target, context: context)
        case .secretInspect, .secretDelete:
            return swarmObject(.secret, request.target, context: context)
        case .configInspect, .configDelete:
            return swarmObject(.config, request.target, context: context)
        case .secretCreate, .configCreate, .secretUpdate, .configUpdate:
            return .reading { () throws(ViewError) in
                let isUpdate = endpoint == .secretUpdate || endpoint == .configUpdate
                if isUpdate {
                    let owned = swarmObject(
                        endpoint == .secretUpdate ? .secret : .config, request.target, context: context)
                    if owned != .allowed { return owned }
                }
                guard case .swarmObjectSpec(let spec) = request.body else { return .allowed }
                return forgedLabel(try spec.labels.get(), path: "Labels", context: context, ownAllowed: isUpdate)
            }
        case .execCreate:
            return container(request.target, context: context)
        case .containerCommit:
            // `POST /commit?container=…`: the container is in the query (none: dockerd answers 404).
            let name = request.query.first("container") ?? ""
            return name.isEmpty ? .allowed : container(name, context: context)
        default:
            // `/containers/{name}/checkpoints…` is the checkpoint family, and names a container too.
            if ["container", "checkpoint"].contains(Role.family(endpoint)) {
                return container(request.target, context: context)
            }
            return .allowed
        }
    }

    // MARK: container create

    static func containerCreate(_ context: CheckContext) throws(ViewError) -> CheckResult {
        guard let create = context.request.containerCreate else { return .allowed }
        let labels = forgedLabel(try create.config.labels.get(), path: "Labels", context: context, ownAllowed: false)
        if labels != .allowed { return labels }
        let host = create.hostConfig
        for (field, mode) in [
            ("NetworkMode", try host.networkMode.get()), ("PidMode", try host.pidMode.get()),
            ("IpcMode", try host.ipcMode.get()),
        ] {
            guard let mode else { continue }
            if let joined = NamespaceResolver.containerReference(mode) {
                let result = container(joined, context: context, via: "\(host.path)\(field)")
                if result != .allowed { return result }
            } else if field == "NetworkMode" {
                let result = network(mode, context: context)
                if result != .allowed { return result }
            }
        }
        for entry in try host.volumesFrom.get() ?? [] {
            let name = String(entry.splitBytes(":", maxSplits: 1).first ?? "")
            let result = container(name, context: context, via: "\(host.path)VolumesFrom")
            if result != .allowed { return result }
        }
        for link in try host.links.get() ?? [] {
            let name = String(link.splitBytes(":", maxSplits: 1).first ?? "")
            let result = container(
                name.hasPrefix("/") ? String(name.dropFirst()) : name, context: context, via: "\(host.path)Links")
            if result != .allowed { return result }
        }
        for raw in try host.binds.get() ?? [] {
            guard let name = BindSpec(raw).volumeName else { continue }
            let result = volume(name, context: context, mustExist: true)
            if result != .allowed { return result }
        }
        for mount in try host.mounts.get() ?? [] {
            guard MountMode.container.type(try mount.type.get() ?? "") == .volume,
                let name = try mount.source.get(), !name.isEmpty
            else { continue }
            let result = volume(name, context: context, mustExist: true)
            if result != .allowed { return result }
        }
        for entry in try create.networkingConfig.get()?.endpointsConfig.get() ?? [] {
            let result = network(entry.network, context: context)
            if result != .allowed { return result }
        }
        return .allowed
    }

    // MARK: owners

    static func forgedLabel(_ labels: StringMap?, path: String, context: CheckContext, ownAllowed: Bool) -> CheckResult
    {
        guard let labels else { return .allowed }
        // Go keeps `Dockgate.Owner` apart from the owner label, but the gate could not add the
        // owner label beside it (names in a JSON object it forwards stay distinct under folding).
        let ownerFolded = GoKey.fold(OwnerLabel.key)
        if let lookalike = labels.entries.first(where: {
            !$0.key.bytesEqual(OwnerLabel.key) && GoKey.fold($0.key) == ownerFolded
        }) {
            return .forbidden(
                reason: "the label \(quoted(lookalike.key)) differs from \(OwnerLabel.key) only in case; dockgate"
                    + " could not add the owner label beside it",
                detail: "\(path).\(lookalike.key)=\(quoted(lookalike.value))")
        }
        guard let value = labels[OwnerLabel.key] else { return .allowed }
        if ownAllowed && value.bytesEqual(context.identity.team) { return .allowed }
        return .forbidden(
            reason: "the label \(OwnerLabel.key) is set by dockgate, not by clients",
            detail: "\(path).\(OwnerLabel.key)=\(quoted(value))")
    }

    static func container(_ reference: String, context: CheckContext, via: String? = nil) -> CheckResult {
        let what = "container \(quoted(reference))"
        switch context.facts.containers[reference] {
        case nil:
            return .undetermined("who owns \(what)", missing: .container(reference), detail: via ?? what)
        case .notFound:
            return .allowed
        case .found(let fact):
            return verdict(owner: fact.owner, what: what, context: context, detail: via ?? what)
        }
    }

    static func volume(_ name: String, context: CheckContext, mustExist: Bool) -> CheckResult {
        let what = "volume \(quoted(name))"
        switch context.facts.volumes[name] {
        case nil:
            return .undetermined("who owns \(what)", missing: .volume(name), detail: what)
        case .notFound:
            return mustExist
                ? .forbidden(
                    reason:
                        "\(what) does not exist; create it first with docker volume create, so it belongs to your team",
                    detail: what)
                : .allowed
        case .found(let fact):
            return verdict(owner: fact.owner, what: what, context: context, detail: what)
        }
    }

    static func network(_ name: String, context: CheckContext) -> CheckResult {
        if builtinNetworks.contains(where: { $0.bytesEqual(name) }) { return .allowed }
        let what = "network \(quoted(name))"
        switch context.facts.networks[name] {
        case nil:
            return .undetermined("who owns \(what)", missing: .network(name), detail: what)
        case .notFound:
            return .allowed
        case .found(let fact):
            if builtinNetworks.contains(where: { $0.bytesEqual(fact.name) }) && fact.owner == nil { return .allowed }
            return verdict(owner: fact.owner, what: what, context: context, detail: what)
        }
    }

    /// What a service's tasks get from elsewhere: named volumes (which must exist and be the
    /// team's, as for a container), and secrets and configs (the team's: an admin creates them
    /// with `--label dockgate.owner=<team>`), each of which would hand its content to the task.
    static func serviceContainerSpec(_ context: CheckContext) throws(ViewError) -> CheckResult {
        guard let spec = try context.request.containerSpec() else { return .allowed }
        for mount in try spec.mounts.get() ?? [] {
            guard MountMode.service.type(try mount.type.get() ?? "") == .volume,
                let name = try mount.source.get(), !name.isEmpty
            else { continue }
            let result = volume(name, context: context, mustExist: true)
            if result != .allowed { return result }
        }
        for (kind, references) in [
            (SwarmObjectKind.secret, try spec.secrets.get() ?? []), (.config, try spec.configs.get() ?? []),
        ] {
            for reference in references {
                // The swarm resolves the ID; the name is only a label beside it.
                let id = try reference.id.get() ?? ""
                let key = id.isEmpty ? try reference.name.get() ?? "" : id
                guard !key.isEmpty else { continue }
                let result = swarmObject(kind, key, context: context)
                if result != .allowed { return result }
            }
        }
        return .allowed
    }

    enum SwarmObjectKind: String {
        case secret, config
    }

    /// A secret or config: the team's own, or not found (dockerd answers 404).
    static func swarmObject(_ kind: SwarmObjectKind, _ key: String, context: CheckContext) -> CheckResult {
        let what = "\(kind.rawValue) \(quoted(key))"
        let fact = kind == .secret ? context.facts.secrets[key] : context.facts.configs[key]
        switch fact {
        case nil:
            return .undetermined(
                "who owns \(what)", missing: kind == .secret ? .secret(key) : .config(key), detail: what)
        case .notFound:
            return .allowed
        case .found(let found):
            return verdict(owner: found.owner, what: what, context: context, detail: what)
        }
    }

    static func service(_ name: String, context: CheckContext) -> CheckResult {
        let what = "service \(quoted(name))"
        switch context.facts.services[name] {
        case nil:
            return .undetermined("who owns \(what)", missing: .service(name), detail: what)
        case .notFound:
            return .allowed
        case .found(let fact):
            return verdict(owner: fact.owner, what: what, context: context, detail: what)
        }
    }

    static func verdict(owner: String?, what: String, context: CheckContext, detail: String) -> CheckResult {
        guard let owner else {
            return .forbidden(
                reason: "\(what) was not created through dockgate by your team; only admins may use it",
                detail: "\(detail): no \(OwnerLabel.key) label")
        }
        guard owner.bytesEqual(context.identity.team) else {
            return .forbidden(
                reason: "\(what) belongs to another team", detail: "\(detail): \(OwnerLabel.key)=\(quoted(owner))")
        }
        return .allowed
    }
}

extension Check {
    public static let ownership = Check(id: CheckOwnership.id, CheckOwnership.evaluate)
}
