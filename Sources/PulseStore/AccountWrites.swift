import Foundation
import Logging
import PostgresNIO
import PulseCore

/// Statements shared by every path that creates an account (signup and "add a client").
enum AccountWrites {
    /// Inserts the account, makes `owner` its OWNER and records ACCOUNT_CREATED.
    static func insertAccount(
        id: UUID, name: String, timezone: String, websiteURL: String?, owner: UUID,
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO accounts (id, name, timezone, website_url)
            VALUES (\(id), \(name), \(timezone), \(websiteURL))
            """,
            logger: logger
        )
        try await connection.query(
            "INSERT INTO memberships (account_id, user_id, role) VALUES (\(id), \(owner), \(Role.owner.rawValue))",
            logger: logger
        )
        try await AuditLog.append(
            AuditEntry(
                accountId: id, userId: owner, type: .accountCreated, entityType: "account", entityId: id.text,
                metadata: ["name": .string(name), "timezone": .string(timezone)]
            ),
            on: connection, logger: logger
        )
    }
}
