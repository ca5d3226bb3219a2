import Foundation
import Logging
import PostgresNIO
import PulseCore
import PulseStore

/// Runs `body` with a running pool on `url` (default: the test database), then stops the pool.
@discardableResult
public func withDatabase<T: Sendable>(
    url: String? = nil,
    _ body: @Sendable (Database) async throws -> T
) async throws -> T {
    let database = try Database(
        url: Secret(try url ?? TestEnvironment.require("DATABASE_URL")), maximumConnections: 8,
        logger: TestEnvironment.logger()
    )
    return try await database.whileRunning { try await body(database) }
}

/// Brings the shared test database up to date once per test process.
public actor TestMigrations {
    public static let shared = TestMigrations()
    private var done = false

    public func ensureMigrated() async throws {
        guard !self.done else { return }
        try await withDatabase { database in
            let migrations = try Migration.load(directory: TestEnvironment.migrationsDirectory)
            try await MigrationRunner(database: database, migrations: migrations).migrate()
        }
        self.done = true
    }
}

/// A database of its own for a test that must start from nothing; dropped afterwards.
public func withScratchDatabase<T: Sendable>(_ body: @Sendable (Database, String) async throws -> T) async throws -> T {
    let baseURL = try TestEnvironment.require("DATABASE_URL")
    let name = "scratch_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    guard var components = URLComponents(string: baseURL) else { throw MissingService(variable: "DATABASE_URL") }
    try await withDatabase { admin in
        try await admin.query("CREATE DATABASE \(unescaped: name)")
    }
    components.path = "/" + name
    let url = components.string ?? baseURL
    do {
        let result = try await withDatabase(url: url) { database in try await body(database, url) }
        try await withDatabase { admin in try await admin.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)") }
        return result
    } catch {
        _ = try? await withDatabase { admin in try await admin.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)") }
        throw error
    }
}
