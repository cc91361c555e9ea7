import DockerAPI
import Policy
import Testing

/// What the gate forwards for a team member: created objects stamped with the owner label,
/// lists filtered by it.
@Suite("Ownership rewrite")
struct OwnershipRewriteTests {
    struct Stamp: Sendable, CustomTestStringConvertible {
        let name: String
        let endpoint: Endpoint
        let body: String
        /// The canonical re-encoding, or nil when the body cannot be stamped.
        let expected: String?

        init(_ name: String, _ endpoint: Endpoint, _ body: String, _ expected: String?) {
            self.name = name
            self.endpoint = endpoint
            self.body = body
            self.expected = expected
        }

        var testDescription: String { name }
    }

    static let stamps: [Stamp] = [
        Stamp(
            "container: no Labels", .containerCreate, #"{"Image":"x"}"#,
            #"{"Image":"x","Labels":{"dockgate.owner":"web"}}"#),
        Stamp(
            "container: null Labels", .containerCreate, #"{"Image":"x","Labels":null}"#,
            #"{"Image":"x","Labels":{"dockgate.owner":"web"}}"#),
        Stamp(
            "container: empty Labels", .containerCreate, #"{"Labels":{},"Image":"x"}"#,
            #"{"Labels":{"dockgate.owner":"web"},"Image":"x"}"#),
        Stamp(
            "container: existing Labels kept, in order", .containerCreate,
            #"{"Image":"x","Labels":{"b":"2","a":"1"}}"#,
            #"{"Image":"x","Labels":{"b":"2","a":"1","dockgate.owner":"web"}}"#),
        Stamp(
            "container: a lower-case labels field is the field (its name kept)", .containerCreate,
            #"{"labels":{"a":"1"},"Image":"x"}"#, #"{"labels":{"a":"1","dockgate.owner":"web"},"Image":"x"}"#),
        Stamp(
            "container: the label replaced, not repeated", .containerCreate,
            #"{"Labels":{"dockgate.owner":"data","a":"1"}}"#, #"{"Labels":{"a":"1","dockgate.owner":"web"}}"#),
        Stamp(
            "container: other members untouched, numbers as sent", .containerCreate,
            #"{"Image":"x","HostConfig":{"Memory":1.0e9,"Binds":null},"Labels":{"a":"\u00e9"}}"#,
            #"{"Image":"x","HostConfig":{"Memory":1.0e9,"Binds":null},"Labels":{"a":"é","dockgate.owner":"web"}}"#),
        Stamp(
            "volume", .volumeCreate, #"{"Name":"v","Driver":"local"}"#,
            #"{"Name":"v","Driver":"local","Labels":{"dockgate.owner":"web"}}"#),
        Stamp(
            "secret", .secretCreate, #"{"Name":"s","Data":"cGFzcw=="}"#,
            #"{"Name":"s","Data":"cGFzcw==","Labels":{"dockgate.owner":"web"}}"#),
        Stamp(
            "config update keeps it the team's", .configUpdate, #"{"Name":"c","Labels":{"a":"1"}}"#,
            #"{"Name":"c","Labels":{"a":"1","dockgate.owner":"web"}}"#),
        Stamp(
            "network", .networkCreate, #"{"Name":"n","LABELS":{"tier":"db"}}"#,
            #"{"Name":"n","LABELS":{"tier":"db","dockgate.owner":"web"}}"#),
        Stamp(
            "service: the spec and the task containers", .serviceCreate,
            PolicyTest.serviceBody(),
            #"{"Name":"web","TaskTemplate":{"ContainerSpec":{"Image":"local/busybox:1","User":"1000","#
                + #""Labels":{"dockgate.owner":"web"}}},"Labels":{"dockgate.owner":"web"}}"#),
        Stamp(
            "service update: the team's own labels sent back", .serviceUpdate,
            #"{"Labels":{"dockgate.owner":"web"},"TaskTemplate":{"ContainerSpec":{"Labels":{"dockgate.owner":"web","a":"1"}}}}"#,
            #"{"Labels":{"dockgate.owner":"web"},"TaskTemplate":{"ContainerSpec":{"Labels":{"a":"1","dockgate.owner":"web"}}}}"#
        ),
        Stamp(
            "service: nested fields found with folding", .serviceCreate,
            #"{"taskTemplate":{"containerspec":{"labels":null}}}"#,
            #"{"taskTemplate":{"containerspec":{"labels":{"dockgate.owner":"web"}}},"Labels":{"dockgate.owner":"web"}}"#
        ),
        Stamp(
            "service: no TaskTemplate, only the spec", .serviceCreate, #"{"Name":"s"}"#,
            #"{"Name":"s","Labels":{"dockgate.owner":"web"}}"#),
        Stamp(
            "service: a plugin task has no ContainerSpec", .serviceCreate,
            #"{"TaskTemplate":{"PluginSpec":{"Name":"p"}}}"#,
            #"{"TaskTemplate":{"PluginSpec":{"Name":"p"}},"Labels":{"dockgate.owner":"web"}}"#),
        Stamp(
            "service: a null ContainerSpec", .serviceCreate, #"{"TaskTemplate":{"ContainerSpec":null}}"#,
            #"{"TaskTemplate":{"ContainerSpec":null},"Labels":{"dockgate.owner":"web"}}"#),
        // A label Go keeps apart from the owner label but whose name folds with it: the owner
        // label cannot be added beside it (JSON names must stay distinct under folding), so
        // the body cannot be stamped.
        Stamp(
            "container: a label differing only in case", .containerCreate, #"{"Labels":{"Dockgate.Owner":"x"}}"#, nil),
        Stamp(
            "service: a task label differing only in case", .serviceCreate,
            #"{"TaskTemplate":{"ContainerSpec":{"Labels":{"DOCKGATE.OWNER":"x"}}}}"#, nil),
        Stamp("an endpoint that creates nothing", .containerStart, #"{"Labels":{}}"#, #"{"Labels":{}}"#),
        Stamp("not an object", .containerCreate, #"["Labels"]"#, nil),
        Stamp("null", .containerCreate, "null", nil),
    ]

    @Test(arguments: stamps)
    func stamped(_ row: Stamp) throws {
        let body = try StrictJSONParser.parse(Array(row.body.utf8))
        let stamped = OwnershipRewrite.stamped(body, endpoint: row.endpoint, team: "web")
        #expect(stamped.map { String(decoding: $0.canonicalBytes(), as: UTF8.self) } == row.expected)
        if let stamped {
            // What the gate forwards parses again to the same tree.
            #expect(try StrictJSONParser.parse(stamped.canonicalBytes()) == stamped)
        }
    }

    @Test func whichEndpointsAreStamped() {
        for endpoint in [
            Endpoint.containerCreate, .volumeCreate, .networkCreate, .serviceCreate, .serviceUpdate, .secretCreate,
            .secretUpdate, .configCreate, .configUpdate,
        ] {
            #expect(OwnershipRewrite.stampsLabel(endpoint), "\(endpoint)")
        }
        for endpoint in [Endpoint.containerStart, .containerUpdate, .execCreate, .networkConnect, .imageCreate, .build]
        {
            #expect(!OwnershipRewrite.stampsLabel(endpoint), "\(endpoint)")
        }
    }

    @Test func whichEndpointsAreFiltered() {
        for endpoint in [
            Endpoint.containerList, .containerPrune, .volumeList, .volumePrune, .networkList, .networkPrune,
            .serviceList, .secretList, .configList, .systemEvents,
        ] {
            #expect(OwnershipRewrite.filtersByOwner(endpoint), "\(endpoint)")
        }
        for endpoint in [Endpoint.imageList, .imagePrune, .containerInspect, .taskList, .systemDiskUsage] {
            #expect(!OwnershipRewrite.filtersByOwner(endpoint), "\(endpoint)")
        }
    }

    static let filters: [(raw: String?, expected: String?)] = [
        (nil, #"{"label":["dockgate.owner=web"]}"#),
        ("", #"{"label":["dockgate.owner=web"]}"#),
        ("{}", #"{"label":["dockgate.owner=web"]}"#),
        (#"{"status":["running"]}"#, #"{"status":["running"],"label":["dockgate.owner=web"]}"#),
        // An existing label filter is kept: labels are ANDed, so the client can only narrow.
        (#"{"label":["app=x"],"name":["db"]}"#, #"{"label":["app=x","dockgate.owner=web"],"name":["db"]}"#),
        (#"{"label":["dockgate.owner=data"]}"#, #"{"label":["dockgate.owner=data","dockgate.owner=web"]}"#),
        (#"{"label":[]}"#, #"{"label":["dockgate.owner=web"]}"#),
        // The map form, as the CLI sends it.
        (
            #"{"label":{"app=x":true},"status":{"exited":true}}"#,
            #"{"label":["app=x","dockgate.owner=web"],"status":["exited"]}"#
        ),
        (#"{"until":{"24h":true}}"#, #"{"until":["24h"],"label":["dockgate.owner=web"]}"#),
        // Refused: not what dockerd reads as filters.
        ("[]", nil),
        (#""label""#, nil),
        ("not json", nil),
        (#"{"label":"app=x"}"#, nil),
        (#"{"label":[1]}"#, nil),
        (#"{"label":null}"#, nil),
        (#"{"label":{"app=x":"yes"}}"#, nil),
        // dockerd filters on a `false` entry's key all the same (`Args.Get`, `MatchKVList`),
        // and the list form cannot say `false`.
        (#"{"label":{"app=x":false}}"#, nil),
        (#"{"label!":{"keep":false},"until":{"24h":true}}"#, nil),
        (#"{"label":["a"],"label":["b"]}"#, nil),
        // `Label` is no filter dockerd knows, and would collide with the one added.
        (#"{"Label":["app=x"]}"#, nil),
    ]

    @Test(arguments: filters)
    func filtered(raw: String?, expected: String?) {
        #expect(OwnershipRewrite.filters(raw, team: "web") == expected)
    }
}
