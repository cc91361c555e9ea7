import DockerAPI

/// Check `no-devices`: no host device reaches the container.
///
/// Restricted fields (`POST /containers/create`, `HostConfig.*` or the top-level aliases):
/// - `Devices`: a host device (or, for a directory such as `/dev`, every device under it);
/// - `DeviceCgroupRules`: lets the container `mknod` and open host devices itself (MKNOD is a
///   default capability);
/// - `DeviceRequests`: GPUs and CDI devices; the NVIDIA driver adds a prestart hook that runs
///   on the host as root.
///
/// Allowed values: absent, `null` or `[]` for each.
enum CheckNoDevices {
    static let id = "no-devices"

    static func evaluate(_ context: CheckContext) -> CheckResult {
        guard let host = context.request.hostConfig else { return .allowed }
        return .reading { () throws(ViewError) in
            if let device = try host.devices.get()?.first {
                let pathOnHost = try device.pathOnHost.get() ?? ""
                return .forbidden(
                    reason: "host devices are not allowed (\(shown(pathOnHost)))",
                    detail: detail("\(host.path)Devices[0].PathOnHost", pathOnHost))
            }
            if let rule = try host.deviceCgroupRules.get()?.first {
                return .forbidden(
                    reason: "device cgroup rules are not allowed",
                    detail: detail("\(host.path)DeviceCgroupRules[0]", rule))
            }
            if let request = try host.deviceRequests.get()?.first {
                let driver = try request.driver.get() ?? ""
                return .forbidden(
                    reason: "device requests (GPUs, CDI devices) are not allowed",
                    detail: detail("\(host.path)DeviceRequests[0].Driver", driver))
            }
            return .allowed
        }
    }
}

extension Check {
    public static let noDevices = Check(id: CheckNoDevices.id, CheckNoDevices.evaluate)
}
