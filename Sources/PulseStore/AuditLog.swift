import Foundation
import Logging
import PostgresNIO
import PulseCore

/// One audit event to append, written inside the transaction of the change it records.
public struct AuditEntry: Sendable {
    public var accountId: UUID?
    public var userId: UUID?
    public var type: AuditEventType
    public var entityType: String?
    public var entityId: String?
    public var metadata: [String: JSONValue]

    public init(
        accountId: UUID?, userId: UUID?, type: AuditEventType,
        entityType: String? = nil, entityId: String? = nil, metadata: [String: JSONValue] = [:]
    ) {
        self.accountId = accountId
        self.userId = userId
        self.type = type
        self.entityType = entityType
        self.entityId = entityId
        self.metadata = metadata
    }
}

/// Appends audit events; the table itself refuses updates and deletes.
public enum AuditLog {
    /// Appends `entry` on `connection`, which should be inside the transaction of the change.
    public static func append(_ entry: AuditEntry, on connection: PostgresConnection, logger: Logger) async throws {
        let metadata = try JSONText.encode(entry.metadata)
        try await connection.query(
            """
            INSERT INTO audit_events (id, account_id, user_id, event_type, entity_type, entity_id, metadata)
            VALUES (\(UUID()), \(entry.accountId), \(entry.userId), \(entry.type.rawValue),
                    \(entry.entityType), \(entry.entityId), \(metadata)::jsonb)
            """,
            logger: logger
        )
    }
}

/// JSON documents travel to and from Postgres as text (`$n::jsonb`, `column::text`).
enum JSONText {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
