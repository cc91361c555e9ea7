import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads on SIGHUP and whenever a watched file changes (polled every `interval`, through
/// symbolic links; the list is asked again after each look, as a reload may change it). Reloads run one at a time; triggers that arrive during one are folded into
/// a single next reload.
struct ReloadService: Service {
    /// Trapped before the listeners open, so a SIGHUP sent as soon as dockgate is listening
    /// reloads instead of ending the process.
    let hangups: UnixSignalsSequence
    let watched: @Sendable () -> [String]
    let interval: Duration
    /// Runs the reload; the argument says what triggered it.
    let reload: @Sendable (String) -> Void

    func run() async throws {
        let (triggers, trigger) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        let hangups = self.hangups
        let watched = self.watched
        let interval = self.interval
        let reload = self.reload
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in hangups { trigger.yield("SIGHUP") }
                }
                group.addTask {
                    var files = WatchedFiles(watched())
                    while (try? await Task.sleep(for: interval)) != nil {
                        if files.changed() { trigger.yield("a watched file changed") }
                        let paths = watched()
                        if paths != files.paths { files = WatchedFiles(paths) }
                    }
                }
                group.addTask {
                    for await reason in triggers { reload(reason) }
                }
            }
        }
    }
}
