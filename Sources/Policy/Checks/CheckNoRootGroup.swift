import DockerAPI

/// Check `no-root-group`: processes get no gid 0, as primary or supplementary group.
///
/// Restricted fields:
/// - `POST /containers/create`: the group part of `User` (`1000:0`), and `HostConfig.GroupAdd`
///   (or the top-level alias);
/// - `POST /containers/{id}/exec`: the group part of `User`;
/// - `POST /exec/{id}/start`: the group part of the recorded exec's `ProcessConfig.user` (a
///   fact), which is the container's own user when exec create gave none.
///
/// Allowed values: a group part that is absent or empty (the user's own group), a numeric gid
/// from 1 to 2³¹−1, or a group name the profile trusts (`trustedGroupNames`, default none);
/// the same for each `GroupAdd` entry. Denied: `0` in any spelling Go's `Atoi` accepts
/// (`00`, `+0`), `root`, numbers runc refuses, and other names — resolved in the image's own
/// `/etc/group`. (runc matches `GroupAdd` entries against group names before numbers, so an
/// image could even name a group `1000`; numeric entries are allowed nonetheless.)
enum CheckNoRootGroup {
    static let id = "no-root-group"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let settings = context.settings
        let user: Field<String>
        var groupAdd: (Field<[String]>, String)?
        switch context.request.body {
        case .containerCreate(let create):
            user = create.config.user
            groupAdd = (create.hostConfig.groupAdd, "\(create.hostConfig.path)GroupAdd")
        case .execCreate(let exec):
            user = exec.user
        default:
            return execStart(context)
        }
        return .reading { () throws(ViewError) in
            if let spec = try user.get(), let group = UserSpec(spec, settings: settings).group,
                let reason = problem(group)
            {
                return .forbidden(reason: reason, detail: detail("User", spec))
            }
            if let (field, path) = groupAdd {
                for (index, entry) in (try field.get() ?? []).enumerated() {
                    if let reason = problem(UserSpec.identity(entry, trusted: settings.trustedGroupNames)) {
                        return .forbidden(reason: reason, detail: detail("\(path)[\(index)]", entry))
                    }
                }
            }
            return .allowed
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
