import DockerAPI
import Testing

/// Request lines the docker CLI (and buildx) really send, as its Go client encodes them,
/// each classified to the endpoint dockerd serves.
@Suite("Docker CLI request lines")
struct RoutingCLIRequestTests {
    struct Line: Sendable, CustomTestStringConvertible {
        let command: String
        let line: String
        let endpoint: Endpoint
        /// The one path variable, when there is one.
        let object: String?
        var testDescription: String { "\(command): \(line)" }

        init(_ command: String, _ line: String, _ endpoint: Endpoint, _ object: String? = nil) {
            self.command = command
            self.line = line
            self.endpoint = endpoint
            self.object = object
        }
    }

    static let filters = "%7B%22label%22%3A%7B%22team%3Dweb%22%3Atrue%7D%7D"
    static let id = "4f66ad9a0b2e6b3c9c0f2f1e5a7d8c9b0a1b2c3d4e5f60718293a4b5c6d7e8f9"

    static let lines: [Line] = [
        Line("docker version", "HEAD /_ping", .systemPingHead),
        Line("docker version", "GET /_ping", .systemPing),
        Line("docker version", "GET /v1.41/version", .systemVersion),
        Line("docker info", "GET /v1.41/info", .systemInfo),
        Line("docker system df", "GET /v1.41/system/df", .systemDiskUsage),
        Line("docker events", "GET /v1.41/events?filters=\(filters)&since=1700000000", .systemEvents),
        Line("docker login", "POST /v1.41/auth", .systemAuth),
        Line("docker ps", "GET /v1.41/containers/json", .containerList),
        Line("docker ps -a", "GET /v1.41/containers/json?all=1&filters=\(filters)&size=1", .containerList),
        Line("docker create", "POST /v1.41/containers/create?name=x", .containerCreate),
        Line("docker run", "POST /v1.41/containers/create?name=web&platform=linux%2Famd64", .containerCreate),
        Line(
            "docker run -i", "POST /v1.41/containers/abc/attach?stderr=1&stdin=1&stdout=1&stream=1",
            .containerAttach, "abc"),
        Line(
            "docker attach", "POST /v1.41/containers/abc/attach?stream=1&stdin=1&stdout=1&stderr=1&detachKeys=ctrl-p",
            .containerAttach, "abc"),
        Line("docker run", "POST /v1.41/containers/\(id)/wait?condition=next-exit", .containerWait, id),
        Line("docker start", "POST /v1.41/containers/\(id)/start", .containerStart, id),
        Line("docker run -t", "POST /v1.41/containers/abc/resize?h=24&w=80", .containerResize, "abc"),
        Line("docker inspect", "GET /v1.41/containers/web/json", .containerInspect, "web"),
        Line("docker inspect -s", "GET /v1.41/containers/web/json?size=1", .containerInspect, "web"),
        Line(
            "docker logs -f", "GET /v1.41/containers/web/logs?follow=1&stderr=1&stdout=1&tail=all", .containerLogs,
            "web"),
        Line("docker stats --no-stream", "GET /v1.41/containers/web/stats?stream=0", .containerStats, "web"),
        Line("docker top", "GET /v1.41/containers/web/top?ps_args=-ef", .containerTop, "web"),
        Line("docker diff", "GET /v1.41/containers/web/changes", .containerChanges, "web"),
        Line("docker export", "GET /v1.41/containers/web/export", .containerExport, "web"),
        Line("docker stop", "POST /v1.41/containers/web/stop?t=10", .containerStop, "web"),
        Line("docker restart", "POST /v1.41/containers/web/restart?t=10", .containerRestart, "web"),
        Line("docker kill", "POST /v1.41/containers/web/kill?signal=KILL", .containerKill, "web"),
        Line("docker pause", "POST /v1.41/containers/web/pause", .containerPause, "web"),
        Line("docker unpause", "POST /v1.41/containers/web/unpause", .containerUnpause, "web"),
        Line("docker rename", "POST /v1.41/containers/web/rename?name=web2", .containerRename, "web"),
        Line("docker update", "POST /v1.41/containers/web/update", .containerUpdate, "web"),
        Line("docker rm -f", "DELETE /v1.41/containers/web?force=1&v=1", .containerDelete, "web"),
        Line("docker container prune", "POST /v1.41/containers/prune?filters=%7B%7D", .containerPrune),
        Line(
            "docker commit", "POST /v1.41/commit?author=&comment=&container=web&pause=1&repo=img&tag=1",
            .containerCommit),
        Line(
            "docker cp (stat)", "HEAD /v1.41/containers/web/archive?path=%2Fetc%2Fhostname", .containerArchiveStat,
            "web"),
        Line(
            "docker cp (out)", "GET /v1.41/containers/web/archive?path=%2Fetc%2Fhostname", .containerArchiveGet, "web"),
        Line(
            "docker cp (in)",
            "PUT /v1.41/containers/web/archive?copyUIDGID=false&noOverwriteDirNonDir=true&path=%2Ftmp",
            .containerArchivePut, "web"),
        Line("docker exec", "POST /v1.41/containers/web/exec", .execCreate, "web"),
        Line("docker exec", "POST /v1.41/exec/\(id)/start", .execStart, id),
        Line("docker exec -t", "POST /v1.41/exec/\(id)/resize?h=24&w=80", .execResize, id),
        Line("docker exec", "GET /v1.41/exec/\(id)/json", .execInspect, id),
        Line("docker images", "GET /v1.41/images/json", .imageList),
        Line("docker pull", "POST /v1.41/images/create?fromImage=busybox&tag=latest", .imageCreate),
        Line("docker import", "POST /v1.41/images/create?fromSrc=-&message=&repo=local%2Fx&tag=1", .imageCreate),
        Line(
            "docker push", "POST /v1.41/images/docker.io/library/busybox/push?tag=latest", .imagePush,
            "docker.io/library/busybox"),
        Line(
            "docker tag", "POST /v1.41/images/busybox:latest/tag?repo=local%2Fbusybox&tag=2", .imageTag,
            "busybox:latest"),
        Line("docker rmi", "DELETE /v1.41/images/local/busybox:1?force=1", .imageDelete, "local/busybox:1"),
        Line(
            "docker image inspect", "GET /v1.41/images/docker.io/library/busybox:latest/json", .imageInspect,
            "docker.io/library/busybox:latest"),
        Line("docker history", "GET /v1.41/images/local/busybox:1/history", .imageHistory, "local/busybox:1"),
        Line("docker save", "GET /v1.41/images/get?names=local%2Fbusybox%3A1", .imageExportMany),
        Line("docker load", "POST /v1.41/images/load?quiet=1", .imageLoad),
        Line("docker search", "GET /v1.41/images/search?limit=25&term=busybox", .imageSearch),
        Line(
            "docker image prune", "POST /v1.41/images/prune?filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D",
            .imagePrune),
        Line("docker build (classic)", "POST /v1.41/build?t=x&networkmode=host", .build),
        Line(
            "docker build (classic)",
            "POST /v1.41/build?buildargs=%7B%7D&cachefrom=%5B%5D&cgroupparent=&cpuperiod=0&cpuquota=0&cpusetcpus="
                + "&cpusetmems=&cpushares=0&dockerfile=Dockerfile&labels=%7B%7D&memory=0&memswap=0&networkmode=default"
                + "&rm=1&shmsize=0&t=local%2Fapp%3A1&target=&ulimits=null&version=1",
            .build),
        Line("docker builder prune", "POST /v1.41/build/prune?filters=%7B%7D", .buildPrune),
        Line("buildx (docker driver)", "POST /session", .session),
        Line("buildx (docker driver)", "POST /grpc", .grpc),
        Line("docker volume create", "POST /v1.41/volumes/create", .volumeCreate),
        Line("docker volume ls", "GET /v1.41/volumes?filters=%7B%7D", .volumeList),
        Line("docker volume inspect", "GET /v1.41/volumes/data", .volumeInspect, "data"),
        Line("docker volume rm", "DELETE /v1.41/volumes/data?force=0", .volumeDelete, "data"),
        Line("docker volume prune", "POST /v1.41/volumes/prune?filters=%7B%7D", .volumePrune),
        Line("docker network ls", "GET /v1.41/networks?filters=%7B%7D", .networkList),
        Line("docker network create", "POST /v1.41/networks/create", .networkCreate),
        Line("docker network inspect", "GET /v1.41/networks/backend?verbose=false", .networkInspect, "backend"),
        Line("docker network connect", "POST /v1.41/networks/backend/connect", .networkConnect, "backend"),
        Line("docker network rm", "DELETE /v1.41/networks/backend", .networkDelete, "backend"),
        Line("docker swarm init", "POST /v1.41/swarm/init", .swarmInit),
        Line("docker swarm join-token", "GET /v1.41/swarm", .swarmInspect),
        Line("docker swarm leave -f", "POST /v1.41/swarm/leave?force=1", .swarmLeave),
        Line("docker service create", "POST /v1.41/services/create", .serviceCreate),
        Line("docker service ls", "GET /v1.41/services?status=true", .serviceList),
        Line("docker service inspect", "GET /v1.41/services/web?insertDefaults=false", .serviceInspect, "web"),
        Line("docker service update", "POST /v1.41/services/web/update?version=12", .serviceUpdate, "web"),
        Line("docker service logs", "GET /v1.41/services/web/logs?stderr=1&stdout=1&tail=all", .serviceLogs, "web"),
        Line("docker node update", "POST /v1.41/nodes/n1/update?version=3", .nodeUpdate, "n1"),
        Line("docker secret create", "POST /v1.41/secrets/create", .secretCreate),
        Line("docker plugin install", "GET /v1.41/plugins/privileges?remote=vieux%2Fsshfs", .pluginPrivileges),
        Line("docker plugin install", "POST /v1.41/plugins/pull?name=vieux%2Fsshfs&remote=vieux%2Fsshfs", .pluginPull),
        Line(
            "docker plugin enable", "POST /v1.41/plugins/vieux/sshfs:latest/enable?timeout=30", .pluginEnable,
            "vieux/sshfs:latest"),
        Line(
            "docker plugin rm", "DELETE /v1.41/plugins/vieux/sshfs:latest?force=0", .pluginDelete, "vieux/sshfs:latest"),
        Line(
            "docker manifest", "GET /v1.41/distribution/docker.io/library/busybox:latest/json", .distributionInspect,
            "docker.io/library/busybox:latest"),
        Line("docker checkpoint create", "POST /v1.41/containers/web/checkpoints", .checkpointCreate, "web"),
        Line("docker checkpoint rm", "DELETE /v1.41/containers/web/checkpoints/cp1", .checkpointDelete, "web"),
    ]

    @Test("classified as dockerd routes it", arguments: lines)
    func classified(_ row: Line) throws {
        let classified = try RoutingTest.classify(row.line)
        #expect(classified.endpoint == row.endpoint)
        #expect(classified.parameters.parameters.first?.value == row.object)
        #expect(classified.version == (row.line.contains(" /v1.41/") ? .versioned("1.41") : .unversioned))
    }

    @Test("query values arrive decoded")
    func decodedQuery() throws {
        let events = try RoutingTest.classify("GET /v1.41/events?filters=\(Self.filters)")
        #expect(events.request.query.first("filters") == #"{"label":{"team=web":true}}"#)
        let buildLine = try #require(Self.lines.first { $0.line.contains("buildargs") })
        let build = try RoutingTest.classify(buildLine.line)
        #expect(build.request.query.first("t") == "local/app:1")
        #expect(build.request.query.first("networkmode") == "default")
        #expect(build.request.query.int64ValueOrZero("memory") == 0)
        #expect(build.request.query.boolValue("rm", default: true))
    }
}
