/// How dockerd reads a mount's `Type` and a bind mount's `Propagation`, which differs between
/// a container's `HostConfig.Mounts` and a service's `ContainerSpec.Mounts`:
/// - a container's are compared exactly (`BIND` is "mount type unknown", `RSHARED` an invalid
///   propagation);
/// - a service's go through swarmkit's converter, which upper-cases them with Go's
///   `strings.ToUpper` and looks them up in its enums: `Bind`, `bınd` and `""` (the enum's
///   zero) are all `BIND`, `rShared` is `RSHARED`, and `image` is unknown.
enum MountMode {
    case container, service

    enum MountType: Equatable {
        case bind, volume, tmpfs, image
        /// `npipe`, `cluster`, or a type dockerd refuses.
        case other
    }

    func type(_ raw: String) -> MountType {
        switch self {
        case .container:
            if raw.bytesEqual("bind") { return .bind }
            if raw.bytesEqual("volume") { return .volume }
            if raw.bytesEqual("tmpfs") { return .tmpfs }
            if raw.bytesEqual("image") { return .image }
            return .other
        case .service:
            let upper = raw.goUppercased
            if upper.isEmpty || upper.bytesEqual("BIND") { return .bind }
            if upper.bytesEqual("VOLUME") { return .volume }
            if upper.bytesEqual("TMPFS") { return .tmpfs }
            return .other
        }
    }

    /// `shared` or `rshared`: mounts made in the container propagate back to the host.
    func isShared(_ propagation: String) -> Bool {
        switch self {
        case .container: PropagationMode.isShared(propagation)
        case .service: ["SHARED", "RSHARED"].containsBytes(propagation.goUppercased)
        }
    }
}
