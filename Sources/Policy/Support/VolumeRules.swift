import DockerAPI

/// Whether a volume may back a mount: its driver must be `local` (or `""`, the default) or
/// allowed by the profile, and a `local` volume must carry no option but `size` — `type`,
/// `o` and `device` mount a host path (`type=none,o=bind,device=/etc`), a host block device
/// or a remote share from the host (docker-api-surface.md §3.7). Applies to inline
/// `DriverConfig`s, to existing named volumes (a fact), to `VolumeDriver` and to
/// `POST /volumes/create`.
enum VolumeRules {
    /// Why a driver and its options are refused.
    enum Problem: Equatable {
        /// A driver that is neither `local` nor allowed by the profile.
        case driver
        /// A `local` driver option other than `size`.
        case option(StringMap.Entry)

        /// The reason, for a subject such as `the mount` or `volume "data"`.
        func reason(what: String, driver: String) -> String {
            switch self {
            case .driver:
                "\(what) uses volume driver \(quoted(driver)), which is not allowed"
            case .option(let option):
                "\(what) sets local driver option \(quoted(option.key)), which can mount host paths or devices"
            }
        }
    }

    static func isLocal(_ driver: String) -> Bool {
        driver.isEmpty || driver.bytesEqual("local")
    }

    static func driverAllowed(_ driver: String, settings: ProfileSettings) -> Bool {
        isLocal(driver) || settings.allowedVolumeDrivers.containsBytes(driver)
    }

    /// The first reason to refuse a driver and its options, or nil.
    static func problem(driver: String, options: StringMap, settings: ProfileSettings) -> Problem? {
        guard driverAllowed(driver, settings: settings) else { return .driver }
        if isLocal(driver), let option = options.entries.first(where: { !$0.key.bytesEqual("size") }) {
            return .option(option)
        }
        return nil
    }

    /// A driver and its options, as sent or as a volume was created.
    static func check(driver: String, options: StringMap, what: String, detail: String, settings: ProfileSettings)
        -> CheckResult
    {
        guard let problem = problem(driver: driver, options: options, settings: settings) else { return .allowed }
        var fullDetail = detail
        if case .option(let option) = problem { fullDetail += " (\(option.key)=\(quoted(option.value)))" }
        return .forbidden(reason: problem.reason(what: what, driver: driver), detail: fullDetail)
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
