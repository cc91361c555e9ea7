/// A named, ordered list of checks and the settings they use. The engine runs the checks in
/// order and the first denial wins, so the order is part of the profile.
public struct Profile: Sendable {
    public let name: String
    public let checks: [Check]
    public let settings: ProfileSettings
    /// The built-in profile a policy file's profile extends; nil for the built-ins.
    public let base: String?
    /// What a denial by this profile's checks does (`enforce` unless a policy file says so).
    public let mode: RolloutMode

    public init(
        name: String, checks: [Check], settings: ProfileSettings, base: String? = nil, mode: RolloutMode = .enforce
    ) {
        self.mode = mode
        self.name = name
        self.checks = checks
        self.settings = settings
        self.base = base
    }

    /// A policy file's profile: `base`'s checks with the file's settings.
    public init(name: String, basedOn base: Profile, settings: ProfileSettings, mode: RolloutMode = .enforce) {
        self.init(name: name, checks: base.checks, settings: settings, base: base.name, mode: mode)
    }

    /// The same profile with another rollout mode (a team's `mode`).
    public func with(mode: RolloutMode) -> Profile {
        Profile(name: name, checks: checks, settings: settings, base: base, mode: mode)
    }

    /// `privileged`: no body checks (requests are still parsed, classified and audited).
    public static let privileged = Profile(name: "privileged", checks: [], settings: ProfileSettings())

    /// `baseline`, the default when no policy file is given: no privileged mode, no host
    /// namespaces, no root user, no added capabilities, no host mounts or devices, no
    /// weakened confinement — Kubernetes' PSS baseline mapped onto the Docker API
    /// (docker-api-surface.md §5.1) plus the Docker fields PSS has no control for — and none
    /// of the endpoints that hand out the host regardless of the body (plugins, swarm,
    /// BuildKit sessions, debug), nor a legacy build in the host's namespaces. Services are
    /// held to the container rules; volumes and networks created through dockgate reach no
    /// host path, device or interface.
    public static let baseline = Profile(name: "baseline", checks: Check.baseline, settings: ProfileSettings())

    /// `restricted`: the baseline, plus what Kubernetes' PSS restricted and the CIS Docker
    /// Benchmark's §5 ask of a container (docker-api-surface.md §5.2, §5.3): every capability
    /// dropped (`NET_BIND_SERVICE` may be added back), no-new-privileges, a read-only root
    /// filesystem, memory, CPU and process limits that updates cannot lift, a private cgroup
    /// namespace, ports published on one address, images only from `docker.io/library` (the
    /// official images), and no image names written. Services are held to the same rules
    /// where their spec has the field.
    public static let restricted = Profile(
        name: "restricted", checks: Check.restricted, settings: ProfileSettings.restricted)

    /// The built-in profile of that name (compared by bytes), or nil.
    public static func builtin(named name: String) -> Profile? {
        builtins.first { $0.name.bytesEqual(name) }
    }

    /// Every built-in profile, from the least to the most restrictive.
    public static let builtins: [Profile] = [privileged, baseline, restricted]

    /// The same checks with other settings (from a policy file).
    public func with(settings: ProfileSettings) -> Profile {
        Profile(name: name, checks: checks, settings: settings, base: base, mode: mode)
    }
}

extension Check {
    /// The checks every profile runs first when the policy has teams: a team calls only its
    /// role's endpoints, and touches only what it owns, within its quota. No-ops for admins and single-tenant policies.
    public static let team: [Check] = [role, ownership, teamQuota]

    /// The baseline's checks, in the order they run.
    public static let baseline: [Check] = [
        blockedEndpoints, validBody, noPrivileged, noHostNetwork, safeNetworkCreate, noRootUser, noCapAdd,
        noHostNamespaces, noHostMounts, safeVolumeCreate, noDevices, noUnconfinedSecurity, safeSysctls, allowedRuntime,
        noOomTricks, noRootGroup, noAnnotations, noCgroupEscape, noVolumesFromHost, localLogDrivers, safeBuild,
    ]
}

extension Check {
    /// The restricted profile's checks, in the order they run: the baseline's, with the image
    /// rules right after the body is known to be readable (so an image that is not allowed is
    /// refused before anything is looked up about it), and the requirements last.
    public static let restricted: [Check] =
        Array(baseline.prefix(2)) + [trustedImages, imageWrites] + baseline.dropFirst(2) + [
            dropAllCapabilities, noNewPrivileges, readOnlyRootfs, memoryLimit, cpuLimit, pidsLimit, privateCgroupns,
            publishedPorts,
        ]
}

extension ProfileSettings {
    /// The restricted profile's defaults: the baseline's, with `CAP_NET_BIND_SERVICE` the one
    /// capability that may be added back, official Docker Hub images only (policy files widen
    /// the list), and no image names written.
    public static let restricted = ProfileSettings(
        allowedCapabilities: ["CAP_NET_BIND_SERVICE"], allowedImages: ["docker.io/library/*"], writableImageNames: [])
}
