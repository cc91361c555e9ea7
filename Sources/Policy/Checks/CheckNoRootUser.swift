import DockerAPI

/// Check `no-root-user`: processes must not run as uid 0.
///
/// Restricted fields:
/// - `POST /containers/create`: `User`; when it is `""`, the image's `Config.User` (a fact),
///   which dockerd uses instead;
/// - `POST /containers/{id}/exec`: `User`; when `""`, the container's `Config.User` (a fact);
/// - `POST /exec/{id}/start`: `ProcessConfig.user` of the recorded exec (a fact; dockerd
///   stored the container's user there when exec create gave none);
/// - `POST /services/create`, `POST /services/{id}/update`: `TaskTemplate.ContainerSpec.User`;
///   when `""`, the image's `Config.User` (a fact) — but only for an image pinned by digest
///   (`name@sha256:…`, or an image ID `sha256:…`), because each node pulls a tag again and
///   may get another image than the one this daemon has; a tag with an empty user is denied.
///
/// Allowed values (read as runc reads `user[:group]`, see `UserSpec`): a numeric uid from 1
/// to 2³¹−1 (`1000`, `+1000`, `1000:1000`), or a user name the profile trusts. Denied: `0`
/// in any spelling Go's `Atoi` accepts (`00`, `+0`, `-0`, `0:0`), `root`, an empty user part
/// (`""` with an empty image user, `:1000`), numbers runc refuses, and untrusted names —
/// dockerd resolves them in the image's own `/etc/passwd`, so `toor` may be uid 0.
enum CheckNoRootUser {
    static let id = "no-root-user"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let request = context.request
        switch request.body {
        case .containerCreate(let create):
            return .reading { () throws(ViewError) in
                let user = try create.config.user.get() ?? ""
                if !user.isEmpty { return verdict(user, detail: detail("User", user), context: context) }
                return imageUser(try create.config.image.get() ?? "", userPath: "User", context: context)
            }
        case .serviceSpec:
            return .reading { () throws(ViewError) in
                guard let spec = try request.containerSpec() else { return .allowed }
                let userPath = "\(spec.path)User"
                let user = try spec.user.get() ?? ""
                if !user.isEmpty { return verdict(user, detail: detail(userPath, user), context: context) }
                let image = try spec.image.get() ?? ""
                if !image.isEmpty, !isPinned(image) {
                    return .forbidden(
                        reason: "the service runs image \(shown(image)) by tag with no user, and each node pulls that"
                            + " tag again, so the user it runs as cannot be checked; set a non-root user (--user UID)"
                            + " or pin the image by digest",
                        detail: "\(userPath)=\"\"")
                }
                return imageUser(image, userPath: userPath, context: context)
            }
        case .execCreate(let exec):
            return .reading { () throws(ViewError) in
                let user = try exec.user.get() ?? ""
                if !user.isEmpty { return verdict(user, detail: detail("User", user), context: context) }
                switch context.facts.containers[request.target] {
                case nil:
                    return .undetermined(
                        "which user container \(shown(request.target)) runs as", missing: .container(request.target),
                        detail: "User=\"\"")
                case .notFound:
                    return .allowed
                case .found(let container):
                    return verdict(
                        container.user,
                        detail: "User=\"\", container \(shown(request.target)) has User \(quoted(container.user))",
                        source: "container \(shown(request.target)) runs as", context: context)
                }
            }
        default:
            guard request.endpoint == .execStart else { return .allowed }
            return context.recordedExec({ "which user exec \($0) runs as" }) { exec, detail in
                verdict(exec.user, detail: "\(detail): ProcessConfig.user=\(quoted(exec.user))", context: context)
            }
        }
    }

    /// The verdict on an empty `User` (at `userPath`): the user of `image`, a fact.
    static func imageUser(_ image: String, userPath: String, context: CheckContext) -> CheckResult {
        let emptyUser = "\(userPath)=\"\""
        guard !image.isEmpty else {
            return .forbidden(
                reason: "the request names no image, so the user it runs as is unknown", detail: emptyUser)
        }
        switch context.facts.images[image] {
        case nil:
            return .undetermined("which user image \(shown(image)) runs as", missing: .image(image), detail: emptyUser)
        case .notFound:
            return .forbidden(
                reason: "image \(shown(image)) is not on the daemon, so the user it runs as is unknown;"
                    + " pull it first or set a non-root user (--user UID)",
                detail: emptyUser)
        case .found(let fact):
            return verdict(
                fact.user, detail: "\(emptyUser), image \(shown(image)) has USER \(quoted(fact.user))",
                source: "image \(shown(image)) runs as", context: context)
        }
    }

    /// Whether every node resolves `image` to the same image: a reference ending in
    /// `@sha256:` and 64 lower-case hex digits, or the image ID `sha256:` and 64 of them.
    static func isPinned(_ image: String) -> Bool {
        let bytes = Array(image.utf8)
        let digestLength = "sha256:".utf8.count + 64
        guard bytes.count >= digestLength else { return false }
        let digest = bytes.suffix(digestLength)
        guard digest.starts(with: "sha256:".utf8),
            digest.dropFirst(7).allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return false }
        return bytes.count == digestLength || bytes[bytes.count - digestLength - 1] == UInt8(ascii: "@")
    }

    /// The verdict on one user spec; `source` says whose default it is, if it is one.
    static func verdict(_ spec: String, detail: String, source: String? = nil, context: CheckContext) -> CheckResult {
        let settings = context.settings
        let parsed = UserSpec(spec, settings: settings)
        let subject = source.map { "\($0) \(quoted(spec)), and " } ?? ""
        switch parsed.user {
        case .id(0), .root:
            return .forbidden(
                reason: "\(subject)running as root is not allowed; set a non-root user (--user UID)", detail: detail)
        case .empty:
            return .forbidden(
                reason: "\(subject)an empty user means root, which is not allowed; set a non-root user (--user UID)",
                detail: detail)
        case .outOfRange(let number):
            return .forbidden(reason: "\(subject)user id \(number) is out of range", detail: detail)
        case .untrustedName(let name):
            return .forbidden(
                reason: "\(subject)user name \(quoted(name)) is resolved inside the image and may be root;"
                    + " use a numeric user id",
                detail: detail)
        case .id, .trustedName:
            return .allowed
        }
    }
}

extension Check {
    public static let noRootUser = Check(id: CheckNoRootUser.id, CheckNoRootUser.evaluate)
}
