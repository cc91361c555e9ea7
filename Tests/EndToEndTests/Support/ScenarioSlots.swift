import Foundation

/// Caps how many scenarios drive the one shared dockerd at once.
///
/// Swift Testing starts every test at once; on a 2-core machine a dozen docker CLIs, builds
/// and 20 MiB copies together only make each slower and the bounded waits tighter.
/// `DOCKGATE_E2E_PARALLEL` overrides the default (twice the core count, at least 2).
actor ScenarioSlots {
    static let shared = ScenarioSlots(
        limit: Int(ProcessInfo.processInfo.environment["DOCKGATE_E2E_PARALLEL"] ?? "")
            ?? max(2, 2 * ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = max(1, limit) }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
