import DockerAPI

/// Check `valid-body`: dockerd must be able to read the body, and read it only one way.
///
/// Restricted: the bodies the policy reads through a typed view — `POST /containers/create`,
/// `POST /containers/{id}/exec`, `POST /containers/{id}/update`, `POST /volumes/create`,
/// `POST /networks/create`, `POST /networks/{id}/connect`, `POST /services/create` and
/// `POST /services/{id}/update`.
///
/// Allowed: a JSON object; for container create, with its HostConfig fields inside
/// `"HostConfig"` or (the legacy form, docker-api-surface.md §2.2) at the top level. No body
/// at all for `POST /volumes/create`, which dockerd (from 23.0) reads as an anonymous `local`
/// volume.
///
/// Denied: no body where dockerd needs one (it answers 400, or fails on the empty spec); a
/// body that is not an object; a `"HostConfig"` that is neither an object nor `null`;
/// HostConfig fields both inside `"HostConfig"` and at the top level, which daemons up to v26
/// and from v27 read differently. A wrongly typed field further down is denied by the check
/// that reads it.
enum CheckValidBody {
    static let id = "valid-body"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        switch context.request.body {
        case .unreadable(let error):
            return .unreadable(error)
        case .none:
            switch context.request.endpoint {
            case .containerCreate, .execCreate, .containerUpdate, .networkCreate, .networkConnect, .networkDisconnect,
                .serviceCreate, .serviceUpdate, .secretCreate, .secretUpdate, .configCreate, .configUpdate:
                return .forbidden(
                    reason: "the request has no body, where dockerd needs a JSON object",
                    detail: "\(context.request.endpoint) without a body")
            default:
                return .allowed
            }
        case .containerCreate, .execCreate, .containerUpdate, .volumeCreate, .networkCreate, .networkConnect,
            .networkDisconnect, .swarmObjectSpec, .serviceSpec, .json:
            return .allowed
        }
    }
}

extension Check {
    public static let validBody = Check(id: CheckValidBody.id, CheckValidBody.evaluate)
}
