/// Check `role`: a team member calls only the endpoints of the team's role (`Role`), before
/// any other rule. Single-tenant policies (no `teams`) skip it.
///
/// Restricted: the endpoint and method. Allowed: `readonly` — reads that hand out no files,
/// terminals or whole images; `operator` — the container, exec, image, build, volume,
/// network, service and system families; `admin` — everything; a custom role — the families
/// and endpoint ids it lists.
enum CheckRole {
    static let id = "role"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let role = context.identity.role else { return .allowed }
        let request = context.request
        guard !role.allows(request.endpoint, method: request.method) else { return .allowed }
        return .forbidden(
            reason: "role \(role.name) of team \(context.identity.team) may not call \(request.endpoint)",
            detail: "\(request.method) \(request.endpoint)")
    }
}

extension Check {
    public static let role = Check(id: CheckRole.id, CheckRole.evaluate)
}
