import Dispatch
import Foundation

/// Blocks the calling task until SIGINT or SIGTERM, running `onReload` on every SIGHUP.
enum SignalWaiter {
    static func run(onReload: @escaping @Sendable () -> Void) async {
        let queue = DispatchQueue(label: "dockgate.signals")
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, SIG_IGN) }
        let reload = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        reload.setEventHandler(handler: onReload)
        reload.resume()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopSources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: queue) }
            let once = OnceFlag()
            for source in stopSources {
                source.setEventHandler {
                    guard once.claim() else { return }
                    for other in stopSources { other.cancel() }
                    continuation.resume()
                }
                source.resume()
            }
        }
        reload.cancel()
    }
}

/// True exactly once, from whichever thread asks first.
private final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }
}
