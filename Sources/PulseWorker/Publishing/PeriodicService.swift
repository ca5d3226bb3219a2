import Logging
import ServiceLifecycle

/// Runs `body` at once and then again after each `delay()`, until graceful shutdown. A failing
/// pass is logged and the loop goes on. Shutdown cancels a pass in progress: each step of a pass
/// is its own transaction, so a cut pass leaves nothing half written (an item being reconciled
/// keeps its lease, which runs out, and is asked about again).
struct PeriodicService: Service {
    let name: String
    let logger: Logger
    let delay: @Sendable () -> Duration
    let body: @Sendable () async throws -> Void

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    do {
                        try await self.body()
                    } catch is CancellationError {
                        return
                    } catch {
                        self.logger.error("\(self.name) failed", metadata: ["error": .string(Publisher.describe(error))])
                    }
                    try await Task.sleep(for: self.delay())
                }
            }
        } catch is CancellationError {
            // Graceful shutdown between passes: nothing is half done.
        }
    }
}
