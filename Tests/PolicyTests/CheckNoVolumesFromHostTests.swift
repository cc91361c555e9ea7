import DockerAPI
import Policy
import Testing

@Suite("Check no-volumes-from-host")
struct CheckNoVolumesFromHostTests {
    static let facts = Facts(
        containers: [
            "data": .found(
                ContainerFact(
                    id: "a",
                    mounts: [
                        MountFact(
                            type: "volume", source: "/var/lib/docker/volumes/v1/_data", name: "v1", driver: "local")
                    ])),
            "etc": .found(ContainerFact(id: "b", mounts: [MountFact(type: "bind", source: "/etc")])),
            "plug": .found(ContainerFact(id: "c", mounts: [MountFact(type: "volume", name: "p1", driver: "rexray")])),
            "bound": .found(
                ContainerFact(id: "d", mounts: [MountFact(type: "volume", name: "etcvol", driver: "local")])),
            "tmp": .found(ContainerFact(id: "e", mounts: [MountFact(type: "tmpfs")])),
            "gone": .notFound,
        ],
        volumes: [
            "v1": .found(VolumeFact(driver: "local")),
            "etcvol": .found(VolumeFact(driver: "local", options: StringMap([.init(key: "device", value: "/etc")]))),
        ])

    static let cases: [CheckCase] = [
        .create("none", hostConfig: #""VolumesFrom":null"#, .allow),
        .create("a data container", hostConfig: #""VolumesFrom":["data:ro"]"#, facts: facts, .allow),
        .create("a tmpfs container", hostConfig: #""VolumesFrom":["tmp"]"#, facts: facts, .allow),
        .create(
            "a container with a bind of /etc", hostConfig: #""VolumesFrom":["etc"]"#, facts: facts,
            .deny(
                reason:
                    "VolumesFrom \"etc\": mounting host path /etc is not allowed: it is, contains or lies inside /etc",
                detail: #"HostConfig.VolumesFrom[0]="etc" ("etc" mounts bind "/etc")"#)),
        .create(
            "a container with a plugin volume", hostConfig: #""VolumesFrom":["data","plug:rw"]"#, facts: facts,
            .deny(
                reason: "VolumesFrom \"plug\": volume \"p1\" uses volume driver \"rexray\", which is not allowed",
                detail: #"HostConfig.VolumesFrom[1]="plug:rw" ("plug" mounts volume "p1")"#)),
        .create(
            "a container with a host-bound volume", hostConfig: #""VolumesFrom":["bound"]"#, facts: facts,
            .deny(
                reason: "VolumesFrom \"bound\": volume \"etcvol\" sets local driver option \"device\", which can mount"
                    + " host paths or devices",
                detail: #"HostConfig.VolumesFrom[0]="bound" ("bound" mounts volume "etcvol") (device="/etc")"#)),
        .create(
            "a container not looked up", hostConfig: #""VolumesFrom":["other"]"#, facts: facts,
            .deny(
                reason: "could not determine which mounts container \"other\" has",
                detail: #"HostConfig.VolumesFrom[0]="other""#, missing: .container("other"))),
        .create(
            "a container that does not exist", hostConfig: #""VolumesFrom":["gone"]"#, facts: facts,
            .deny(
                reason: "VolumesFrom names container \"gone\", which does not exist",
                detail: #"HostConfig.VolumesFrom[0]="gone""#)),
        .create(
            "an empty reference", hostConfig: #""VolumesFrom":[":ro"]"#, facts: facts,
            .deny(reason: "VolumesFrom names no container", detail: #"HostConfig.VolumesFrom[0]=":ro""#)),
        CheckCase(
            "top-level alias", body: #"{"Image":"x","VolumesFrom":["etc"]}"#, facts: facts,
            .deny(
                reason:
                    "VolumesFrom \"etc\": mounting host path /etc is not allowed: it is, contains or lies inside /etc",
                detail: #"VolumesFrom[0]="etc" ("etc" mounts bind "/etc")"#)),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.noVolumesFromHost)
    }
}
