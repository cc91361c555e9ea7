import DockerAPI
import Policy
import Testing

@Suite("Check safe-volume-create")
struct CheckSafeVolumeCreateTests {
    static func volume(
        _ name: String, _ body: String, settings: ProfileSettings = ProfileSettings(), _ expected: CheckCase.Expected
    )
        -> CheckCase
    {
        CheckCase(name, "POST /v1.41/volumes/create", body: body, settings: settings, expected)
    }

    static func option(_ key: String, _ value: String, _ detail: String) -> CheckCase.Expected {
        .deny(
            reason: "the volume sets local driver option \"\(key)\", which can mount host paths or devices",
            detail: detail)
    }

    static let cases: [CheckCase] = [
        volume(
            "the docker CLI's body", #"{"Driver":"local","DriverOpts":{},"Labels":{"team":"web"},"Name":"data"}"#,
            .allow),
        volume("a name only", #"{"Name":"data"}"#, .allow),
        volume("null options", #"{"Name":"data","Driver":null,"DriverOpts":null}"#, .allow),
        volume("a size", #"{"Name":"data","DriverOpts":{"size":"1G"}}"#, .allow),
        volume("an escaped size", #"{"Name":"data","DriverOpts":{"\u0073ize":"1G"}}"#, .allow),
        volume(
            "a bind of /etc",
            #"{"Name":"etc","Driver":"local","DriverOpts":{"type":"none","o":"bind","device":"/etc"}}"#,
            option("type", "none", #"DriverOpts.type="none""#)),
        volume(
            "lower-case keys, o only", #"{"name":"etc","driveropts":{"o":"bind"}}"#,
            option("o", "bind", #"DriverOpts.o="bind""#)),
        volume(
            "a block device after a size", #"{"DriverOpts":{"size":"1G","device":"/dev/sda1"}}"#,
            option("device", "/dev/sda1", #"DriverOpts.device="/dev/sda1""#)),
        volume(
            "the long s in the field name", "{\"DriverOpt\u{017F}\":{\"type\":\"nfs\"}}",
            option("type", "nfs", #"DriverOpts.type="nfs""#)),
        volume(
            "an escaped field name", #"{"\u0044riverOpts":{"o":"addr=10.0.0.1"}}"#,
            option("o", "addr=10.0.0.1", #"DriverOpts.o="addr=10.0.0.1""#)),
        volume(
            "a volume plugin", #"{"Name":"p","Driver":"rexray"}"#,
            .deny(reason: "the volume uses volume driver \"rexray\", which is not allowed", detail: #"Driver="rexray""#)
        ),
        volume(
            "LOCAL is a plugin name to dockerd", #"{"Driver":"LOCAL","DriverOpts":{"size":"1G"}}"#,
            .deny(reason: "the volume uses volume driver \"LOCAL\", which is not allowed", detail: #"Driver="LOCAL""#)),
        volume(
            "an allowed plugin, with its options", #"{"Driver":"rexray","DriverOpts":{"size":"5","type":"ebs"}}"#,
            settings: ProfileSettings(allowedVolumeDrivers: ["rexray"]), .allow),
        volume("ClusterVolumeSpec null", #"{"Name":"c","ClusterVolumeSpec":null}"#, .allow),
        volume(
            "an empty ClusterVolumeSpec", #"{"Name":"c","ClusterVolumeSpec":{}}"#,
            .deny(reason: "cluster (CSI) volumes are not allowed; create a local volume", detail: "ClusterVolumeSpec")),
        volume(
            "a CSI volume names its plugin first",
            #"{"Name":"c","Driver":"csi-nfs","ClusterVolumeSpec":{"AccessMode":{"Scope":"multi"}}}"#,
            .deny(
                reason: "the volume uses volume driver \"csi-nfs\", which is not allowed", detail: #"Driver="csi-nfs""#)
        ),
        volume(
            "an option value of the wrong type", #"{"DriverOpts":{"size":1}}"#,
            .unreadable("DriverOpts.size", "number", "string")),
        volume("a driver of the wrong type", #"{"Driver":["local"]}"#, .unreadable("Driver", "array", "string")),
        volume(
            "a ClusterVolumeSpec of the wrong type", #"{"ClusterVolumeSpec":true}"#,
            .unreadable("ClusterVolumeSpec", "bool", "volume.ClusterVolumeSpec")),
        CheckCase("no body", "POST /v1.41/volumes/create", body: nil, .allow),
        CheckCase("another endpoint", "GET /v1.41/volumes/etc", body: nil, .allow),
    ]

    @Test(arguments: cases)
    func table(_ row: CheckCase) throws {
        try row.verify(.safeVolumeCreate)
    }
}
