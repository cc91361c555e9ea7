import DockerAPI

/// Check `cpu-limit`: every container has a CPU limit, at most the profile's
/// `maximumNanoCPUs`, and keeps it (CIS Docker Benchmark 5.12).
///
/// The limit is the CFS quota dockerd gives the container (`getCPUResources` when it builds
/// the OCI spec): `NanoCpus` (`--cpus`) becomes a quota of `NanoCpus`/10⁹ periods of
/// 100 000 µs, then a non-zero `CpuPeriod` or `CpuQuota` replaces period or quota. So the
/// container may use `CpuQuota`/`CpuPeriod` CPUs when `CpuQuota` is set (the period is
/// 100 000 µs, the kernel's default, when not given), else `NanoCpus`/10⁹, and is unlimited
/// when the quota ends up ≤ 0: `CpuQuota: -1` beside `NanoCpus` (dockerd's conflict checks
/// look only at positive quotas) removes the limit `NanoCpus` set.
///
/// Restricted fields:
/// - `POST /containers/create` (`HostConfig.*` or the top-level aliases): `NanoCpus`,
///   `CpuQuota`, `CpuPeriod` — a positive limit is required, at most the ceiling;
/// - `POST /containers/{id}/update`: dockerd keeps every field sent as 0, so `docker update
///   --memory 1g` leaves the CPU limit alone. Denied: a negative `NanoCpus` or `CpuQuota`
///   (`-1` lifts the quota from the next start), a `NanoCpus` above the ceiling, and, when the
///   profile has a ceiling, a `CpuQuota` or `CpuPeriod` without the other (its ratio with the
///   container's current value cannot be known) or a pair above it;
/// - `POST /services/create`, `POST /services/{id}/update`:
///   `TaskTemplate.Resources.Limits.NanoCPUs`, required and capped like `NanoCpus`.
///
/// Not a limit: `CpuShares` (a relative weight, which docker-bench accepts for 5.12 but which
/// caps nothing on an idle host), `CpusetCpus`, and the real-time fields.
enum CheckCPULimit {
    static let id = "cpu-limit"

    /// The period dockerd uses with `NanoCpus`, and the kernel's default one.
    static let defaultPeriod: Int64 = 100_000

    static func limit(_ settings: ProfileSettings) -> RequiredLimit {
        RequiredLimit(
            noun: "a CPU limit", flag: "--cpus", serviceFlag: "--limit-cpu", ceiling: settings.maximumNanoCPUs,
            format: { nano in
                let cpus = LimitText.cpus(nano)
                return cpus == "1" ? "1 CPU" : "\(cpus) CPUs"
            })
    }

    static func evaluate(_ context: CheckContext) -> CheckResult {
        let limit = limit(context.settings)
        let request = context.request
        return .reading { () throws(ViewError) in
            if let resources = request.hostConfig?.resources {
                let nano = try resources.nanoCpus.get() ?? 0
                let quota = try resources.cpuQuota.get() ?? 0
                let period = try resources.cpuPeriod.get() ?? 0
                let path = resources.path
                if quota != 0 {
                    return limit.required(
                        quota > 0 ? nanoCPUs(quota: quota, period: period > 0 ? period : defaultPeriod) : nil,
                        detail: "\(path)CpuQuota=\(quota), \(path)CpuPeriod=\(period)")
                }
                return limit.required(nano, detail: "\(path)NanoCpus=\(nano), \(path)CpuQuota=0")
            }
            if let resources = request.containerUpdate?.resources {
                return try update(resources, limit: limit)
            }
            if let (nano, detail) = try request.serviceLimit(\.nanoCPUs, named: "NanoCPUs") {
                return limit.required(nano, service: true, detail: detail)
            }
            return .allowed
        }
    }

    static func update(_ resources: ResourcesView, limit: RequiredLimit) throws(ViewError) -> CheckResult {
        let nano = try resources.nanoCpus.get() ?? 0
        let quota = try resources.cpuQuota.get() ?? 0
        let period = try resources.cpuPeriod.get() ?? 0
        let result = limit.updated(nano == 0 ? nil : nano, detail: "NanoCpus=\(nano)")
        if result != .allowed { return result }
        let pairDetail = "CpuQuota=\(quota), CpuPeriod=\(period)"
        if quota < 0 { return limit.updated(quota, detail: pairDetail) }
        guard limit.ceiling != nil, quota != 0 || period != 0 else { return .allowed }
        guard quota > 0, period > 0 else {
            return .forbidden(
                reason: "the new CPU limit cannot be checked against the ceiling: update --cpu-quota and --cpu-period"
                    + " together, or use --cpus" + limit.atMost,
                detail: pairDetail)
        }
        return limit.updated(nanoCPUs(quota: quota, period: period), detail: pairDetail)
    }

    /// `quota`/`period` CPUs in nano-CPUs, rounded up (so a comparison with a ceiling is
    /// exact); `Int64.max` when it does not fit.
    static func nanoCPUs(quota: Int64, period: Int64) -> Int64 {
        let (product, overflow) = quota.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        return product / period + (product % period == 0 ? 0 : 1)
    }
}

extension Check {
    public static let cpuLimit = Check(id: CheckCPULimit.id, CheckCPULimit.evaluate)
}
