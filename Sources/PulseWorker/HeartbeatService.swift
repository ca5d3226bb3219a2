import Logging
import PulseStore
import ServiceLifecycle

/// Logs that the worker is alive and whether Postgres answers, every `interval`, until shutdown.
public struct HeartbeatService: Service {
    let database: Database
    let interval: Duration
    let logger: Logger

    public init(database: Database, interval: Duration = .seconds(30), logger: Logger) {
        self.database = database
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let started = ContinuousClock.now
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    let postgres: String
                    do {
                        try await self.database.ping()
                        postgres = "ok"
                    } catch {
                        postgres = "failed"
                    }
                    self.logger.info(
                        "worker heartbeat",
                        metadata: [
                            "uptime_s": .stringConvertible((ContinuousClock.now - started).components.seconds),
                            "postgres": .string(postgres),
                        ]
                    )
                    try await Task.sleep(for: self.interval)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: nothing is in flight between heartbeats.
        }
        self.logger.info("worker stopped")
    }
}
