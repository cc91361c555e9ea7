import DockerAPI

/// Check `no-privileged`: no privileged container, no privileged exec.
///
/// Restricted fields:
/// - `POST /containers/create`: `HostConfig.Privileged` (any key case; the top-level alias on
///   daemons up to v26);
/// - `POST /containers/{id}/exec`: `Privileged`;
/// - `POST /exec/{id}/start`: the exec as dockerd recorded it (`ProcessConfig.privileged`,
///   a fact), since the start request itself carries no privilege field.
///
/// Allowed values: absent, `null` (Go leaves the bool false) or `false`.
enum CheckNoPrivileged {
    static let id = "no-privileged"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let request = context.request
        switch request.endpoint {
        case .containerCreate:
            guard let host = request.hostConfig else { return .allowed }
            return .reading { () throws(ViewError) in
                try host.privileged.get() == true
                    ? .forbidden(reason: "privileged containers are not allowed", detail: "\(host.path)Privileged=true")
                    : .allowed
            }
        case .execCreate:
            guard let exec = request.execCreate else { return .allowed }
            return .reading { () throws(ViewError) in
                try exec.privileged.get() == true
                    ? .forbidden(reason: "privileged exec is not allowed", detail: "Privileged=true")
                    : .allowed
            }
        case .execStart:
            return context.recordedExec({ "whether exec \($0) is privileged" }) { exec, detail in
                exec.privileged
                    ? .forbidden(
                        reason: "privileged exec is not allowed", detail: "\(detail): ProcessConfig.privileged=true")
                    : .allowed
            }
        default:
            return .allowed
        }
    }
}

extension Check {
    public static let noPrivileged = Check(id: CheckNoPrivileged.id, CheckNoPrivileged.evaluate)
}
