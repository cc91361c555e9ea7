import DockerAPI
import Policy
import Testing

@Suite("Check blocked-endpoints")
struct CheckBlockedEndpointsTests {
    static func blocked(_ line: String, _ reason: String, _ detail: String) -> CheckCase {
        CheckCase(line, line, body: nil, .deny(reason: reason, detail: detail))
    }

    static let cases: [CheckCase] = [
        CheckCase("GET /v1.41/containers/json", "GET /v1.41/containers/json", body: nil, .allow),
        CheckCase("GET /v1.41/plugins", "GET /v1.41/plugins", body: nil, .allow),
        CheckCase("GET /v1.41/plugins/privileges", "GET /v1.41/plugins/privileges?remote=x", body: nil, .allow),
        CheckCase("GET /v1.41/services", "GET /v1.41/services", body: nil, .allow),
        CheckCase("POST /v1.41/volumes/create", "POST /v1.41/volumes/create", body: #"{"Name":"v"}"#, .allow),
        blocked(
            "POST /session", "BuildKit sessions are not allowed; build with DOCKER_BUILDKIT=0", "POST session"),
        blocked("POST /v1.41/grpc", "BuildKit sessions are not allowed; build with DOCKER_BUILDKIT=0", "POST grpc"),
        blocked("POST /v1.41/plugins/pull?remote=evil/plugin", "managing plugins is not allowed", "POST plugin.pull"),
        blocked("POST /v1.41/plugins/create?name=p", "managing plugins is not allowed", "POST plugin.create"),
        blocked("POST /v1.41/plugins/p/enable", "managing plugins is not allowed", "POST plugin.enable"),
        blocked("POST /v1.41/plugins/p/set", "managing plugins is not allowed", "POST plugin.set"),
        blocked("DELETE /v1.41/plugins/p", "managing plugins is not allowed", "DELETE plugin.delete"),
        blocked("POST /v1.41/swarm/init", "managing the swarm is not allowed", "POST swarm.init"),
        blocked("POST /v1.41/swarm/join", "managing the swarm is not allowed", "POST swarm.join"),
        blocked("GET /v1.41/swarm", "managing the swarm is not allowed", "GET swarm.inspect"),
        blocked("GET /v1.41/swarm/unlockkey", "managing the swarm is not allowed", "GET swarm.unlockkey"),
        blocked("POST /v1.41/nodes/n1/update?version=1", "managing the swarm is not allowed", "POST node.update"),
        CheckCase("POST /v1.41/services/create", "POST /v1.41/services/create", body: "{}", .allow),
        CheckCase(
            "POST /v1.41/services/s1/update?version=3", "POST /v1.41/services/s1/update?version=3", body: "{}", .allow),
        CheckCase(
            "a service update without rollback", "POST /v1.41/services/s1/update?version=3&rollback=none", body: "{}",
            .allow),
        CheckCase(
            "a service rollback", "POST /v1.41/services/s1/update?version=3&rollback=previous", body: "{}",
            .deny(
                reason: "rolling a service back is not allowed: dockerd would apply the previous spec, which dockgate"
                    + " cannot check; update the service with the spec you want instead",
                detail: #"rollback="previous""#)),
        CheckCase(
            "the first rollback value is the one dockerd reads",
            "POST /v1.41/services/s1/update?version=3&rollback=previous&rollback=none", body: "{}",
            .deny(
                reason: "rolling a service back is not allowed: dockerd would apply the previous spec, which dockgate"
                    + " cannot check; update the service with the spec you want instead",
                detail: #"rollback="previous""#)),
        CheckCase(
            "rollback on another endpoint means nothing", "POST /v1.41/services/create?rollback=previous", body: "{}",
            .allow),
        blocked(
            "POST /v1.41/containers/c/checkpoints", "creating checkpoints is not allowed", "POST checkpoint.create"),
        blocked("GET /debug/vars", "the daemon's debug endpoints are not allowed", "GET debug.vars"),
        blocked("GET /debug/pprof/cmdline", "the daemon's debug endpoints are not allowed", "GET debug.pprof.cmdline"),
        blocked("OPTIONS /v1.41/containers/json", "OPTIONS requests are not allowed", "OPTIONS system.options"),
        blocked("GET /v1.41/containers/create", "dockerd has no such endpoint", "GET unknown"),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.blockedEndpoints)
    }
}
