import DockerAPI

/// Whether a volume may back a mount: its driver must be `local` (or `""`, the default) or
/// allowed by the profile, and a `local` volume must carry no option but `size` — `type`,
/// `o` and `device` mount a host path (`type=none,o=bind,device=/etc`), a host block device
/// or a remote share from the host (docker-api-surface.md §3.7). Applies to inline
/// `DriverConfig`s, to existing named volumes (a fact) and to `VolumeDriver`.
enum VolumeRules {
    static func isLocal(_ driver: String) -> Bool {
        driver.isEmpty || driver.bytesEqual("local")
    }

    static func driverAllowed(_ driver: String, settings: ProfileSettings) -> Bool {
        isLocal(driver) || settings.allowedVolumeDrivers.containsBytes(driver)
    }

    /// A driver and its options, as sent or as a volume was created.
    static func check(driver: String, options: StringMap, what: String, detail: String, settings: ProfileSettings)
        -> CheckResult
    {
        guard driverAllowed(driver, settings: settings) else {
            return .forbidden(
                reason: "\(what) uses volume driver \(quoted(driver)), which is not allowed", detail: detail)
        }
        if isLocal(driver), let option = options.entries.first(where: { !$0.key.bytesEqual("size") }) {
            return .forbidden(
                reason: "\(what) sets local driver option \(quoted(option.key)), which can mount host paths or devices",
                detail: detail + " (\(option.key)=\(quoted(option.value)))")
        }
        return .allowed
    }

    /// A named volume: an existing one is checked as it was created; a missing one will be
    /// created by dockerd with the driver and options the caller already checked.
    static func checkNamed(_ name: String, detail: String, context: CheckContext) -> CheckResult {
        switch context.facts.volumes[name] {
        case nil:
            return .undetermined("how volume \(quoted(name)) was created", missing: .volume(name), detail: detail)
        case .notFound:
            return .allowed
        case .found(let volume):
            return check(
                driver: volume.driver, options: volume.options, what: "volume \(quoted(name))", detail: detail,
                settings: context.settings)
        }
    }
}
