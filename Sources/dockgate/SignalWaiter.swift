import Dispatch
import Foundation

/// Blocks the calling task until SIGINT or SIGTERM, running `onReload` on every SIGHUP and
/// whenever one of `watched` changes (checked every `interval`: its inode, size or
/// modification time differs, or it appeared or disappeared).
enum SignalWaiter {
    static func run(
        watching watched: [String] = [], interval: DispatchTimeInterval = .seconds(2),
        onReload: @escaping @Sendable () -> Void
    ) async {
        let queue = DispatchQueue(label: "dockgate.signals")
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, SIG_IGN) }
        let reload = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        reload.setEventHandler(handler: onReload)
        reload.resume()
        let watcher = DispatchSource.makeTimerSource(queue: queue)
        let fingerprints = FileFingerprints(watched)
        watcher.schedule(deadline: .now() + interval, repeating: interval)
        watcher.setEventHandler {
            if fingerprints.changed() { onReload() }
        }
        if !watched.isEmpty { watcher.resume() }
        defer { if !watched.isEmpty { watcher.cancel() } }
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

/// What the files looked like at the last look; only used on the signal queue.
private final class FileFingerprints: @unchecked Sendable {
    private let paths: [String]
    private var last: [String]

    init(_ paths: [String]) {
        self.paths = paths
        self.last = paths.map(Self.fingerprint)
    }

    func changed() -> Bool {
        let now = paths.map(Self.fingerprint)
        defer { last = now }
        return now != last
    }

    /// Inode, size and modification time in nanoseconds, through symbolic links (Kubernetes
    /// secrets and certbot renew by swapping a link); `absent` when the file is not there.
    static func fingerprint(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "absent" }
        return "\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
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
