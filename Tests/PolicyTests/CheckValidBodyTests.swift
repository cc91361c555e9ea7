import DockerAPI
import Policy
import Testing

@Suite("Check valid-body")
struct CheckValidBodyTests {
    static let cases: [CheckCase] = [
        CheckCase(
            "a create body with HostConfig inside", body: #"{"Image":"x","HostConfig":{"Privileged":false}}"#, .allow),
        CheckCase("a create body in the legacy top-level form", body: #"{"Image":"x","Memory":1}"#, .allow),
        CheckCase(
            "HostConfig fields in both places",
            body: #"{"Image":"x","Privileged":true,"HostConfig":{}}"#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: the body sets HostConfig fields both"
                    + " inside \"HostConfig\" and at the top level (\"Privileged\"); daemons read that differently by"
                    + " version, so send them inside \"HostConfig\" only",
                detail: "")),
        CheckCase(
            "a HostConfig that is a string", body: #"{"Image":"x","HostConfig":"privileged"}"#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: HostConfig holds a string where dockerd"
                    + " expects container.HostConfig (json: cannot unmarshal string into Go value of type"
                    + " container.HostConfig)",
                detail: "HostConfig")),
        CheckCase(
            "an array as the create body", body: "[]",
            .deny(
                reason: "the request cannot be read as dockerd would read it: the request body holds an array where"
                    + " dockerd expects runconfig.ContainerConfigWrapper (json: cannot unmarshal array into Go value of"
                    + " type runconfig.ContainerConfigWrapper)",
                detail: "")),
        CheckCase(
            "create without a body", body: nil,
            .deny(
                reason: "the request has no body, where dockerd needs a JSON object",
                detail: "container.create without a body")),
        CheckCase(
            "exec create without a body", "POST /v1.41/containers/web/exec", body: nil,
            .deny(
                reason: "the request has no body, where dockerd needs a JSON object",
                detail: "exec.create without a body")),
        CheckCase(
            "update with null", "POST /v1.41/containers/web/update", body: "null",
            .deny(
                reason: "the request cannot be read as dockerd would read it: the request body holds a null where"
                    + " dockerd expects container.UpdateConfig (json: cannot unmarshal null into Go value of type"
                    + " container.UpdateConfig)",
                detail: "")),
        CheckCase("exec start without a body", "POST /v1.41/exec/abc/start", body: nil, .allow),
        CheckCase("a volume create without a body", "POST /v1.41/volumes/create", body: nil, .allow),
        CheckCase("a volume create body", "POST /v1.41/volumes/create", body: #"{"Name":"v"}"#, .allow),
        CheckCase(
            "a volume create body that is a list", "POST /v1.41/volumes/create", body: "[]",
            .unreadable("", "array", "volume.VolumeCreateBody")),
        CheckCase(
            "a network create without a body", "POST /v1.41/networks/create", body: nil,
            .deny(
                reason: "the request has no body, where dockerd needs a JSON object",
                detail: "network.create without a body")),
        CheckCase(
            "a network create body that is a string", "POST /v1.41/networks/create", body: #""n""#,
            .unreadable("", "string", "types.NetworkCreateRequest")),
        CheckCase(
            "a network connect without a body", "POST /v1.41/networks/n/connect", body: nil,
            .deny(
                reason: "the request has no body, where dockerd needs a JSON object",
                detail: "network.connect without a body")),
        CheckCase(
            "a network disconnect without a body", "POST /v1.41/networks/n/disconnect", body: nil,
            .deny(
                reason: "the request has no body, where dockerd needs a JSON object",
                detail: "network.disconnect without a body")),
        CheckCase(
            "a network disconnect body that is a list", "POST /v1.41/networks/n/disconnect", body: "[]",
            .unreadable("", "array", "types.NetworkDisconnect")),
        CheckCase(
            "a service create without a body", "POST /v1.41/services/create", body: nil,
            .deny(
                reason: "the request has no body, where dockerd needs a JSON object",
                detail: "service.create without a body")),
        CheckCase(
            "a service update that is null", "POST /v1.41/services/s1/update?version=1", body: "null",
            .unreadable("", "null", "swarm.ServiceSpec")),
        CheckCase("a service spec", "POST /v1.41/services/create", body: #"{"Name":"web"}"#, .allow),
        CheckCase("a version request", "GET /v1.41/version", body: nil, .allow),
        CheckCase("an exec start body", "POST /v1.41/exec/abc/start", body: #"{"Detach":false,"Tty":true}"#, .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.validBody)
    }
}
