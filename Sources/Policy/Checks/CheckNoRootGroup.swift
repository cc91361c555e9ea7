import DockerAPI

/// Check `no-root-group`: processes get no gid 0, as primary or supplementary group.
///
/// Restricted fields:
/// - `POST /containers/create`: the group part of `User` (`1000:0`), and `HostConfig.GroupAdd`
///   (or the top-level alias);
/// - `POST /containers/{id}/exec`: the group part of `User`;
/// - `POST /exec/{id}/start`: the group part of the recorded exec's `ProcessConfig.user` (a
///   fact), which is the container's own user when exec create gave none;
/// - `POST /services/create`, `POST /services/{id}/update`: the group part of
///   `TaskTemplate.ContainerSpec.User`, and `…ContainerSpec.Groups`, which the executor
///   passes on as `GroupAdd`.
///
/// Allowed values: a group part that is absent or empty (the user's own group), a numeric gid
/// from 1 to 2³¹−1, or a group name the profile trusts (`trustedGroupNames`, default none);
/// the same for each `GroupAdd` (`Groups`) entry. Denied: `0` in any spelling Go's `Atoi`
/// accepts (`00`, `+0`), `root`, numbers runc refuses, and other names — resolved in the
/// image's own `/etc/group`. (runc matches `GroupAdd` entries against group names before numbers, so an
/// image could even name a group `1000`; numeric entries are allowed nonetheless.)
enum CheckNoRootGroup {
    static let id = "no-root-group"

    /// The fields that name groups in one request body, with their places in it.
    struct GroupFields {
        let user: Field<String>
        let userPath: String
        /// `GroupAdd` or `Groups`, if the body has such a field.
        var groups: (field: Field<[String]>, path: String)?
    }

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let settings = context.settings
        return .reading { () throws(ViewError) in
            guard let fields = try groupFields(context.request) else { return execStart(context) }
            if let spec = try fields.user.get(), let group = UserSpec(spec, settings: settings).group,
                let reason = problem(group)
            {
                return .forbidden(reason: reason, detail: detail(fields.userPath, spec))
            }
            if let (field, path) = fields.groups {
                for (index, entry) in (try field.get() ?? []).enumerated() {
                    if let reason = problem(UserSpec.identity(entry, trusted: settings.trustedGroupNames)) {
                        return .forbidden(reason: reason, detail: detail("\(path)[\(index)]", entry))
                    }
                }
            }
            return .allowed
        }
    }

    /// Create, exec create and service bodies; nil for any other request.
    static func groupFields(_ request: PolicyRequest) throws(ViewError) -> GroupFields? {
        switch request.body {
        case .containerCreate(let create):
            let host = create.hostConfig
            return GroupFields(
                user: create.config.user, userPath: "User", groups: (host.groupAdd, "\(host.path)GroupAdd"))
        case .execCreate(let exec):
            return GroupFields(user: exec.user, userPath: "User")
        case .serviceSpec:
            guard let spec = try request.containerSpec() else { return nil }
            return GroupFields(
                user: spec.user, userPath: "\(spec.path)User", groups: (spec.groups, "\(spec.path)Groups"))
        default:
            return nil
        }
    }

    /// `POST /exec/{id}/start`: the group part of the recorded user (dockerd recorded the
    /// container's user when exec create gave none).
    static func execStart(_ context: CheckContext) -> CheckResult {
        guard context.request.endpoint == .execStart else { return .allowed }
        return context.recordedExec({ "which group exec \($0) runs with" }) { exec, detail in
            guard let group = UserSpec(exec.user, settings: context.settings).group, let reason = problem(group) else {
                return .allowed
            }
            return .forbidden(reason: reason, detail: "\(detail): ProcessConfig.user=\(quoted(exec.user))")
        }
    }

    static func problem(_ group: UserSpec.Identity) -> String? {
        switch group {
        case .id(0), .root, .empty: "the root group is not allowed"
        case .outOfRange(let number): "group id \(number) is out of range"
        case .untrustedName(let name):
            "group name \(quoted(name)) is resolved inside the image and may be the root group; use a numeric group id"
        case .id, .trustedName: nil
        }
    }
}

extension Check {
    public static let noRootGroup = Check(id: CheckNoRootGroup.id, CheckNoRootGroup.evaluate)
}
