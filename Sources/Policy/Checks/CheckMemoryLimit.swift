import DockerAPI

/// Check `memory-limit`: every container has a memory limit, at most the profile's
/// `maximumMemory`, and keeps it (CIS Docker Benchmark 5.11).
///
/// Restricted fields:
/// - `POST /containers/create` (`HostConfig.*` or the top-level aliases):
///   - `Memory`: required, above 0 (0 is no limit; dockerd refuses a negative one), and at
///     most `maximumMemory` when the profile sets one;
///   - `MemorySwap`, memory plus swap: a negative value (`-1`, unlimited swap) is denied; 0,
///     dockerd's default of as much swap as memory (twice `Memory` in all), is allowed; a
///     positive value is at most twice `maximumMemory`, what that default gives a container
///     at the ceiling;
/// - `POST /containers/{id}/update`: the same two fields, except that 0 or an absent field
///   leaves the container's value as it is (dockerd's `UpdateContainer` copies only non-zero
///   values, and `docker update --cpus 2` sends `"Memory":0`): a negative value, or one
///   above the ceiling, is denied;
/// - `POST /services/create`, `POST /services/{id}/update`:
///   `TaskTemplate.Resources.Limits.MemoryBytes`, required and capped like `Memory` (the
///   executor sets no swap limit, so dockerd's default applies).
///
/// Not restricted: `MemoryReservation` (a soft limit), `MemorySwappiness`, `KernelMemory`.
/// On a host without swap accounting dockerd drops the swap limit itself, with a warning.
enum CheckMemoryLimit {
    static let id = "memory-limit"

    static func limit(_ settings: ProfileSettings) -> RequiredLimit {
        RequiredLimit(
            noun: "a memory limit", flag: "--memory", serviceFlag: "--limit-memory", ceiling: settings.maximumMemory,
            format: LimitText.bytes)
    }

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let limit = limit(context.settings)
        let request = context.request
        return .reading { () throws(ViewError) in
            if let host = request.hostConfig {
                let resources = host.resources
                let memory = try resources.memory.get() ?? 0
                let result = limit.required(memory, detail: "\(resources.path)Memory=\(memory)")
                if result != .allowed { return result }
                return swap(try resources.memorySwap.get() ?? 0, path: resources.path, context: context)
            }
            if let resources = request.containerUpdate?.resources {
                let memory = try resources.memory.get() ?? 0
                let result = limit.updated(memory == 0 ? nil : memory, detail: "\(resources.path)Memory=\(memory)")
                if result != .allowed { return result }
                return swap(try resources.memorySwap.get() ?? 0, path: resources.path, context: context)
            }
            if let (bytes, detail) = try request.serviceLimit(\.memoryBytes, named: "MemoryBytes") {
                return limit.required(bytes, service: true, detail: detail)
            }
            return .allowed
        }
    }

    /// The verdict on `MemorySwap` (0: dockerd's default, or unchanged in an update).
    static func swap(_ swap: Int64, path: String, context: CheckContext) -> CheckResult {
        let detail = "\(path)MemorySwap=\(swap)"
        if swap < 0 {
            return .forbidden(
                reason: "unlimited swap (--memory-swap -1) is not allowed: leave --memory-swap out, or give the"
                    + " total of memory and swap",
                detail: detail)
        }
        guard let ceiling = context.settings.maximumMemory else { return .allowed }
        let (doubled, overflow) = ceiling.multipliedReportingOverflow(by: 2)
        guard !overflow, swap > doubled else { return .allowed }
        return .forbidden(
            reason: "memory plus swap of \(LimitText.bytes(swap)) is above the \(LimitText.bytes(doubled)) allowed"
                + " (twice the \(LimitText.bytes(ceiling)) memory ceiling): lower --memory-swap",
            detail: detail)
    }
}

extension Check {
    public static let memoryLimit = Check(id: CheckMemoryLimit.id, CheckMemoryLimit.evaluate)
}
