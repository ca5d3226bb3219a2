import Crypto
import Foundation
import Logging
import PostgresNIO
import PulseCore

/// `ContentRepository` on Postgres. Every change locks the account row first (as scheduling
/// does), so an edit, an approval and a scheduling run of one account never interleave.
public struct PostgresContentRepository: ContentRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func items(accountId: UUID, month: YearMonth?, status: ContentStatus?) async throws -> [ContentItemRecord] {
        let rows = try await self.database.query(
            """
            SELECT \(unescaped: ContentItemRows.columns) FROM content_items
            WHERE account_id = \(accountId)
              AND (\(month?.description)::text IS NULL OR month = \(month?.description))
              AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
            ORDER BY month, position, created_at, id
            """
        )
        return try await rows.all(decoding: ContentItemRows.decode)
    }

    public func item(accountId: UUID, id: UUID) async throws -> ContentItemRecord? {
        let rows = try await self.database.query(
            "SELECT \(unescaped: ContentItemRows.columns) FROM content_items WHERE account_id = \(accountId) AND id = \(id)"
        )
        return try await rows.first(decoding: ContentItemRows.decode)
    }

    static func locked(accountId: UUID, id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> ContentItemRecord {
        let rows = try await connection.query(
            "SELECT \(unescaped: ContentItemRows.columns) FROM content_items WHERE account_id = \(accountId) AND id = \(id) FOR UPDATE",
            logger: logger
        )
        guard let item = try await rows.first(decoding: ContentItemRows.decode) else { throw PulseError.notFound }
        return item
    }

    public func edit(accountId: UUID, actor: UUID, id: UUID, edit: ContentEdit, authorize: ActorCheck) async throws -> ContentItemRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let current = try await Self.locked(accountId: accountId, id: id, on: connection, logger: logger)
            guard let next = current.status.after(.edit) else { throw PulseError.illegalTransition(from: current.status, .edit) }
            let title = edit.title ?? current.title
            let caption = edit.caption ?? current.caption
            let hashtags = edit.hashtags ?? current.hashtags
            let targets = edit.platformTargets ?? current.platformTargets
            // Saving what is already there is not an edit: no count, no approval voided.
            if title == current.title && caption == current.caption && hashtags == current.hashtags && targets == current.platformTargets {
                return current
            }
            let issues = PostText.issues(title: title, caption: caption, hashtags: hashtags, platforms: targets)
            guard issues.isEmpty else { throw PulseError.validation(issues) }
            let flags = CaptionRiskCheck.flags(title: title, caption: caption, hashtags: hashtags, platforms: targets)
            let rows = try await connection.query(
                """
                UPDATE content_items
                SET title = \(title), caption = \(caption), hashtags = \(hashtags), platform_targets = \(targets.map(\.rawValue)),
                    risk_flags = \(flags), status = \(next.rawValue), edit_count = edit_count + 1,
                    approved_by = NULL, approved_at = NULL, approved_hash = NULL, updated_at = now()
                WHERE account_id = \(accountId) AND id = \(id)
                RETURNING \(unescaped: ContentItemRows.columns)
                """,
                logger: logger
            )
            guard let updated = try await rows.first(decoding: ContentItemRows.decode) else { throw PulseError.notFound }
            var changed: [JSONValue] = []
            if edit.title != nil { changed.append("title") }
            if edit.caption != nil { changed.append("caption") }
            if edit.hashtags != nil { changed.append("hashtags") }
            if edit.platformTargets != nil { changed.append("platformTargets") }
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .contentEdited, entityType: "content_item", entityId: id.text,
                    metadata: [
                        "fields": .array(changed), "from": .string(current.status.rawValue), "to": .string(next.rawValue),
                        "approvalVoided": .bool(current.status == .approved),
                    ]
                ),
                on: connection, logger: logger
            )
            return updated
        }
    }

    public func approve(accountId: UUID, actor: UUID, briefId: UUID, contentIds: [UUID]?, authorize: ActorCheck) async throws -> [UUID] {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let brief = try await connection.query(
                "SELECT month FROM monthly_briefs WHERE account_id = \(accountId) AND id = \(briefId)", logger: logger
            ).first(decoding: { try $0.decode(String.self) })
            guard let month = brief else { throw PulseError.notFound }
            let items = try await connection.query(
                """
                SELECT \(unescaped: ContentItemRows.columns) FROM content_items
                WHERE account_id = \(accountId) AND brief_id = \(briefId) ORDER BY position, id FOR UPDATE
                """,
                logger: logger
            ).all(decoding: ContentItemRows.decode)
            let chosen: [ContentItemRecord]
            if let contentIds {
                let byId = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
                let unknown = contentIds.filter { byId[$0] == nil }
                guard unknown.isEmpty else {
                    throw PulseError.invalid("contentIds", "names content that is not part of this brief: " + unknown.map(\.text).joined(separator: ", "))
                }
                chosen = Array(Set(contentIds)).compactMap { byId[$0] }.sorted { $0.position < $1.position }
                if let refused = chosen.first(where: { $0.status.after(.approve) == nil }) {
                    throw PulseError.illegalTransition(from: refused.status, .approve)
                }
            } else {
                chosen = items.filter { $0.status.after(.approve) != nil }
            }
            guard !chosen.isEmpty else {
                throw PulseError.conflict(code: "nothing_to_approve", message: "This brief has no drafts waiting for approval.")
            }
            let ids = chosen.map(\.id)
            let hashes = try await connection.query(
                """
                UPDATE content_items
                SET status = 'APPROVED', approved_by = \(actor), approved_at = now(),
                    approved_hash = content_fingerprint(title, caption, hashtags, media_url, platform_targets), updated_at = now()
                WHERE account_id = \(accountId) AND id = ANY(\(ids))
                RETURNING id, approved_hash
                """,
                logger: logger
            ).all(decoding: { try $0.decode((UUID, String).self) })
            let batchHash = SHA256.hash(data: Array(hashes.map { $0.0.text + ":" + $0.1 }.sorted().joined(separator: "\n").utf8)).hex
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .contentApproved, entityType: "brief", entityId: briefId.text,
                    metadata: [
                        "month": .string(month), "contentItemIds": .array(ids.map { .string($0.text) }),
                        "count": .number(Double(ids.count)), "batchHash": .string(batchHash),
                    ]
                ),
                on: connection, logger: logger
            )
            return ids
        }
    }

    public func requestChanges(accountId: UUID, actor: UUID, id: UUID, comment: String, authorize: ActorCheck) async throws -> ContentItemRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let current = try await Self.locked(accountId: accountId, id: id, on: connection, logger: logger)
            guard let next = current.status.after(.requestChanges) else {
                throw PulseError.illegalTransition(from: current.status, .requestChanges)
            }
            let rows = try await connection.query(
                """
                UPDATE content_items
                SET status = \(next.rawValue), change_request_comment = \(comment), change_requested_by = \(actor),
                    change_requested_at = now(), approved_by = NULL, approved_at = NULL, approved_hash = NULL, updated_at = now()
                WHERE account_id = \(accountId) AND id = \(id)
                RETURNING \(unescaped: ContentItemRows.columns)
                """,
                logger: logger
            )
            guard let updated = try await rows.first(decoding: ContentItemRows.decode) else { throw PulseError.notFound }
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .contentChangesRequested, entityType: "content_item", entityId: id.text,
                    metadata: ["from": .string(current.status.rawValue), "comment": .string(comment)]
                ),
                on: connection, logger: logger
            )
            return updated
        }
    }
}
