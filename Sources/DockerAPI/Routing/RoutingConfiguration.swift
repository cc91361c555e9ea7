/// The choices an operator makes about request targets, validated once at start-up.
public struct RoutingConfiguration: Sendable, Hashable {
    /// Requests with a `/vX.Y` prefix below this are refused (400). dockerd 20.10 still
    /// serves 1.12–1.23, where `start` applies a HostConfig body and `/copy` reads files;
    /// 1.24 is the lowest any current daemon can be configured to accept.
    public var minimumAPIVersion: APIVersion
    /// Requests with a prefix above this are refused (400). `nil` leaves it to the daemon,
    /// which refuses versions above its own default (1.41 on 20.10, 1.56 on master).
    public var maximumAPIVersion: APIVersion?
    /// Go's `urlmaxqueryparams` default.
    public var maximumQueryParameters: Int

    public init(
        minimumAPIVersion: APIVersion = "1.24", maximumAPIVersion: APIVersion? = nil,
        maximumQueryParameters: Int = 10_000
    ) {
        self.minimumAPIVersion = minimumAPIVersion
        self.maximumAPIVersion = maximumAPIVersion
        self.maximumQueryParameters = maximumQueryParameters
    }

    /// A message naming the setting, or `nil` when the configuration is usable.
    public var problem: String? {
        if let maximum = maximumAPIVersion, maximum < minimumAPIVersion {
            return "the maximum API version \(maximum) is below the minimum \(minimumAPIVersion)"
        }
        if maximumQueryParameters < 1 {
            return "the maximum number of query parameters must be at least 1"
        }
        return nil
    }

    /// The refusal for a requested version outside the configured range, if any.
    func refusal(for version: APIVersion) -> Refusal? {
        if version < minimumAPIVersion {
            return Refusal(
                .apiVersionTooOld,
                "client API version \(version) is below this gate's minimum \(minimumAPIVersion);"
                    + " upgrade the docker client or set DOCKER_API_VERSION")
        }
        if let maximum = maximumAPIVersion, maximum < version {
            return Refusal(
                .apiVersionTooNew,
                "client API version \(version) is above this gate's maximum \(maximum);"
                    + " set DOCKER_API_VERSION=\(maximum)")
        }
        return nil
    }
}
