import Logging
import PostgresNIO
import PulseCore

/// The Postgres connection pool and the one way this project runs a transaction.
///
/// `PostgresClient` is a service: it must be run (in the app's service group) before queries go through.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// A pool for `url`.
    public init(url: Secret, maximumConnections: Int = 20, logger: Logger) throws(ConfigurationError) {
        let configuration = try DatabaseURL.configuration(url, maximumConnections: maximumConnections)
        self.init(client: PostgresClient(configuration: configuration, backgroundLogger: logger), logger: logger)
    }

    /// Runs the pool for as long as `body` runs: for commands and tests that are not a service group.
    public func whileRunning<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await self.client.run()
                return nil
            }
            defer { group.cancelAll() }
            // Let run() begin before the first lease, which PostgresNIO would otherwise warn about.
            try await Task.sleep(for: .milliseconds(5))
            return try await body()
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// PostgresNIO wraps whatever the closure throws in `PostgresTransactionError`; this unwraps it
    /// so domain errors (`PulseError`) and unique violations keep their meaning for the caller.
    public func transaction<Result: Sendable>(
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await self.client.withTransaction(logger: self.logger) { connection in
                try await body(connection)
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }

    /// Runs one statement outside a transaction and collects its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        try await self.client.query(query, logger: self.logger)
    }

    /// Whether Postgres answers a trivial query.
    public func ping() async throws {
        try await self.client.query("SELECT 1", logger: self.logger)
    }
}

extension PSQLError {
    /// Whether this is a unique violation, optionally of one named constraint or index.
    public func isUniqueViolation(_ constraint: String? = nil) -> Bool {
        guard self.serverInfo?[.sqlState] == "23505" else { return false }
        return constraint == nil || self.serverInfo?[.constraintName] == constraint
    }
}
