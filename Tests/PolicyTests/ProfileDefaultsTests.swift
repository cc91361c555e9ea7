import DockerAPI
import Policy
import Testing

/// The safe values the restricted profile fills in: `CgroupnsMode` becomes `private` where
/// the body leaves it empty, in whichever HostConfig form the body uses.
@Suite("Profile defaults")
struct ProfileDefaultsTests {
    static let cases: [(body: String, expected: String?)] = [
        (#"{"Image":"x"}"#, #"{"Image":"x","HostConfig":{"CgroupnsMode":"private"}}"#),
        (#"{"Image":"x","HostConfig":null}"#, #"{"Image":"x","HostConfig":{"CgroupnsMode":"private"}}"#),
        (
            #"{"Image":"x","HostConfig":{"Memory":1}}"#,
            #"{"Image":"x","HostConfig":{"Memory":1,"CgroupnsMode":"private"}}"#
        ),
        (#"{"Image":"x","hostconfig":{"cgroupnsmode":""}}"#, #"{"Image":"x","hostconfig":{"cgroupnsmode":"private"}}"#),
        // The legacy top-level form stays top-level: never both forms in one body.
        (#"{"Image":"x","Memory":1}"#, #"{"Image":"x","Memory":1,"CgroupnsMode":"private"}"#),
        (#"{"Image":"x","HostConfig":{"CgroupnsMode":"private"}}"#, nil),
        (#"{"Image":"x","HostConfig":{"CgroupnsMode":"host"}}"#, nil),
    ]

    @Test(arguments: cases)
    func restricted(body: String, expected: String?) throws {
        let request = try PolicyTest.request("POST /v1.41/containers/create", body)
        let json = try StrictJSONParser.parse(Array(body.utf8))
        let result = ProfileDefaults.apply(to: json, request: request, profile: .restricted)
        #expect(result.map { String(decoding: $0.canonicalBytes(), as: UTF8.self) } == expected)
    }

    @Test func baselineFillsNothingIn() throws {
        let body = #"{"Image":"x"}"#
        let request = try PolicyTest.request("POST /v1.41/containers/create", body)
        #expect(
            ProfileDefaults.apply(
                to: try StrictJSONParser.parse(Array(body.utf8)), request: request, profile: .baseline) == nil)
    }
}
