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
}
