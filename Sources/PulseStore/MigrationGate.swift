import Logging
import PulseCore


/// Refuses to serve against a database with pending migrations, except in development.
public enum MigrationGate {
    public static func check(database: Database, directory: String, environment: AppEnvironment, logger: Logger) async throws {
        let runner = MigrationRunner(database: database, migrations: try Migration.load(directory: directory))
        do {
            try await runner.requireUpToDate()
        } catch let error as MigrationError {
            guard case .pending = error, environment.allowsPendingMigrations else { throw error }
            logger.warning("\(error.description) (allowed in development)")
        }
    }
}
