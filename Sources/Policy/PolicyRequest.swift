import DockerAPI

/// A request as the policy sees it: the canonical request line, the endpoint dockerd will
/// run, its path parameters and query, and the body read through the typed view for that
/// endpoint.
public struct PolicyRequest: Sendable {
    public let method: HTTPMethod
    public let endpoint: Endpoint
    /// The route's path variables (`parameters["name"]` is the container or exec reference).
    public let parameters: PathParameters
    public let query: QueryParameters
    public let version: RequestVersion
    public let body: RequestBody

    public init(
        method: HTTPMethod, endpoint: Endpoint, parameters: PathParameters, query: QueryParameters,
        version: RequestVersion, body: RequestBody
    ) {
        self.method = method
        self.endpoint = endpoint
        self.parameters = parameters
        self.query = query
        self.version = version
        self.body = body
    }

    /// A classified request and its parsed body (`nil` when the request has none).
    public init(_ classified: ClassifiedRequest, body: JSONValue?) {
        self.init(
            method: classified.request.method, endpoint: classified.endpoint, parameters: classified.parameters,
            query: classified.request.query, version: classified.version,
            body: RequestBody(endpoint: classified.endpoint, json: body))
    }

    /// The object the path names (`{name}` or `{id}` in dockerd's routes: a container, exec,
    /// volume, network, service, …), or `""`.
    public var target: String { parameters["name"] ?? parameters["id"] ?? "" }
}

/// A request body, read the way the endpoint's dockerd handler reads it.
public enum RequestBody: Sendable {
    /// No body was sent.
    case none
    case containerCreate(ContainerCreateView)
    case execCreate(ExecCreateView)
    case containerUpdate(ContainerUpdateView)
    case volumeCreate(VolumeCreateView)
    case networkCreate(NetworkCreateView)
    case networkConnect(NetworkConnectView)
    case networkDisconnect(NetworkDisconnectView)
    /// `POST /secrets/create|{id}/update` and `/configs/create|{id}/update`.
    case swarmObjectSpec(SwarmObjectSpecView)
    /// `POST /services/create` and `POST /services/{id}/update`.
    case serviceSpec(ServiceSpecView)
    /// A JSON body of an endpoint without a typed view.
    case json(JSONValue)
    /// A JSON body the endpoint's view cannot read (not an object, an ambiguous HostConfig).
    case unreadable(ViewError)

    /// The view for `endpoint`'s body.
    public init(endpoint: Endpoint, json: JSONValue?) {
        guard let json else {
            self = .none
            return
        }
        do throws(ViewError) {
            switch endpoint {
            case .containerCreate: self = .containerCreate(try ContainerCreateView(json))
            case .execCreate: self = .execCreate(try ExecCreateView(json))
            case .containerUpdate: self = .containerUpdate(try ContainerUpdateView(json))
            case .volumeCreate: self = .volumeCreate(try VolumeCreateView(json))
            case .networkCreate: self = .networkCreate(try NetworkCreateView(json))
            case .networkConnect: self = .networkConnect(try NetworkConnectView(json))
            case .networkDisconnect: self = .networkDisconnect(try NetworkDisconnectView(json))
            case .secretCreate, .secretUpdate:
                self = .swarmObjectSpec(try SwarmObjectSpecView(json, goType: "swarm.SecretSpec"))
            case .configCreate, .configUpdate:
                self = .swarmObjectSpec(try SwarmObjectSpecView(json, goType: "swarm.ConfigSpec"))
            case .serviceCreate, .serviceUpdate: self = .serviceSpec(try ServiceSpecView(json))
            default: self = .json(json)
            }
        } catch {
            self = .unreadable(error)
        }
    }
}
