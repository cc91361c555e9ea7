import Foundation
import Yams

/// `dockgate serve --config FILE`: every `serve` flag as a YAML key (the long flag name without
/// dashes: `tlscacert: /etc/dockgate/ca.pem`, `audit-log: [/var/log/dockgate/audit.log]`,
/// `host: [tcp://0.0.0.0:2376]`). A flag given on the command line wins over the file's key;
/// list keys are replaced, not merged. Loaded strictly: an unknown key, a list where one value
/// belongs, or a mapping stops start-up naming the file, line and key.
enum ServeConfigFile {
    /// Flags that take a value, and whether they may repeat.
    static let options: [String: Bool] = [
        "host": true, "tlscacert": false, "tlscert": false, "tlskey": false, "tlskey-passphrase-file": false,
        "tlscrl": true, "upstream": false, "tls-handshake-timeout": false, "policy": false, "profile": false,
        "max-inspected-body": false, "max-header-bytes": false, "min-api-version": false, "header-timeout": false,
        "idle-timeout": false,
        "max-connections": false, "max-connections-per-client": false, "max-handshakes-per-address": false,
        "audit-log": true,
        "audit-syslog-socket": false, "audit-fsync": false, "audit-max-size": false, "audit-keep": false,
        "audit-failure": false, "metrics-addr": false, "shutdown-grace": false, "log-level": false,
    ]
    /// Flags without a value (`true` turns them on).
    static let flags: Set<String> = ["tlsverify", "audit-syslog"]

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// `arguments` (argv without the program) with the settings of `serve --config FILE`
    /// placed before the command line's own flags, which therefore win. `--config FILE` stays,
    /// so `serve` knows the file to read again on reload.
    static func expand(_ arguments: [String]) throws -> [String] {
        guard arguments.first == "serve" else { return arguments }
        let rest = Array(arguments.dropFirst())
        var path: String?
        if let index = rest.firstIndex(of: "--config"), index + 1 < rest.count {
            path = rest[index + 1]
        } else if let index = rest.firstIndex(where: { $0.hasPrefix("--config=") }) {
            path = String(rest[index].dropFirst("--config=".count))
        }
        guard let path else { return arguments }
        let given = Set(
            rest.compactMap { argument -> String? in
                guard argument.hasPrefix("--") else { return argument == "-H" ? "host" : nil }
                return String(argument.dropFirst(2).split(separator: "=", maxSplits: 1)[0])
            })
        return ["serve"] + (try settings(path).filter { !given.contains($0.key) }.flatMap(\.arguments)) + rest
    }

    struct Setting {
        let key: String
        let arguments: [String]
    }

    static func settings(_ path: String) throws -> [Setting] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw Problem(description: "cannot read the config file \(path)") }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw Problem(description: "\(path): not YAML: \(error)")
        }
        guard let root else { return [] }
        guard case .mapping(let mapping) = root else {
            throw Problem(description: "\(path): must be a mapping of serve flags (tlscacert: /etc/dockgate/ca.pem)")
        }
        var settings: [Setting] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            let place = "\(path):\(keyNode.mark?.line ?? 0):\(keyNode.mark?.column ?? 0)"
            guard case .scalar(let keyScalar) = keyNode else {
                throw Problem(description: "\(place): a key must be a flag name")
            }
            let key = keyScalar.string
            guard seen.insert(key).inserted else { throw Problem(description: "\(place): \(key): given twice") }
            if flags.contains(key) {
                guard case .scalar(let scalar) = value, ["true", "false"].contains(scalar.string) else {
                    throw Problem(description: "\(place): \(key): must be true or false")
                }
                if scalar.string == "true" {
                    settings.append(Setting(key: key, arguments: ["--\(key)"]))
                } else if key == "tlsverify" {
                    // Passed on, so serve refuses it by name rather than the file being
                    // taken to turn verification off.
                    settings.append(Setting(key: key, arguments: ["--tlsverify=false"]))
                }
                continue
            }
            guard let repeatable = options[key] else {
                let known = (Array(options.keys) + Array(flags)).sorted().joined(separator: ", ")
                throw Problem(description: "\(place): \(key): unknown key; serve's flags are \(known)")
            }
            var values: [String] = []
            switch value {
            case .scalar(let scalar):
                values = [scalar.string]
            case .sequence(let items) where repeatable:
                for item in items {
                    guard case .scalar(let scalar) = item else {
                        throw Problem(description: "\(place): \(key): list entries must be single values")
                    }
                    values.append(scalar.string)
                }
            default:
                throw Problem(
                    description:
                        "\(place): \(key): must be \(repeatable ? "a value or a list of values" : "a single value")")
            }
            settings.append(Setting(key: key, arguments: values.flatMap { ["--\(key)", $0] }))
        }
        return settings
    }
}
