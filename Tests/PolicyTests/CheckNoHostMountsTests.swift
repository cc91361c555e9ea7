import DockerAPI
import Policy
import Testing

@Suite("Check no-host-mounts")
struct CheckNoHostMountsTests {
    static let srv = ProfileSettings(allowedHostPathPrefixes: ["/srv/teams"])
    static let srvReadOnly = ProfileSettings(allowedHostPathPrefixes: ["/srv/teams"], hostPathsReadOnly: true)
    static let volumes = Facts(volumes: [
        "data": .found(VolumeFact(driver: "local")),
        "sized": .found(VolumeFact(driver: "local", options: StringMap([.init(key: "size", value: "1G")]))),
        "etcvol": .found(
            VolumeFact(
                driver: "local",
                options: StringMap([
                    .init(key: "type", value: "none"), .init(key: "o", value: "bind"),
                    .init(key: "device", value: "/etc"),
                ]))),
        "plugvol": .found(VolumeFact(driver: "rexray")),
        "new": .notFound,
    ])
    static let resolved = Facts(hostPaths: [
        "/srv/teams/web": .found("/srv/teams/web"),
        "/srv/teams/web/escape": .found("/"),
        "/srv/teams/web/logs": .found("/srv/teams/logs"),
        "/srv/teams/gone": .notFound,
    ])

    static func noHostPaths(_ path: String, _ detail: String) -> CheckCase.Expected {
        .deny(reason: "mounting host paths is not allowed (\(path)); use a named volume instead", detail: detail)
    }

    static func protected(_ path: String, _ inside: String, _ detail: String) -> CheckCase.Expected {
        .deny(
            reason: "mounting host path \(path) is not allowed: it is, contains or lies inside \(inside)",
            detail: detail)
    }

    static let cases: [CheckCase] = [
        .create("no mounts", hostConfig: #""Binds":null,"Mounts":null"#, .allow),
        .create("anonymous volume", hostConfig: #""Binds":["/data"]"#, .allow),
        .create("named volume, plain local", hostConfig: #""Binds":["data:/data"]"#, facts: volumes, .allow),
        .create("named volume with only a size", hostConfig: #""Binds":["sized:/data:ro"]"#, facts: volumes, .allow),
        .create("named volume dockerd will create", hostConfig: #""Binds":["new:/new"]"#, facts: volumes, .allow),
        .create(
            "named volume not looked up", hostConfig: #""Binds":["other:/o"]"#, facts: volumes,
            .deny(
                reason: "could not determine how volume \"other\" was created",
                detail: #"HostConfig.Binds[0]="other:/o""#, missing: .volume("other"))),
        .create(
            "named volume bound to /etc", hostConfig: #""Binds":["etcvol:/e"]"#, facts: volumes,
            .deny(
                reason: "volume \"etcvol\" sets local driver option \"type\", which can mount host paths or devices",
                detail: #"HostConfig.Binds[0]="etcvol:/e" (type="none")"#)),
        .create(
            "named volume of a plugin", hostConfig: #""Binds":["plugvol:/p"]"#, facts: volumes,
            .deny(
                reason: "volume \"plugvol\" uses volume driver \"rexray\", which is not allowed",
                detail: #"HostConfig.Binds[0]="plugvol:/p""#)),
        .create(
            "the host root", hostConfig: #""Binds":["/:/host"]"#,
            protected("/", "/", #"HostConfig.Binds[0]="/:/host""#)),
        .create(
            "the docker socket", hostConfig: #""Binds":["/var/run/docker.sock:/var/run/docker.sock"]"#,
            protected(
                "/var/run/docker.sock", "/var/run",
                #"HostConfig.Binds[0]="/var/run/docker.sock:/var/run/docker.sock""#)),
        .create(
            "a path cleaned to /etc", hostConfig: #""Binds":["//etc/:/h:ro"]"#,
            protected("/etc", "/etc", #"HostConfig.Binds[0]="//etc/:/h:ro""#)),
        .create(
            "dot-dot up to /etc", hostConfig: #""Binds":["/srv/teams/../../etc:/h"]"#, settings: srv,
            protected("/etc", "/etc", #"HostConfig.Binds[0]="/srv/teams/../../etc:/h""#)),
        .create(
            "a parent of the docker state", hostConfig: #""Binds":["/var:/v"]"#,
            protected("/var", "/var/lib/containerd", #"HostConfig.Binds[0]="/var:/v""#)),
        .create(
            "an ordinary host directory", hostConfig: #""Binds":["/home/alice:/h"]"#,
            noHostPaths("/home/alice", #"HostConfig.Binds[0]="/home/alice:/h""#)),
        .create(
            "long s in the key", hostConfig: "\"Bind\u{017F}\":[\"/home:/h\"]",
            noHostPaths("/home", #"HostConfig.Binds[0]="/home:/h""#)),
        .create(
            "outside the allowed prefix", hostConfig: #""Binds":["/srv/teamsX:/h"]"#, settings: srv,
            .deny(
                reason: "host path /srv/teamsX is outside the host directories this profile allows",
                detail: #"HostConfig.Binds[0]="/srv/teamsX:/h""#)),
        .create(
            "under the allowed prefix, not resolved yet", hostConfig: #""Binds":["/srv/teams/web:/w"]"#, settings: srv,
            .deny(
                reason:
                    "could not determine where host path /srv/teams/web leads (symbolic links are followed)",
                detail: #"HostConfig.Binds[0]="/srv/teams/web:/w""#, missing: .hostPath("/srv/teams/web"))),
        .create(
            "under the allowed prefix, resolved", hostConfig: #""Binds":["/srv/teams/web/:/w:ro"]"#, facts: resolved,
            settings: srv, .allow),
        .create(
            "under the allowed prefix, a symlink to /", hostConfig: #""Binds":["/srv/teams/web/escape:/w"]"#,
            facts: resolved, settings: srv,
            .deny(
                reason: "host path /srv/teams/web/escape resolves to /: mounting host path / is not allowed: it is,"
                    + " contains or lies inside /",
                detail: #"HostConfig.Binds[0]="/srv/teams/web/escape:/w""#)),
        .create(
            "under the allowed prefix, a symlink elsewhere", hostConfig: #""Binds":["/srv/teams/web/logs:/l"]"#,
            facts: resolved, settings: srv, .allow),
        .create(
            "under the allowed prefix, unresolvable", hostConfig: #""Binds":["/srv/teams/gone:/g"]"#, facts: resolved,
            settings: srv,
            .deny(
                reason: "host path /srv/teams/gone could not be resolved on the host",
                detail: #"HostConfig.Binds[0]="/srv/teams/gone:/g""#)),
        .create(
            "allowed, but rshared", hostConfig: #""Binds":["/srv/teams/web:/w:ro,rshared"]"#, facts: resolved,
            settings: srv,
            .deny(
                reason: "rshared mount propagation to the host is not allowed",
                detail: #"HostConfig.Binds[0]="/srv/teams/web:/w:ro,rshared""#)),
        .create(
            "a protected path under an extra protection", hostConfig: #""Binds":["/srv/teams/sock:/s"]"#,
            settings: ProfileSettings(
                allowedHostPathPrefixes: ["/srv/teams"], additionalProtectedHostPaths: ["/srv/teams/sock"]),
            protected("/srv/teams/sock", "/srv/teams/sock", #"HostConfig.Binds[0]="/srv/teams/sock:/s""#)),
        .create(
            "Mounts bind", hostConfig: #""Mounts":[{"Type":"bind","Source":"/etc","Target":"/e"}]"#,
            protected("/etc", "/etc", #"HostConfig.Mounts[0].Type="bind", Source="/etc""#)),
        .create(
            "Mounts bind, lower-case keys", hostConfig: #""mounts":[{"type":"bind","source":"/proc","target":"/p"}]"#,
            protected("/proc", "/proc", #"HostConfig.Mounts[0].Type="bind", Source="/proc""#)),
        .create(
            "Mounts bind, relative source", hostConfig: #""Mounts":[{"Type":"bind","Source":"etc","Target":"/e"}]"#,
            .deny(
                reason: "a bind mount needs an absolute host path, not \"etc\"",
                detail: #"HostConfig.Mounts[0].Type="bind", Source="etc""#)),
        .create(
            "Mounts bind, rshared propagation",
            hostConfig: #""Mounts":[{"Type":"bind","Source":"/srv/teams/web","BindOptions":{"Propagation":"shared"}}]"#,
            facts: resolved, settings: srv,
            .deny(
                reason: "shared mount propagation to the host is not allowed",
                detail: #"HostConfig.Mounts[0].BindOptions.Propagation="shared""#)),
        .create("Mounts tmpfs", hostConfig: #""Mounts":[{"Type":"tmpfs","Target":"/t"}]"#, .allow),
        .create(
            "Mounts volume, named", hostConfig: #""Mounts":[{"Type":"volume","Source":"data","Target":"/d"}]"#,
            facts: volumes, .allow),
        .create("Mounts volume, anonymous", hostConfig: #""Mounts":[{"Type":"volume","Target":"/d"}]"#, .allow),
        .create(
            "Mounts volume with an inline bind of /etc",
            hostConfig: #""Mounts":[{"Type":"volume","Target":"/d","VolumeOptions":{"DriverConfig":"#
                + #"{"Name":"local","Options":{"type":"none","o":"bind","device":"/etc"}}}}]"#,
            .deny(
                reason: "the mount sets local driver option \"type\", which can mount host paths or devices",
                detail: #"HostConfig.Mounts[0].VolumeOptions.DriverConfig (type="none")"#)),
        .create(
            "Mounts volume with a device option and no driver name",
            hostConfig: #""Mounts":[{"Type":"volume","Target":"/d","VolumeOptions":{"DriverConfig":"#
                + #"{"Options":{"device":"/dev/sda1"}}}}]"#,
            .deny(
                reason: "the mount sets local driver option \"device\", which can mount host paths or devices",
                detail: #"HostConfig.Mounts[0].VolumeOptions.DriverConfig (device="/dev/sda1")"#)),
        .create(
            "Mounts volume of a plugin driver",
            hostConfig:
                #""Mounts":[{"Type":"volume","Target":"/d","VolumeOptions":{"DriverConfig":{"Name":"sshfs"}}}]"#,
            .deny(
                reason: "the mount uses volume driver \"sshfs\", which is not allowed",
                detail: "HostConfig.Mounts[0].VolumeOptions.DriverConfig")),
        .create(
            "Mounts volume of an allowed plugin driver",
            hostConfig: #""Mounts":[{"Type":"volume","Target":"/d","VolumeOptions":{"DriverConfig":{"Name":"sshfs","#
                + #""Options":{"sshcmd":"x@y:/"}}}}]"#,
            settings: ProfileSettings(allowedVolumeDrivers: ["sshfs"]), .allow),
        .create(
            "Mounts npipe", hostConfig: #""Mounts":[{"Type":"npipe","Source":"/x","Target":"/x"}]"#,
            .deny(
                reason: "mounts of type \"npipe\" are not allowed",
                detail: #"HostConfig.Mounts[0].Type="npipe", Source="/x""#)),
        .create(
            "Mounts BIND is not a type dockerd knows",
            hostConfig: #""Mounts":[{"Type":"BIND","Source":"/","Target":"/h"}]"#,
            .deny(
                reason: "mounts of type \"BIND\" are not allowed",
                detail: #"HostConfig.Mounts[0].Type="BIND", Source="/""#)),
        .create(
            "VolumeDriver of a plugin", hostConfig: #""VolumeDriver":"rexray","Binds":["data:/d"]"#, facts: volumes,
            .deny(reason: "volume driver \"rexray\" is not allowed", detail: #"HostConfig.VolumeDriver="rexray""#)),
        .create("VolumeDriver local", hostConfig: #""VolumeDriver":"local""#, .allow),
        CheckCase(
            "top-level alias", body: #"{"Image":"x","binds":["/:/host"]}"#, protected("/", "/", #"Binds[0]="/:/host""#)),
        .create(
            "Mounts entry of the wrong type", hostConfig: #""Mounts":["/etc:/e"]"#,
            .deny(
                reason: "the request cannot be read as dockerd would read it: HostConfig.Mounts[0] holds a string where"
                    + " dockerd expects mount.Mount (json: cannot unmarshal string into Go value of type mount.Mount)",
                detail: "HostConfig.Mounts[0]")),
        // A profile that wants allowed host paths read-only.
        .create(
            "read-only required, :ro given", hostConfig: #""Binds":["/srv/teams/web:/w:ro"]"#, facts: resolved,
            settings: srvReadOnly, .allow),
        .create(
            "read-only required, :ro,z given", hostConfig: #""Binds":["/srv/teams/web:/w:z,ro"]"#, facts: resolved,
            settings: srvReadOnly, .allow),
        .create(
            "read-only required, no mode", hostConfig: #""Binds":["/srv/teams/web:/w"]"#, facts: resolved,
            settings: srvReadOnly,
            .deny(
                reason: "host path \"/srv/teams/web\" may only be mounted read-only: add :ro to -v",
                detail: #"HostConfig.Binds[0]="/srv/teams/web:/w""#)),
        .create(
            "read-only required, ro as the container path", hostConfig: #""Binds":["/srv/teams/web:ro"]"#,
            facts: resolved, settings: srvReadOnly,
            .deny(
                reason: "host path \"/srv/teams/web\" may only be mounted read-only: add :ro to -v",
                detail: #"HostConfig.Binds[0]="/srv/teams/web:ro""#)),
        .create(
            "read-only required, RO in upper case", hostConfig: #""Binds":["/srv/teams/web:/w:RO"]"#,
            facts: resolved, settings: srvReadOnly,
            .deny(
                reason: "host path \"/srv/teams/web\" may only be mounted read-only: add :ro to -v",
                detail: #"HostConfig.Binds[0]="/srv/teams/web:/w:RO""#)),
        .create(
            "read-only required, --mount readonly",
            hostConfig: #""Mounts":[{"Type":"bind","Source":"/srv/teams/web","Target":"/w","ReadOnly":true}]"#,
            facts: resolved, settings: srvReadOnly, .allow),
        .create(
            "read-only required, --mount readonly but not recursive",
            hostConfig:
                #""Mounts":[{"Type":"bind","Source":"/srv/teams/web","Target":"/w","ReadOnly":true,"BindOptions":{"ReadOnlyNonRecursive":true}}]"#,
            facts: resolved, settings: srvReadOnly,
            .deny(
                reason: "host path \"/srv/teams/web\" may only be mounted read-only: add readonly to --mount",
                detail: #"HostConfig.Mounts[0].Type="bind", Source="/srv/teams/web""#)),
        .create(
            "read-only required, --mount without it",
            hostConfig: #""Mounts":[{"Type":"bind","Source":"/srv/teams/web","Target":"/w"}]"#,
            facts: resolved, settings: srvReadOnly,
            .deny(
                reason: "host path \"/srv/teams/web\" may only be mounted read-only: add readonly to --mount",
                detail: #"HostConfig.Mounts[0].Type="bind", Source="/srv/teams/web""#)),
    ]

    static let mounts = "TaskTemplate.ContainerSpec.Mounts"

    static func serviceMount(
        _ name: String, _ mount: String, facts: Facts = Facts(), settings: ProfileSettings = ProfileSettings(),
        _ expected: CheckCase.Expected
    ) -> CheckCase {
        .service(name, containerSpec: #""Mounts":["# + mount + "]", facts: facts, settings: settings, expected)
    }

    static let serviceCases: [CheckCase] = [
        .service("no mounts", containerSpec: #""Mounts":null"#, .allow),
        serviceMount("a tmpfs", #"{"Type":"tmpfs","Target":"/t"}"#, .allow),
        serviceMount("TMPFS, upper-cased as swarmkit does", #"{"Type":"TMPFS","Target":"/t"}"#, .allow),
        serviceMount("a named volume", #"{"Type":"volume","Source":"data","Target":"/d"}"#, facts: volumes, .allow),
        serviceMount("an anonymous volume", #"{"Type":"volume","Target":"/d"}"#, .allow),
        serviceMount(
            "a bind of /etc", #"{"Type":"bind","Source":"/etc","Target":"/e"}"#,
            protected("/etc", "/etc", #"\#(mounts)[0].Type="bind", Source="/etc""#)),
        serviceMount(
            "BIND is a bind mount to swarmkit", #"{"Type":"BIND","Source":"/","Target":"/h"}"#,
            protected("/", "/", #"\#(mounts)[0].Type="BIND", Source="/""#)),
        serviceMount(
            "the dotless i upper-cases to BIND", "{\"Type\":\"b\u{0131}nd\",\"Source\":\"/home\",\"Target\":\"/h\"}",
            noHostPaths("/home", #"\#(mounts)[0].Type="b\u{131}nd", Source="/home""#)),
        serviceMount(
            "no type is a bind mount to swarmkit", #"{"source":"/var/run/docker.sock","target":"/s"}"#,
            protected("/var/run/docker.sock", "/var/run", #"\#(mounts)[0].Type="", Source="/var/run/docker.sock""#)),
        serviceMount(
            "an empty type and no source", #"{"Type":"","Target":"/x"}"#,
            .deny(
                reason: "a bind mount needs an absolute host path, not \"\"",
                detail: #"\#(mounts)[0].Type="", Source="""#)),
        serviceMount(
            "under an allowed prefix", #"{"Type":"bind","Source":"/srv/teams/web","Target":"/w"}"#, facts: resolved,
            settings: srv, .allow),
        serviceMount(
            "rShared propagation, upper-cased as swarmkit does",
            #"{"Type":"bind","Source":"/srv/teams/web","BindOptions":{"Propagation":"rShared"}}"#, facts: resolved,
            settings: srv,
            .deny(
                reason: "rShared mount propagation to the host is not allowed",
                detail: #"\#(mounts)[0].BindOptions.Propagation="rShared""#)),
        serviceMount(
            "a volume bound to /etc",
            #"{"Type":"Volume","Target":"/e","VolumeOptions":{"DriverConfig":"#
                + #"{"Name":"local","Options":{"type":"none","o":"bind","device":"/etc"}}}}"#,
            .deny(
                reason: "the mount sets local driver option \"type\", which can mount host paths or devices",
                detail: #"\#(mounts)[0].VolumeOptions.DriverConfig (type="none")"#)),
        serviceMount(
            "a named volume bound to /etc", #"{"Type":"volume","Source":"etcvol","Target":"/e"}"#, facts: volumes,
            .deny(
                reason: "volume \"etcvol\" sets local driver option \"type\", which can mount host paths or devices",
                detail: #"\#(mounts)[0].Type="volume", Source="etcvol" (type="none")"#)),
        serviceMount(
            "a named volume not looked up", #"{"Type":"volume","Source":"other","Target":"/o"}"#,
            .deny(
                reason: "could not determine how volume \"other\" was created",
                detail: #"\#(mounts)[0].Type="volume", Source="other""#, missing: .volume("other"))),
        serviceMount(
            "a cluster volume", #"{"Type":"cluster","Source":"csi","Target":"/c"}"#,
            .deny(
                reason: "mounts of type \"cluster\" are not allowed",
                detail: #"\#(mounts)[0].Type="cluster", Source="csi""#)),
        serviceMount(
            "npipe", #"{"Type":"npipe","Source":"/x","Target":"/x"}"#,
            .deny(
                reason: "mounts of type \"npipe\" are not allowed", detail: #"\#(mounts)[0].Type="npipe", Source="/x""#)
        ),
        serviceMount(
            "services have no image mounts", #"{"Type":"image","Source":"busybox","Target":"/i"}"#,
            .deny(
                reason: "mounts of type \"image\" are not allowed",
                detail: #"\#(mounts)[0].Type="image", Source="busybox""#)),
        serviceMount(
            "a mount of the wrong type", #""/etc:/e""#, .unreadable("\(mounts)[0]", "string", "mount.Mount")),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noHostMounts)
    }

    @Test(arguments: serviceCases)
    func services(_ row: CheckCase) throws {
        try row.verify(.noHostMounts)
    }
}
