import DockerAPI
import Policy
import Testing

@Suite("Check ownership")
struct CheckOwnershipTests {
    typealias Expected = CheckCase.Expected

    /// A member of team `web` whose role lets every known endpoint through, so that the
    /// ownership check is the one that decides.
    static let member = CallerIdentity(
        subject: "CN=alice,OU=web", team: "web", role: Role(name: "everything", allowed: Role.families.sorted()))
    static let admin = CallerIdentity(subject: "CN=root,OU=platform", team: "platform", role: .admin)
    static let auditor = CallerIdentity(subject: "CN=eve,OU=audit", team: "web", role: .readonly)

    /// What the daemon answered: objects of team web, of team data, unlabelled ones (made
    /// outside dockgate), and names it does not know. Anything else has not been looked up.
    static let facts = Facts(
        containers: [
            "mine": .found(ContainerFact(id: "aaa111", owner: "web")),
            "aaa1": .found(ContainerFact(id: "aaa111", owner: "web")),
            "aaa111": .found(ContainerFact(id: "aaa111", owner: "web")),
            "theirs": .found(ContainerFact(id: "bbb222", owner: "data")),
            "bbb2": .found(ContainerFact(id: "bbb222", owner: "data")),
            "bbb222": .found(ContainerFact(id: "bbb222", owner: "data")),
            "legacy": .found(ContainerFact(id: "ccc333")),
            "ccc333": .found(ContainerFact(id: "ccc333")),
            "shouty": .found(ContainerFact(id: "ddd444", owner: "WEB")),
            "blank": .found(ContainerFact(id: "eee555", owner: "")),
            "gone": .notFound,
        ],
        execs: [
            "e-mine": .found(ExecFact(containerID: "aaa111", privileged: false, user: "1000")),
            "e-theirs": .found(ExecFact(containerID: "bbb222", privileged: false, user: "1000")),
            "e-legacy": .found(ExecFact(containerID: "ccc333", privileged: false, user: "1000")),
            "e-orphan": .found(ExecFact(containerID: "fff666", privileged: false, user: "1000")),
            "e-gone": .notFound,
        ],
        volumes: [
            "myvol": .found(VolumeFact(driver: "local", owner: "web")),
            "theirvol": .found(VolumeFact(driver: "local", owner: "data")),
            "oldvol": .found(VolumeFact(driver: "local")),
            "newvol": .notFound,
        ],
        networks: [
            "mynet": .found(NetworkFact(id: "n1", name: "mynet", owner: "web")),
            "theirnet": .found(NetworkFact(id: "n2", name: "theirnet", owner: "data")),
            "oldnet": .found(NetworkFact(id: "n3", name: "oldnet")),
            "b1b2": .found(NetworkFact(id: "b1b2c3", name: "bridge")),
            "gonenet": .notFound,
        ],
        services: [
            "mysvc": .found(ServiceFact(id: "s1", owner: "web")),
            "theirsvc": .found(ServiceFact(id: "s2", owner: "data")),
            "oldsvc": .found(ServiceFact(id: "s3")),
            "gonesvc": .notFound,
        ],
        secrets: [
            "mysecret-id": .found(ServiceFact(id: "mysecret-id", owner: "web")),
            "theirsecret-id": .found(ServiceFact(id: "theirsecret-id", owner: "data")),
            "oldsecret-id": .found(ServiceFact(id: "oldsecret-id")),
            "gonesecret": .notFound,
        ],
        configs: [
            "myconfig-id": .found(ServiceFact(id: "myconfig-id", owner: "web")),
            "theirconfig-id": .found(ServiceFact(id: "theirconfig-id", owner: "data")),
        ])

    static func row(
        _ name: String, _ line: String, body: String? = nil, identity: CallerIdentity = member, _ expected: Expected
    ) -> CheckCase {
        CheckCase(name, line, body: body, facts: facts, identity: identity, expected)
    }

    /// `POST /containers/create` with `config`'s members at the top level, `hostConfig`'s in
    /// `HostConfig` and `networks` as `NetworkingConfig.EndpointsConfig`.
    static func create(
        _ name: String, config: String = "", hostConfig: String = "", networks: String? = nil,
        identity: CallerIdentity = member, _ expected: Expected
    ) -> CheckCase {
        var members = [#""Image":"local/busybox:1","User":"1000""#]
        if !config.isEmpty { members.append(config) }
        members.append(#""HostConfig":{"# + hostConfig + "}")
        if let networks { members.append(#""NetworkingConfig":{"EndpointsConfig":{"# + networks + "}}") }
        return row(
            name, "POST /v1.41/containers/create", body: "{" + members.joined(separator: ",") + "}",
            identity: identity, expected)
    }

    static func service(
        _ name: String, line: String = "POST /v1.44/services/create", containerSpec: String = "",
        taskTemplate: String = "", spec: String = "", _ expected: Expected
    ) -> CheckCase {
        row(
            name, line,
            body: PolicyTest.serviceBody(containerSpec: containerSpec, taskTemplate: taskTemplate, spec: spec),
            expected)
    }

    static func otherTeam(_ what: String, detail: String? = nil, owner: String = "data") -> Expected {
        .deny(reason: "\(what) belongs to another team", detail: "\(detail ?? what): dockgate.owner=\"\(owner)\"")
    }

    static func unlabelled(_ what: String, detail: String? = nil) -> Expected {
        .deny(
            reason: "\(what) was not created through dockgate by your team; only admins may use it",
            detail: "\(detail ?? what): no dockgate.owner label")
    }

    static func notLookedUp(_ what: String, _ query: FactQuery, detail: String? = nil) -> Expected {
        .deny(reason: "could not determine who owns \(what)", detail: detail ?? what, missing: query)
    }

    static func forged(_ path: String, _ value: String) -> Expected {
        .deny(
            reason: "the label dockgate.owner is set by dockgate, not by clients",
            detail: "\(path).dockgate.owner=\"\(value)\"")
    }

    static func lookalike(_ path: String, _ key: String, _ shown: String, _ value: String) -> Expected {
        .deny(
            reason: "the label \(shown) differs from dockgate.owner only in case; dockgate could not add"
                + " the owner label beside it",
            detail: "\(path).\(key)=\"\(value)\"")
    }

    static func adminsOnly(_ method: String, _ endpoint: String) -> Expected {
        .deny(
            reason: "\(endpoint) is for admins: it shows or changes every team's objects",
            detail: "\(method) \(endpoint)")
    }

    static let mustExist = Expected.deny(
        reason:
            "volume \"newvol\" does not exist; create it first with docker volume create, so it belongs to your team",
        detail: "volume \"newvol\"")

    static let containers: [CheckCase] = [
        row("own, by name", "GET /v1.41/containers/mine/json", .allow),
        row("own, by ID prefix", "GET /v1.41/containers/aaa1/json", .allow),
        row("own, by full ID", "POST /v1.41/containers/aaa111/start", .allow),
        row("another team's, by name", "GET /v1.41/containers/theirs/json", otherTeam(#"container "theirs""#)),
        row("another team's, by ID prefix", "POST /v1.41/containers/bbb2/stop", otherTeam(#"container "bbb2""#)),
        row("unlabelled", "GET /v1.41/containers/legacy/logs", unlabelled(#"container "legacy""#)),
        row(
            "owner compared by bytes", "GET /v1.41/containers/shouty/json",
            otherTeam(#"container "shouty""#, owner: "WEB")),
        row("empty owner label", "GET /v1.41/containers/blank/json", otherTeam(#"container "blank""#, owner: "")),
        row("not found (dockerd answers 404)", "DELETE /v1.41/containers/gone", .allow),
        row(
            "not looked up yet", "GET /v1.41/containers/unseen/json",
            notLookedUp(#"container "unseen""#, .container("unseen"))),
        row("kill", "POST /v1.41/containers/theirs/kill", otherTeam(#"container "theirs""#)),
        row("delete", "DELETE /v1.41/containers/theirs?force=1", otherTeam(#"container "theirs""#)),
        row("rename", "POST /v1.41/containers/theirs/rename?name=x", otherTeam(#"container "theirs""#)),
        row("attach", "POST /v1.41/containers/theirs/attach?stream=1", otherTeam(#"container "theirs""#)),
        row("archive put", "PUT /v1.41/containers/theirs/archive?path=/", otherTeam(#"container "theirs""#)),
        row("archive stat", "HEAD /v1.41/containers/theirs/archive?path=/", otherTeam(#"container "theirs""#)),
        row("export", "GET /v1.41/containers/theirs/export", otherTeam(#"container "theirs""#)),
        row("update", "POST /v1.41/containers/theirs/update", body: "{}", otherTeam(#"container "theirs""#)),
        row("exec create, own", "POST /v1.41/containers/mine/exec", body: #"{"Cmd":["sh"]}"#, .allow),
        row(
            "exec create, another team's", "POST /v1.41/containers/theirs/exec", body: #"{"Cmd":["sh"]}"#,
            otherTeam(#"container "theirs""#)),
        row(
            "exec create, not looked up", "POST /v1.41/containers/unseen/exec", body: #"{"Cmd":["sh"]}"#,
            notLookedUp(#"container "unseen""#, .container("unseen"))),
        // Checkpoints (experimental daemons) name their container in the path.
        row("checkpoints of an own container", "GET /v1.41/containers/mine/checkpoints", .allow),
        row(
            "checkpoints of another team's container", "GET /v1.41/containers/theirs/checkpoints",
            otherTeam(#"container "theirs""#)),
        row(
            "checkpoint create (stops the container)", "POST /v1.41/containers/bbb2/checkpoints",
            body: #"{"CheckpointID":"c1","Exit":true}"#, otherTeam(#"container "bbb2""#)),
        row(
            "checkpoint delete", "DELETE /v1.41/containers/legacy/checkpoints/c1",
            unlabelled(#"container "legacy""#)),
        // exec → container: two facts.
        row("exec start in an own container", "POST /v1.41/exec/e-mine/start", body: "{}", .allow),
        row(
            "exec start in another team's container", "POST /v1.41/exec/e-theirs/start", body: "{}",
            otherTeam(#"container "bbb222""#, detail: #"exec "e-theirs""#)),
        row(
            "exec start in an unlabelled container", "POST /v1.41/exec/e-legacy/start", body: "{}",
            unlabelled(#"container "ccc333""#, detail: #"exec "e-legacy""#)),
        row(
            "exec resize in another team's container", "POST /v1.41/exec/e-theirs/resize?h=1&w=1",
            otherTeam(#"container "bbb222""#, detail: #"exec "e-theirs""#)),
        row(
            "exec inspect in another team's container", "GET /v1.41/exec/e-theirs/json",
            otherTeam(#"container "bbb222""#, detail: #"exec "e-theirs""#)),
        row("exec the daemon does not have", "POST /v1.41/exec/e-gone/start", body: "{}", .allow),
        row(
            "exec not looked up yet", "POST /v1.41/exec/e-unseen/start", body: "{}",
            .deny(
                reason: #"could not determine which container exec "e-unseen" runs in"#, detail: #"exec "e-unseen""#,
                missing: .exec("e-unseen"))),
        row(
            "exec whose container is not looked up yet", "GET /v1.41/exec/e-orphan/json",
            notLookedUp(#"container "fff666""#, .container("fff666"), detail: #"exec "e-orphan""#)),
        // commit names its container in the query.
        row("commit of an own container", "POST /v1.41/commit?container=mine&repo=x", body: "{}", .allow),
        row(
            "commit of another team's container", "POST /v1.41/commit?container=theirs&repo=x", body: "{}",
            otherTeam(#"container "theirs""#)),
        row(
            "commit of an ID prefix", "POST /v1.41/commit?container=bbb2", body: "{}",
            otherTeam(#"container "bbb2""#)),
        row(
            "commit, not looked up", "POST /v1.41/commit?container=unseen", body: "{}",
            notLookedUp(#"container "unseen""#, .container("unseen"))),
        row("commit without a container (dockerd answers 404)", "POST /v1.41/commit?repo=x", body: "{}", .allow),
        row("commit with an empty container", "POST /v1.41/commit?container=", body: "{}", .allow),
        // Lists, prunes and events are filtered by the gate instead.
        row("list", "GET /v1.41/containers/json?all=1", .allow),
        row("prune", "POST /v1.41/containers/prune", .allow),
        row("events", "GET /v1.41/events", .allow),
        // Images are shared.
        row("image delete", "DELETE /v1.41/images/busybox", .allow),
    ]

    static let adminEndpoints: [CheckCase] = [
        row("disk usage", "GET /v1.41/system/df", adminsOnly("GET", "system.df")),
        row("task list", "GET /v1.41/tasks", adminsOnly("GET", "task.list")),
        row("task inspect", "GET /v1.41/tasks/t1", adminsOnly("GET", "task.inspect")),
        row("task logs", "GET /v1.41/tasks/t1/logs", adminsOnly("GET", "task.logs")),
        row("image prune", "POST /v1.41/images/prune", adminsOnly("POST", "image.prune")),
        row("build cache prune", "POST /v1.41/build/prune", adminsOnly("POST", "build.prune")),
        row(
            "legacy copy, even of an own container", "POST /v1.24/containers/mine/copy",
            body: #"{"Resource":"/etc"}"#, adminsOnly("POST", "container.copy")),
    ]

    static let volumes: [CheckCase] = [
        row("own", "GET /v1.41/volumes/myvol", .allow),
        row("another team's", "DELETE /v1.41/volumes/theirvol", otherTeam(#"volume "theirvol""#)),
        row("unlabelled", "GET /v1.41/volumes/oldvol", unlabelled(#"volume "oldvol""#)),
        row("not found (dockerd answers 404)", "DELETE /v1.41/volumes/newvol", .allow),
        row("not looked up yet", "GET /v1.41/volumes/unseen", notLookedUp(#"volume "unseen""#, .volume("unseen"))),
        row(
            "cluster volume update", "PUT /v1.42/volumes/theirvol?version=1", body: #"{"Spec":{}}"#,
            otherTeam(#"volume "theirvol""#)),
        row("list", "GET /v1.41/volumes", .allow),
        row("prune", "POST /v1.41/volumes/prune", .allow),
        row("create without labels", "POST /v1.41/volumes/create", body: #"{"Name":"v"}"#, .allow),
        row(
            "create with other labels", "POST /v1.41/volumes/create",
            body: #"{"Name":"v","Labels":{"app":"web","owner":"data"}}"#, .allow),
        row("create with null labels", "POST /v1.41/volumes/create", body: #"{"Name":"v","Labels":null}"#, .allow),
        row(
            "create setting the owner label, even its own team", "POST /v1.41/volumes/create",
            body: #"{"Name":"v","Labels":{"dockgate.owner":"web"}}"#, forged("Labels", "web")),
        row(
            "create setting another team as owner", "POST /v1.41/volumes/create",
            body: #"{"Name":"v","Labels":{"a":"b","dockgate.owner":"data"}}"#, forged("Labels", "data")),
        row(
            "create with the Labels field in lower case", "POST /v1.41/volumes/create",
            body: #"{"Name":"v","labels":{"dockgate.owner":"data"}}"#, forged("Labels", "data")),
        row(
            "create with an escaped label key", "POST /v1.41/volumes/create",
            body: #"{"Name":"v","Labels":{"dockgate\u002eowner":"data"}}"#, forged("Labels", "data")),
    ]

    static let networks: [CheckCase] = [
        row("own", "GET /v1.41/networks/mynet", .allow),
        row("another team's", "DELETE /v1.41/networks/theirnet", otherTeam(#"network "theirnet""#)),
        row("unlabelled", "GET /v1.41/networks/oldnet", unlabelled(#"network "oldnet""#)),
        row("not found (dockerd answers 404)", "GET /v1.41/networks/gonenet", .allow),
        row("not looked up yet", "GET /v1.41/networks/unseen", notLookedUp(#"network "unseen""#, .network("unseen"))),
        row("built-in bridge by name", "GET /v1.41/networks/bridge", .allow),
        row("built-in host by name", "GET /v1.41/networks/host", .allow),
        row("built-in none by name", "GET /v1.41/networks/none", .allow),
        row("built-in bridge by ID", "GET /v1.41/networks/b1b2", .allow),
        row(
            "built-in names compare by bytes", "GET /v1.41/networks/Bridge",
            notLookedUp(#"network "Bridge""#, .network("Bridge"))),
        row(
            "disconnect from another team's network", "POST /v1.41/networks/theirnet/disconnect",
            body: #"{"Container":"mine"}"#, otherTeam(#"network "theirnet""#)),
        row(
            "connect an own container to an own network", "POST /v1.41/networks/mynet/connect",
            body: #"{"Container":"mine"}"#, .allow),
        row(
            "connect an own container to another team's network", "POST /v1.41/networks/theirnet/connect",
            body: #"{"Container":"mine"}"#, otherTeam(#"network "theirnet""#)),
        row(
            "connect another team's container", "POST /v1.41/networks/mynet/connect",
            body: #"{"Container":"theirs"}"#, otherTeam(#"container "theirs""#)),
        row(
            "connect another team's container to bridge", "POST /v1.41/networks/bridge/connect",
            body: #"{"container":"bbb2"}"#, otherTeam(#"container "bbb2""#)),
        row(
            "connect a container not looked up yet", "POST /v1.41/networks/mynet/connect",
            body: #"{"Container":"unseen"}"#, notLookedUp(#"container "unseen""#, .container("unseen"))),
        row("connect without a container", "POST /v1.41/networks/mynet/connect", body: "{}", .allow),
        row(
            "disconnect an own container from an own network", "POST /v1.41/networks/mynet/disconnect",
            body: #"{"Container":"mine"}"#, .allow),
        row(
            "disconnect another team's container from bridge", "POST /v1.41/networks/bridge/disconnect",
            body: #"{"Container":"theirs","Force":true}"#, otherTeam(#"container "theirs""#)),
        row(
            "disconnect a container not looked up yet", "POST /v1.41/networks/mynet/disconnect",
            body: #"{"container":"unseen"}"#, notLookedUp(#"container "unseen""#, .container("unseen"))),
        row("list", "GET /v1.41/networks", .allow),
        row("prune", "POST /v1.41/networks/prune", .allow),
        row(
            "create with a label differing from the owner label only in case", "POST /v1.41/networks/create",
            body: #"{"Name":"n","Labels":{"DOCKGATE.OWNER":"web"}}"#,
            lookalike("Labels", "DOCKGATE.OWNER", #""DOCKGATE.OWNER""#, "web")),
        row("create", "POST /v1.41/networks/create", body: #"{"Name":"n","Labels":{"tier":"db"}}"#, .allow),
        row(
            "create setting the owner label", "POST /v1.41/networks/create",
            body: #"{"Name":"n","Labels":{"dockgate.owner":"web"}}"#, forged("Labels", "web")),
        row(
            "create with the Labels field in upper case", "POST /v1.41/networks/create",
            body: #"{"Name":"n","LABELS":{"dockgate.owner":"data"}}"#, forged("Labels", "data")),
    ]

    static let services: [CheckCase] = [
        row("own", "GET /v1.44/services/mysvc", .allow),
        row("another team's", "DELETE /v1.44/services/theirsvc", otherTeam(#"service "theirsvc""#)),
        row("another team's logs", "GET /v1.44/services/theirsvc/logs", otherTeam(#"service "theirsvc""#)),
        row("unlabelled", "GET /v1.44/services/oldsvc", unlabelled(#"service "oldsvc""#)),
        row("not found (dockerd answers 404)", "GET /v1.44/services/gonesvc", .allow),
        row("not looked up yet", "GET /v1.44/services/unseen", notLookedUp(#"service "unseen""#, .service("unseen"))),
        row("list", "GET /v1.44/services", .allow),
        service("create", .allow),
        service(
            "create with other labels", containerSpec: #""Labels":{"a":"b"}"#, spec: #""Labels":{"c":"d"}"#, .allow),
        service("create setting the owner label", spec: #""Labels":{"dockgate.owner":"web"}"#, forged("Labels", "web")),
        service(
            "create setting the task containers' owner label", containerSpec: #""Labels":{"dockgate.owner":"web"}"#,
            forged("TaskTemplate.ContainerSpec.Labels", "web")),
        service(
            "create with the ContainerSpec labels field in lower case",
            containerSpec: #""labels":{"dockgate.owner":"data"}"#, forged("TaskTemplate.ContainerSpec.Labels", "data")),
        // The networks its tasks join.
        service("create on an own network", taskTemplate: #""Networks":[{"Target":"mynet"}]"#, .allow),
        service(
            "create on another team's network", taskTemplate: #""Networks":[{"Target":"mynet"},{"Target":"theirnet"}]"#,
            otherTeam(#"network "theirnet""#)),
        service(
            "create on an unlabelled network, lower-case fields", taskTemplate: #""networks":[{"target":"oldnet"}]"#,
            unlabelled(#"network "oldnet""#)),
        service(
            "create on another team's network, deprecated top-level Networks",
            spec: #""Networks":[{"Target":"theirnet"}]"#, otherTeam(#"network "theirnet""#)),
        service(
            "create on a network not looked up yet", taskTemplate: #""Networks":[{"Target":"unseen"}]"#,
            notLookedUp(#"network "unseen""#, .network("unseen"))),
        service(
            "update onto a network named by ID, not looked up yet",
            line: "POST /v1.44/services/mysvc/update?version=3",
            taskTemplate: #""Networks":[{"Target":"n2"}]"#, notLookedUp(#"network "n2""#, .network("n2"))),
        service(
            "update keeping its own label (the CLI sends it back)", line: "POST /v1.44/services/mysvc/update?version=3",
            containerSpec: #""Labels":{"dockgate.owner":"web"}"#, spec: #""Labels":{"dockgate.owner":"web"}"#, .allow),
        service(
            "update with a task label differing from the owner label only in case",
            line: "POST /v1.44/services/mysvc/update?version=3", containerSpec: #""Labels":{"Dockgate.owner":"web"}"#,
            lookalike("TaskTemplate.ContainerSpec.Labels", "Dockgate.owner", #""Dockgate.owner""#, "web")),
        service(
            "update handing the service to another team", line: "POST /v1.44/services/mysvc/update?version=3",
            spec: #""Labels":{"dockgate.owner":"data"}"#, forged("Labels", "data")),
        service(
            "update handing the tasks to another team", line: "POST /v1.44/services/mysvc/update?version=3",
            containerSpec: #""Labels":{"dockgate.owner":"data"}"#, forged("TaskTemplate.ContainerSpec.Labels", "data")),
        service(
            "update of another team's service", line: "POST /v1.44/services/theirsvc/update?version=3",
            spec: #""Labels":{"dockgate.owner":"web"}"#, otherTeam(#"service "theirsvc""#)),
        service(
            "update of an unlabelled service", line: "POST /v1.44/services/oldsvc/update?version=3",
            unlabelled(#"service "oldsvc""#)),
        service(
            "update of a service dockerd does not have", line: "POST /v1.44/services/gonesvc/update?version=3", .allow),
        service(
            "update of a service not looked up yet", line: "POST /v1.44/services/unseen/update?version=3",
            notLookedUp(#"service "unseen""#, .service("unseen"))),
        service(
            "create with an own secret and config",
            containerSpec:
                #""Secrets":[{"SecretID":"mysecret-id","SecretName":"s","File":{"Name":"s"}}],"Configs":[{"ConfigID":"myconfig-id","ConfigName":"c"}]"#,
            .allow),
        service(
            "create with another team's secret, named as an own one",
            containerSpec: #""Secrets":[{"SecretID":"theirsecret-id","SecretName":"mysecret"}]"#,
            otherTeam(#"secret "theirsecret-id""#)),
        service(
            "create with an unlabelled secret, lower-case fields",
            containerSpec: #""secrets":[{"secretid":"oldsecret-id"}]"#, unlabelled(#"secret "oldsecret-id""#)),
        service(
            "create with another team's config", containerSpec: #""Configs":[{"ConfigID":"theirconfig-id"}]"#,
            otherTeam(#"config "theirconfig-id""#)),
        service(
            "create with a secret by name only, not looked up yet",
            containerSpec: #""Secrets":[{"SecretName":"unseen"}]"#, notLookedUp(#"secret "unseen""#, .secret("unseen"))),
        service(
            "create with a secret the daemon does not have", containerSpec: #""Secrets":[{"SecretID":"gonesecret"}]"#,
            .allow),
        service(
            "create mounting another team's volume",
            containerSpec: #""Mounts":[{"Type":"volume","Source":"theirvol","Target":"/data"}]"#,
            otherTeam(#"volume "theirvol""#)),
        service(
            "create mounting an own volume, upper-case type",
            containerSpec: #""Mounts":[{"Type":"VOLUME","Source":"myvol","Target":"/data"}]"#, .allow),
        service(
            "create mounting a volume that does not exist yet",
            containerSpec: #""Mounts":[{"Type":"volume","Source":"newvol","Target":"/data"}]"#,
            .deny(
                reason:
                    #"volume "newvol" does not exist; create it first with docker volume create, so it belongs to your team"#,
                detail: #"volume "newvol""#)),
    ]

    static let secretsAndConfigs: [CheckCase] = [
        row("inspect an own secret", "GET /v1.41/secrets/mysecret-id", .allow),
        row(
            "inspect another team's secret", "GET /v1.41/secrets/theirsecret-id", otherTeam(#"secret "theirsecret-id""#)
        ),
        row("delete an unlabelled secret", "DELETE /v1.41/secrets/oldsecret-id", unlabelled(#"secret "oldsecret-id""#)),
        row("delete a secret dockerd does not have", "DELETE /v1.41/secrets/gonesecret", .allow),
        row(
            "a secret not looked up yet", "GET /v1.41/secrets/unseen",
            notLookedUp(#"secret "unseen""#, .secret("unseen"))),
        row(
            "inspect another team's config", "GET /v1.41/configs/theirconfig-id", otherTeam(#"config "theirconfig-id""#)
        ),
        row("create a secret", "POST /v1.41/secrets/create", body: #"{"Name":"s","Data":"cGFzcw=="}"#, .allow),
        row(
            "create a secret labelled for another team", "POST /v1.41/secrets/create",
            body: #"{"Name":"s","Labels":{"dockgate.owner":"data"}}"#, forged("Labels", "data")),
        row(
            "update another team's config", "POST /v1.41/configs/theirconfig-id/update?version=2",
            body: #"{"Name":"c","Labels":{"dockgate.owner":"web"}}"#, otherTeam(#"config "theirconfig-id""#)),
        row(
            "update an own config keeping its label", "POST /v1.41/configs/myconfig-id/update?version=2",
            body: #"{"Name":"c","Labels":{"dockgate.owner":"web"}}"#, .allow),
        row(
            "update an own secret, handing it to another team", "POST /v1.41/secrets/mysecret-id/update?version=2",
            body: #"{"Name":"s","Labels":{"dockgate.owner":"data"}}"#, forged("Labels", "data")),
        row("list secrets (filtered to the team)", "GET /v1.41/secrets", .allow),
    ]

    static let containerCreate: [CheckCase] = [
        create("plain", .allow),
        create("other labels", config: #""Labels":{"app":"web"}"#, .allow),
        create("null labels", config: #""Labels":null"#, .allow),
        create(
            "the owner label, even its own team", config: #""Labels":{"dockgate.owner":"web"}"#, forged("Labels", "web")
        ),
        create(
            "the owner label of another team", config: #""Labels":{"dockgate.owner":"data"}"#, forged("Labels", "data")),
        create(
            "the Labels field in lower case", config: #""labels":{"dockgate.owner":"data"}"#, forged("Labels", "data")),
        create(
            "the Labels field ending in U+017F (Go folds it to s)",
            config: #""Label\u017f":{"dockgate.owner":"data"}"#, forged("Labels", "data")),
        create(
            "the owner label written with escapes", config: #""Labels":{"\u0064ockgate.owner":"data"}"#,
            forged("Labels", "data")),
        // Go keeps `Dockgate.Owner` apart from `dockgate.owner`, but the gate could not stamp
        // the owner label beside it: the created container would carry no owner.
        create(
            "a label differing from the owner label only in case", config: #""Labels":{"Dockgate.Owner":"data"}"#,
            lookalike("Labels", "Dockgate.Owner", #""Dockgate.Owner""#, "data")),
        create(
            "a label with a Kelvin sign for k", config: #""Labels":{"doc\u212Agate.owner":"web"}"#,
            lookalike("Labels", "doc\u{212A}gate.owner", #""doc\u{212A}gate.owner""#, "web")),
        create("another team's label key with a suffix", config: #""Labels":{"dockgate.owner2":"data"}"#, .allow),
        // container:X in the namespace modes.
        create("NetworkMode of an own container", hostConfig: #""NetworkMode":"container:mine""#, .allow),
        create(
            "NetworkMode of another team's container", hostConfig: #""NetworkMode":"container:theirs""#,
            otherTeam(#"container "theirs""#, detail: "HostConfig.NetworkMode")),
        create(
            "PidMode of an unlabelled container", hostConfig: #""PidMode":"container:legacy""#,
            unlabelled(#"container "legacy""#, detail: "HostConfig.PidMode")),
        create(
            "IpcMode of another team's ID prefix", hostConfig: #""IpcMode":"container:bbb2""#,
            otherTeam(#"container "bbb2""#, detail: "HostConfig.IpcMode")),
        create(
            "NetworkMode of a container that does not exist", hostConfig: #""NetworkMode":"container:gone""#, .allow),
        create(
            "NetworkMode of a container not looked up yet", hostConfig: #""NetworkMode":"container:unseen""#,
            notLookedUp(#"container "unseen""#, .container("unseen"), detail: "HostConfig.NetworkMode")),
        row(
            "NetworkMode at the top level (daemons up to v26)", "POST /v1.41/containers/create",
            body: #"{"Image":"x","NetworkMode":"container:theirs"}"#,
            otherTeam(#"container "theirs""#, detail: "NetworkMode")),
        // networks.
        create("NetworkMode of an own network", hostConfig: #""NetworkMode":"mynet""#, .allow),
        create(
            "NetworkMode of another team's network", hostConfig: #""NetworkMode":"theirnet""#,
            otherTeam(#"network "theirnet""#)),
        create(
            "NetworkMode of an unlabelled network", hostConfig: #""NetworkMode":"oldnet""#,
            unlabelled(#"network "oldnet""#)),
        create("NetworkMode bridge", hostConfig: #""NetworkMode":"bridge""#, .allow),
        create("NetworkMode default", hostConfig: #""NetworkMode":"default""#, .allow),
        create("NetworkMode empty", hostConfig: #""NetworkMode":"""#, .allow),
        create("NetworkMode host (no-host-network's to refuse)", hostConfig: #""NetworkMode":"host""#, .allow),
        create(
            "NetworkMode of a network not looked up yet", hostConfig: #""NetworkMode":"unseen""#,
            notLookedUp(#"network "unseen""#, .network("unseen"))),
        create("NetworkingConfig with an own network", networks: #""mynet":{}"#, .allow),
        create("NetworkingConfig with bridge and a null entry", networks: #""bridge":null"#, .allow),
        create(
            "NetworkingConfig with another team's network", networks: #""mynet":{},"theirnet":{"Aliases":["x"]}"#,
            otherTeam(#"network "theirnet""#)),
        create(
            "NetworkingConfig with a network not looked up yet", networks: #""unseen":{}"#,
            notLookedUp(#"network "unseen""#, .network("unseen"))),
        // VolumesFrom and Links.
        create("VolumesFrom an own container", hostConfig: #""VolumesFrom":["mine:ro"]"#, .allow),
        create(
            "VolumesFrom another team's container, read-only", hostConfig: #""VolumesFrom":["mine","theirs:ro"]"#,
            otherTeam(#"container "theirs""#, detail: "HostConfig.VolumesFrom")),
        create(
            "VolumesFrom another team's container", hostConfig: #""VolumesFrom":["bbb2"]"#,
            otherTeam(#"container "bbb2""#, detail: "HostConfig.VolumesFrom")),
        create("VolumesFrom a container that does not exist", hostConfig: #""VolumesFrom":["gone:rw"]"#, .allow),
        create("Links to an own container", hostConfig: #""Links":["mine:db"]"#, .allow),
        create(
            "Links to another team's container, /name:alias", hostConfig: #""Links":["/theirs:db"]"#,
            otherTeam(#"container "theirs""#, detail: "HostConfig.Links")),
        create(
            "Links to another team's container, no alias", hostConfig: #""Links":["theirs"]"#,
            otherTeam(#"container "theirs""#, detail: "HostConfig.Links")),
        create(
            "Links as inspect shows them, /name:/self/alias", hostConfig: #""Links":["/legacy:/web/db"]"#,
            unlabelled(#"container "legacy""#, detail: "HostConfig.Links")),
        // Named volumes must exist and be the team's.
        create("Binds an own volume", hostConfig: #""Binds":["myvol:/data:ro"]"#, .allow),
        create(
            "Binds another team's volume", hostConfig: #""Binds":["myvol:/a","theirvol:/data"]"#,
            otherTeam(#"volume "theirvol""#)),
        create("Binds an unlabelled volume", hostConfig: #""Binds":["oldvol:/data"]"#, unlabelled(#"volume "oldvol""#)),
        create("Binds a volume that does not exist", hostConfig: #""Binds":["newvol:/data"]"#, mustExist),
        create(
            "Binds a volume not looked up yet", hostConfig: #""Binds":["unseen:/data"]"#,
            notLookedUp(#"volume "unseen""#, .volume("unseen"))),
        create("Binds a host path (host-path rules' to decide)", hostConfig: #""Binds":["/srv:/data"]"#, .allow),
        create("Binds an anonymous volume", hostConfig: #""Binds":["/data"]"#, .allow),
        create(
            "Mounts an own volume", hostConfig: #""Mounts":[{"Type":"volume","Source":"myvol","Target":"/d"}]"#, .allow),
        create(
            "Mounts another team's volume",
            hostConfig: #""Mounts":[{"Type":"volume","Source":"theirvol","Target":"/d"}]"#,
            otherTeam(#"volume "theirvol""#)),
        create(
            "Mounts a volume that does not exist",
            hostConfig: #""Mounts":[{"type":"volume","source":"newvol","target":"/d"}]"#,
            mustExist),
        create("Mounts an anonymous volume", hostConfig: #""Mounts":[{"Type":"volume","Target":"/d"}]"#, .allow),
        create("Mounts a bind", hostConfig: #""Mounts":[{"Type":"bind","Source":"theirvol","Target":"/d"}]"#, .allow),
    ]

    /// Admins and single-tenant policies (no teams) are not restricted; read-only members are.
    static let skipped: [CheckCase] = [
        row("admin: another team's container", "POST /v1.41/containers/theirs/stop", identity: admin, .allow),
        row("admin: an unlabelled volume", "DELETE /v1.41/volumes/oldvol", identity: admin, .allow),
        row("admin: a container not looked up", "GET /v1.41/containers/unseen/json", identity: admin, .allow),
        row("admin: disk usage", "GET /v1.41/system/df", identity: admin, .allow),
        create("admin: the owner label", config: #""Labels":{"dockgate.owner":"data"}"#, identity: admin, .allow),
        create("admin: another team's network", hostConfig: #""NetworkMode":"theirnet""#, identity: admin, .allow),
        row(
            "single tenant: another team's container", "POST /v1.41/containers/theirs/stop",
            identity: PolicyTest.identity, .allow),
        row("single tenant: disk usage", "GET /v1.41/system/df", identity: PolicyTest.identity, .allow),
        create(
            "single tenant: the owner label", config: #""Labels":{"dockgate.owner":"data"}"#,
            identity: PolicyTest.identity, .allow),
        row("readonly: own", "GET /v1.41/containers/mine/json", identity: auditor, .allow),
        row(
            "readonly: another team's", "GET /v1.41/containers/theirs/json", identity: auditor,
            otherTeam(#"container "theirs""#)),
    ]

    @Test(arguments: containers)
    func containerEndpoints(_ row: CheckCase) throws {
        try row.verify(.ownership)
    }

    @Test(arguments: adminEndpoints)
    func endpointsForAdminsOnly(_ row: CheckCase) throws {
        try row.verify(.ownership)
    }

    @Test(arguments: volumes)
    func volumeEndpoints(_ row: CheckCase) throws {
        try row.verify(.ownership)
    }

    @Test(arguments: networks)
    func networkEndpoints(_ row: CheckCase) throws {
        try row.verify(.ownership)
    }

    @Test(arguments: services)
    func serviceEndpoints(_ row: CheckCase) throws {
        try row.verify(.ownership)
    }

    @Test(arguments: secretsAndConfigs)
    func secretAndConfigEndpoints(_ row: CheckCase) throws {
        try row.verify(.ownership)
    }

    @Test(arguments: containerCreate)
    func containerCreateReferences(_ row: CheckCase) throws {
        try row.verify(.ownership)
    }

    @Test(arguments: skipped)
    func adminsAndSingleTenant(_ row: CheckCase) throws {
        try row.verify(.ownership)
    }
}
