import Logging
import PulseCore
import PulseRedis
import PulseStore
import ServiceLifecycle

/// Everything the worker process runs, in dependency order (shutdown runs in reverse).
public struct WorkerServices: Sendable {
    public let configuration: PulseConfiguration
    public let database: Database
    public let redis: RedisClient
    public let heartbeatInterval: Duration

    public init(configuration: PulseConfiguration, logger: Logger, heartbeatInterval: Duration = .seconds(30)) throws {
        self.configuration = configuration
        self.database = try Database(url: configuration.databaseURL, logger: logger)
        self.redis = RedisClient(configuration: try RedisConfiguration(url: configuration.redisURL.value), logger: logger)
        self.heartbeatInterval = heartbeatInterval
    }

    /// The services to put in one `ServiceGroup`. The worker's own loops start only after the
    /// migration gate passes.
    public func services(logger: Logger) -> [any Service] {
        [
            self.database.client,
            self.redis,
            GatedService(
                gate: { [self] in
                    try await MigrationGate.check(
                        database: self.database, directory: self.configuration.migrationsDirectory,
                        environment: self.configuration.environment, logger: logger
                    )
                },
                service: HeartbeatService(database: self.database, interval: self.heartbeatInterval, logger: logger)
            ),
        ]
    }
}

/// Runs `gate` first and `service` only when it passes; a failing gate ends the group with its error.
struct GatedService: Service {
    let gate: @Sendable () async throws -> Void
    let service: any Service

    func run() async throws {
        try await self.gate()
        try await self.service.run()
    }
}
