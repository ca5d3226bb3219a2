import Foundation
import Logging
import PulseStore
import ServiceLifecycle

/// Claims generation jobs from Postgres and runs them, `concurrency` at a time. On graceful
/// shutdown it stops claiming and lets the jobs in progress finish.
struct GenerationRunner: Service {
    let jobs: JobStore
    let generation: BatchGeneration
    let settings: GenerationSettings
    let logger: Logger

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<self.settings.concurrency {
                group.addTask { await self.lane() }
            }
        }
    }

    /// One job at a time until shutdown.
    func lane() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let job = try await self.jobs.claim(worker: self.settings.workerId, lease: self.settings.lease) {
                    await self.generation.run(job)
                    continue
                }
            } catch {
                self.logger.error("could not claim a generation job", metadata: ["error": .string(String(describing: type(of: error)))])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.settings.pollInterval) }
            } catch {
                return
            }
        }
    }
}
