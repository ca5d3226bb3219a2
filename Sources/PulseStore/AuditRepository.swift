import Foundation
import PostgresNIO
import PulseCore

/// Where a page of audit events ends; opaque to clients (`next` / `before`).
public struct AuditCursor: Sendable, Equatable {
    /// Microseconds since the Unix epoch, exactly as Postgres stores `created_at`.
    public let micros: Int64
    public let id: UUID

    public init(micros: Int64, id: UUID) {
        self.micros = micros
        self.id = id
    }

    /// The cursor as a URL-safe token.
    public var token: String { "\(self.micros)_\(self.id.text)" }

    /// Parses a token made by `token`; nil for anything else.
    public init?(token: String) {
        let parts = token.split(separator: "_")
        // Bounded to year 9999, the last instant Postgres' timestamptz arithmetic here accepts.
        guard parts.count == 2, let micros = Int64(parts[0]), (0...253_402_300_799_999_999).contains(micros),
            let id = UUID(uuidString: String(parts[1]))
        else {
            return nil
        }
        self.init(micros: micros, id: id)
    }
}

/// One page of an account's audit log, newest first.
public struct AuditPage: Sendable {
    public let events: [AuditEventRecord]
    public let next: AuditCursor?
}

/// Reads the audit log (writes go through `AuditLog` inside each change's transaction).
public protocol AuditRepository: Sendable {
    func events(accountId: UUID, type: String?, limit: Int, before: AuditCursor?) async throws -> AuditPage
}

/// `AuditRepository` on Postgres: keyset pagination on (created_at, id).
public struct PostgresAuditRepository: AuditRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func events(accountId: UUID, type: String?, limit: Int, before: AuditCursor?) async throws -> AuditPage {
        let rows = try await self.database.query(
            """
            SELECT id, user_id, event_type, entity_type, entity_id, metadata::text, created_at,
                (extract(epoch FROM created_at) * 1000000)::int8
            FROM audit_events
            WHERE account_id = \(accountId)
                AND (\(type)::text IS NULL OR event_type = \(type))
                AND (\(before?.micros)::int8 IS NULL
                    OR (created_at, id) < (to_timestamp(0) + \(before?.micros ?? 0) * interval '1 microsecond', \(before?.id ?? UUID())))
            ORDER BY created_at DESC, id DESC
            LIMIT \(limit + 1)
            """
        )
        var events: [AuditEventRecord] = []
        var cursors: [AuditCursor] = []
        for try await (id, userId, eventType, entityType, entityId, metadata, createdAt, micros) in rows.decode(
            (UUID, UUID?, String, String?, String?, String, Date, Int64).self
        ) {
            events.append(
                AuditEventRecord(
                    id: id, userId: userId, eventType: eventType, entityType: entityType, entityId: entityId,
                    metadata: try JSONText.decode([String: JSONValue].self, metadata), createdAt: createdAt
                )
            )
            cursors.append(AuditCursor(micros: micros, id: id))
        }
        guard events.count > limit else { return AuditPage(events: events, next: nil) }
        return AuditPage(events: Array(events.prefix(limit)), next: cursors[limit - 1])
    }
}
