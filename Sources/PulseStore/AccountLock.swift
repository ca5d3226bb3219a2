import Foundation
import Logging
import PostgresNIO
import PulseCore

/// The account row lock that serialises every change to one account (membership, settings,
/// connections, rules), taken at the start of a transaction.
enum AccountLock {
    /// Locks the account row.
    static func lock(accountId: UUID, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT 1 FROM accounts WHERE id = \(accountId) FOR UPDATE", logger: logger)
    }

    /// Locks the account row and lets `authorize` judge the actor's role and the account's
    /// settings as they are now, inside the
    /// transaction, so a role revoked while a request was in flight is honoured. An actor who is
    /// no longer a member gets 404, as at the door.
    static func lock(
        accountId: UUID, actor: UUID, authorize: ActorCheck, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let rows = try await connection.query(
            """
            SELECT m.role, a.settings::text FROM accounts a JOIN memberships m ON m.account_id = a.id AND m.user_id = \(actor)
            WHERE a.id = \(accountId)
            FOR UPDATE OF a
            """,
            logger: logger
        )
        var found: (Role?, AccountSettings)?
        for try await (raw, settings) in rows.decode((String, String).self) {
            found = (Role(rawValue: raw), try AccountRows.settings(settings))
        }
        guard let (role, settings) = found, let role else { throw PulseError.notFound }
        try authorize(role, settings)
    }
}
