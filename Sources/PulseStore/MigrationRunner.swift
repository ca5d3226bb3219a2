import Logging
import PostgresNIO

/// Applies migrations in order, each in its own transaction, under a Postgres advisory lock so
/// that any number of processes may run it at once and each migration is applied exactly once.
public struct MigrationRunner: Sendable {
    /// The advisory lock key ("pulsewks" in ASCII); one lock for the whole schema.
    static let lockKey: Int64 = 0x7075_6c73_6577_6b73

    /// One row of `schema_migrations`.
    public struct Applied: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let checksum: String
    }

    /// What is applied and what is pending, after checking applied files are unchanged.
    public struct Status: Sendable {
        public let applied: [Applied]
        public let pending: [Migration]
    }

    let database: Database
    let migrations: [Migration]

    public init(database: Database, migrations: [Migration]) {
        self.database = database
        self.migrations = migrations
    }

    /// Applies every pending migration; returns those applied by this call.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        let logger = self.database.logger
        return try await self.database.client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            do {
                try await Self.createTable(on: connection, logger: logger)
                let status = try await self.status(on: connection)
                for migration in status.pending {
                    try await connection.withTransaction(logger: logger) { transaction in
                        for statement in SQLStatements.split(migration.sql) {
                            try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await transaction.query(
                            """
                            INSERT INTO schema_migrations (version, name, checksum)
                            VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                            """,
                            logger: logger
                        )
                    }
                    logger.info("migration applied", metadata: ["migration": "\(migration.stem)"])
                }
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return status.pending
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                if let transactionError = error as? PostgresTransactionError {
                    throw transactionError.closureError ?? transactionError.commitError ?? transactionError
                }
                throw error
            }
        }
    }

    /// The current status; throws when an applied file was edited or is unknown.
    public func status() async throws -> Status {
        try await self.database.client.withConnection { connection in
            try await self.status(on: connection)
        }
    }

    /// Throws `MigrationError.pending` when anything is not applied yet.
    public func requireUpToDate() async throws {
        let pending = try await self.status().pending
        guard pending.isEmpty else {
            throw MigrationError.pending(pending.map { $0.stem })
        }
    }

    private func status(on connection: PostgresConnection) async throws -> Status {
        let logger = self.database.logger
        let exists = try await connection.query(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger
        ).collect().first?.decode(Bool.self) ?? false
        var applied: [Applied] = []
        if exists {
            let rows = try await connection.query(
                "SELECT version, name, checksum FROM schema_migrations ORDER BY version", logger: logger
            )
            for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
                applied.append(Applied(version: version, name: name, checksum: checksum))
            }
        }
        for row in applied {
            guard let migration = self.migrations.first(where: { $0.version == row.version }) else {
                throw MigrationError.unknownApplied(version: row.version, name: row.name)
            }
            guard migration.checksum == row.checksum else {
                throw MigrationError.checksumMismatch(version: row.version, name: row.name)
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        return Status(applied: applied, pending: self.migrations.filter { !appliedVersions.contains($0.version) })
    }

    private static func createTable(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """,
            logger: logger
        )
    }
}
