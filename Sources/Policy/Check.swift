/// One policy check: a stable id and a pure function of the request, the caller, the facts
/// and the profile's settings. The functions live one per file under `Checks/`, each opening
/// with a doc block naming the fields it restricts and the values it allows.
///
/// A check looks only at the endpoints it knows (it switches over `PolicyRequest.body`) and
/// returns `.allowed` for every other request.
public struct Check: Sendable {
    public let id: String
    private let function: @Sendable (CheckContext) -> CheckResult

    public init(id: String, _ function: @escaping @Sendable (CheckContext) -> CheckResult) {
        self.id = id
        self.function = function
    }

    public func evaluate(_ context: CheckContext) -> CheckResult {
        function(context)
    }
}

/// Everything a check may look at.
public struct CheckContext: Sendable {
    public let identity: CallerIdentity
    public let request: PolicyRequest
    public let facts: Facts
    public let settings: ProfileSettings

    public init(identity: CallerIdentity, request: PolicyRequest, facts: Facts, settings: ProfileSettings) {
        self.identity = identity
        self.request = request
        self.facts = facts
        self.settings = settings
    }
}
