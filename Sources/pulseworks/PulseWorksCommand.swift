import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import PulseAPI
import PulseCore
import PulseStore
import PulseWorker
import ServiceLifecycle

/// `pulseworks`: one binary for every process of the Procfile.
@main
struct PulseWorksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pulseworks",
        abstract: "PulseWorks: plans, approves and publishes social media content.",
        subcommands: [MigrateCommand.self, ServeCommand.self, WorkerCommand.self, SandboxCommand.self]
    )
}

/// Reads the configuration and sets up logging; a configuration problem ends the process with a
/// message that names the variable.
enum Startup {
    static func configure(label: String) throws -> (PulseConfiguration, Logger) {
        let environment = ProcessInfo.processInfo.environment
        let level = Logger.Level(rawValue: environment["LOG_LEVEL"]?.lowercased() ?? "info") ?? .info
        LoggingSystem.bootstrap { name in
            var handler = StreamLogHandler.standardOutput(label: name)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: label)
        logger.logLevel = level
        do {
            let configuration = try PulseConfiguration(environment: environment)
            for name in configuration.generatedSecrets {
                logger.warning("\(name) is not set: using a random value for this process only (\(configuration.environment.rawValue))")
            }
            return (configuration, logger)
        } catch {
            logger.critical("configuration error: \(error.description)")
            throw ExitCode(78)  // EX_CONFIG
        }
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending SQL migrations.")

    @Flag(name: .long, help: "Show applied and pending migrations; change nothing.")
    var status = false

    func run() async throws {
        let (configuration, logger) = try Startup.configure(label: "pulseworks.migrate")
        let database = try Database(url: configuration.databaseURL, maximumConnections: 2, logger: logger)
        let migrations = try Migration.load(directory: configuration.migrationsDirectory)
        let runner = MigrationRunner(database: database, migrations: migrations)
        let showStatus = self.status
        try await database.whileRunning {
            if showStatus {
                let status = try await runner.status()
                for applied in status.applied {
                    logger.info("applied \(Migration(version: applied.version, name: applied.name, sql: "").stem)")
                }
                for pending in status.pending {
                    logger.info("pending \(pending.stem)")
                }
                logger.info("\(status.applied.count) applied, \(status.pending.count) pending")
            } else {
                let applied = try await runner.migrate()
                logger.info("migrations up to date (\(applied.count) applied now, \(migrations.count) in all)")
            }
        }
    }
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the REST API and webhooks.")

    func run() async throws {
        let (configuration, logger) = try Startup.configure(label: "pulseworks.web")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let services = try await WebServices(configuration: configuration, logger: logger, metrics: registry)
        let app = buildApplication(services, logger: logger)
        logger.info("PulseWorks listening on http://\(configuration.host):\(configuration.port)")
        try await app.runService()
    }
}

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Run background work.")

    func run() async throws {
        let (configuration, logger) = try Startup.configure(label: "pulseworks.worker")
        let worker = try WorkerServices(configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: worker.services(logger: logger).map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }
}
