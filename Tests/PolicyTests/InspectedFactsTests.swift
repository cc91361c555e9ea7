import DockerAPI
import Policy
import Testing

/// The daemon's inspect answers, read into facts: exact names, zero values for what Go
/// omits, and a refusal for anything of the wrong shape.
@Suite("Facts from inspect answers")
struct InspectedFactsTests {
    static func parse(_ text: String) throws -> JSONValue {
        try StrictJSONParser.parse(Array(text.utf8))
    }

    static let images: [(document: String, user: String?)] = [
        (#"{"Id":"sha256:1","Config":{"User":"1000:1000"}}"#, "1000:1000"),
        (#"{"Id":"sha256:1","Config":{"User":""}}"#, ""),
        (#"{"Id":"sha256:1","Config":{}}"#, ""),
        (#"{"Id":"sha256:1","Config":null}"#, ""),
        // Names are the daemon's own: a differently cased one is not the field.
        (#"{"Id":"sha256:1","Config":{"user":"1000"}}"#, ""),
        (#"{"Id":"sha256:1","Config":{"User":1000}}"#, nil),
        (#"{"Id":"sha256:1","Config":"x"}"#, nil),
        (#"[]"#, nil),
    ]

    @Test(arguments: images)
    func image(document: String, user: String?) throws {
        let fact = try? InspectedFacts.image(Self.parse(document))
        #expect(fact?.user == user)
    }

    @Test func container() throws {
        let fact = try InspectedFacts.container(
            Self.parse(
                #"""
                {"Id":"4f2a","Config":{"User":"1000"},"HostConfig":{"NetworkMode":"container:web","PidMode":"host","IpcMode":"private"},
                 "Mounts":[{"Type":"bind","Source":"/srv","Destination":"/data"},{"Type":"volume","Name":"v1","Source":"/var/lib/docker/volumes/v1/_data","Driver":"local"}]}
                """#))
        #expect(fact.id == "4f2a")
        #expect(fact.user == "1000")
        #expect(fact.networkMode == "container:web")
        #expect(fact.pidMode == "host")
        #expect(fact.ipcMode == "private")
        #expect(
            fact.mounts == [
                MountFact(type: "bind", source: "/srv"),
                MountFact(type: "volume", source: "/var/lib/docker/volumes/v1/_data", name: "v1", driver: "local"),
            ])
    }

    static let unreadableContainers: [String] = [
        #"{"Config":{"User":"1000"}}"#,
        #"{"Id":"c","Mounts":{}}"#,
        #"{"Id":"c","Mounts":[{"Type":1}]}"#,
        #"{"Id":"c","HostConfig":{"NetworkMode":false}}"#,
    ]

    @Test(arguments: unreadableContainers)
    func unreadableContainer(_ document: String) throws {
        #expect(throws: InspectError.self) { try InspectedFacts.container(Self.parse(document)) }
    }

    @Test func exec() throws {
        let fact = try InspectedFacts.exec(
            Self.parse(#"{"ID":"e1","ContainerID":"c1","ProcessConfig":{"privileged":true,"user":"0"}}"#))
        #expect(fact == ExecFact(containerID: "c1", privileged: true, user: "0"))
        #expect(throws: InspectError.self) { try InspectedFacts.exec(Self.parse(#"{"ContainerID":"c1"}"#)) }
        #expect(throws: InspectError.self) {
            try InspectedFacts.exec(Self.parse(#"{"ProcessConfig":{"privileged":"yes"}}"#))
        }
    }

    @Test func volume() throws {
        let fact = try InspectedFacts.volume(
            Self.parse(#"{"Name":"v","Driver":"local","Options":{"type":"none","o":"bind","device":"/etc"}}"#))
        #expect(fact.driver == "local")
        #expect(fact.options["device"] == "/etc")
        #expect(try InspectedFacts.volume(Self.parse(#"{"Driver":"local","Options":null}"#)).options.isEmpty)
        #expect(throws: InspectError.self) {
            try InspectedFacts.volume(Self.parse(#"{"Driver":"local","Options":{"size":1}}"#))
        }
    }

    // MARK: Owners, networks, services, counts

    /// The owner label: `Config.Labels` for containers, `Labels` for volumes and networks,
    /// `Spec.Labels` for services; the key is matched by its exact bytes.
    static let containerOwners: [(document: String, owner: String??)] = [
        (#"{"Id":"c","Config":{"Labels":{"dockgate.owner":"web","a":"b"}}}"#, "web"),
        (#"{"Id":"c","Config":{"Labels":{"dockgate.owner":""}}}"#, ""),
        (#"{"Id":"c","Config":{"Labels":{"a":"b"}}}"#, .some(nil)),
        (#"{"Id":"c","Config":{"Labels":{}}}"#, .some(nil)),
        (#"{"Id":"c","Config":{"Labels":null}}"#, .some(nil)),
        (#"{"Id":"c","Config":{}}"#, .some(nil)),
        (#"{"Id":"c","Config":null}"#, .some(nil)),
        (#"{"Id":"c"}"#, .some(nil)),
        // Another label, and the field name is the daemon's own.
        (#"{"Id":"c","Config":{"Labels":{"Dockgate.Owner":"web"}}}"#, .some(nil)),
        (#"{"Id":"c","Config":{"labels":{"dockgate.owner":"web"}}}"#, .some(nil)),
        // Not where a container's labels are.
        (#"{"Id":"c","Labels":{"dockgate.owner":"web"}}"#, .some(nil)),
        // Refused: the wrong shape.
        (#"{"Id":"c","Config":{"Labels":{"dockgate.owner":1}}}"#, nil),
        (#"{"Id":"c","Config":{"Labels":{"dockgate.owner":null}}}"#, nil),
        (#"{"Id":"c","Config":{"Labels":["dockgate.owner=web"]}}"#, nil),
    ]

    @Test(arguments: containerOwners)
    func containerOwner(document: String, owner: String??) throws {
        let fact = try? InspectedFacts.container(Self.parse(document))
        #expect(fact.map(\.owner) == owner)
    }

    @Test func volumeOwner() throws {
        let owned = try InspectedFacts.volume(
            Self.parse(#"{"Name":"v","Driver":"local","Labels":{"dockgate.owner":"web"},"Options":null}"#))
        #expect(owned == VolumeFact(driver: "local", owner: "web"))
        #expect(try InspectedFacts.volume(Self.parse(#"{"Driver":"local","Labels":null}"#)).owner == nil)
        #expect(try InspectedFacts.volume(Self.parse(#"{"Driver":"local"}"#)).owner == nil)
        #expect(throws: InspectError.self) {
            try InspectedFacts.volume(Self.parse(#"{"Driver":"local","Labels":{"dockgate.owner":true}}"#))
        }
        let error = #expect(throws: InspectError.self) {
            try InspectedFacts.volume(Self.parse(#"{"Driver":"local","Labels":"x"}"#))
        }
        #expect(error?.description == "Labels is not an object")
    }

    static let networks: [(document: String, fact: NetworkFact?)] = [
        (
            #"{"Name":"web-net","Id":"7d3f","Driver":"bridge","Labels":{"dockgate.owner":"web"}}"#,
            NetworkFact(id: "7d3f", name: "web-net", owner: "web")
        ),
        (#"{"Name":"bridge","Id":"b1","Labels":{}}"#, NetworkFact(id: "b1", name: "bridge")),
        (#"{"Name":"host","Id":"h1","Labels":null}"#, NetworkFact(id: "h1", name: "host")),
        (#"{"Id":"n1"}"#, NetworkFact(id: "n1", name: "")),
        (#"{"Name":"n","ID":"n1"}"#, nil),
        (#"{"Name":"n","Id":""}"#, nil),
        (#"{"Name":"n"}"#, nil),
        (#"{"Name":1,"Id":"n1"}"#, nil),
        (#"{"Name":"n","Id":"n1","Labels":{"dockgate.owner":["web"]}}"#, nil),
        ("[]", nil),
    ]

    @Test(arguments: networks)
    func network(document: String, fact: NetworkFact?) throws {
        #expect((try? InspectedFacts.network(Self.parse(document))) == fact)
    }

    static let services: [(document: String, fact: ServiceFact?)] = [
        (
            #"{"ID":"s1","Version":{"Index":3},"Spec":{"Name":"web","Labels":{"dockgate.owner":"web"}}}"#,
            ServiceFact(id: "s1", owner: "web")
        ),
        (#"{"ID":"s1","Spec":{"Name":"web","Labels":{}}}"#, ServiceFact(id: "s1")),
        (#"{"ID":"s1","Spec":{"Name":"web"}}"#, ServiceFact(id: "s1")),
        (#"{"ID":"s1"}"#, ServiceFact(id: "s1")),
        // The task containers' labels are not the service's.
        (
            #"{"ID":"s1","Spec":{"TaskTemplate":{"ContainerSpec":{"Labels":{"dockgate.owner":"web"}}}}}"#,
            ServiceFact(id: "s1")
        ),
        (#"{"ID":"s1","Labels":{"dockgate.owner":"web"}}"#, ServiceFact(id: "s1")),
        (#"{"Id":"s1","Spec":{}}"#, nil),
        (#"{"ID":"","Spec":{}}"#, nil),
        (#"{"ID":"s1","Spec":[]}"#, nil),
        (#"{"ID":"s1","Spec":{"Labels":{"dockgate.owner":7}}}"#, nil),
    ]

    @Test(arguments: services)
    func service(document: String, fact: ServiceFact?) throws {
        #expect((try? InspectedFacts.service(Self.parse(document))) == fact)
    }

    static let lists: [(document: String, count: Int?)] = [
        ("[]", 0),
        (#"[{"Id":"a"}]"#, 1),
        (#"[{"Id":"a"},{"Id":"b"},{"Id":"c"}]"#, 3),
        ("{}", nil),
        ("null", nil),
        (#""3""#, nil),
    ]

    @Test(arguments: lists)
    func containerCount(document: String, count: Int?) throws {
        #expect((try? InspectedFacts.containerCount(Self.parse(document))) == count)
    }
}
