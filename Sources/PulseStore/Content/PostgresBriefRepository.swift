import Foundation
import Logging
import PostgresNIO
import PulseCore

/// `BriefRepository` on Postgres.
public struct PostgresBriefRepository: BriefRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let columns = """
        id, month, primary_focus, promo_enabled, promo_details_redacted, tone, notes_redacted, platform_targets,
        generation_count, created_at, updated_at
        """

    static func decode(_ row: PostgresRow) throws -> BriefRecord {
        let (id, month, focus, promo, details, tone, notes, targets, generations, created, updated) = try row.decode(
            (UUID, String, String, Bool, String?, String, String?, [String], Int, Date, Date).self
        )
        guard let month = YearMonth(month), let focus = BriefFocus(rawValue: focus), let tone = BriefTone(rawValue: tone) else {
            throw PulseError.internalError
        }
        let fields = BriefFields(
            month: month, focus: focus, promoEnabled: promo, promoDetails: details, tone: tone, notes: notes,
            platformTargets: targets.compactMap(SocialPlatform.init(rawValue:))
        )
        return BriefRecord(id: id, fields: fields, generationCount: generations, createdAt: created, updatedAt: updated)
    }

    static let monthTaken = PulseError.conflict(code: "brief_exists", message: "This account already has a brief for that month.")

    public func create(accountId: UUID, actor: UUID, fields: BriefFields, authorize: ActorCheck) async throws -> BriefRecord {
        let logger = self.database.logger
        do {
            return try await self.database.transaction { connection in
                try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
                let rows = try await connection.query(
                    """
                    INSERT INTO monthly_briefs (account_id, id, month, primary_focus, promo_enabled, promo_details_redacted, tone,
                                                notes_redacted, platform_targets, created_by)
                    VALUES (\(accountId), \(UUID()), \(fields.month.description), \(fields.focus.rawValue), \(fields.promoEnabled),
                            \(fields.promoDetails), \(fields.tone.rawValue), \(fields.notes), \(fields.platformTargets.map(\.rawValue)), \(actor))
                    RETURNING \(unescaped: Self.columns)
                    """,
                    logger: logger
                )
                guard let brief = try await rows.first(decoding: Self.decode) else { throw PulseError.internalError }
                try await AuditLog.append(
                    AuditEntry(
                        accountId: accountId, userId: actor, type: .briefCreated, entityType: "brief", entityId: brief.id.text,
                        metadata: ["month": .string(fields.month.description)]
                    ),
                    on: connection, logger: logger
                )
                return brief
            }
        } catch let error as PSQLError where error.isUniqueViolation("monthly_briefs_account_id_month_key") {
            throw Self.monthTaken
        }
    }

    public func list(accountId: UUID) async throws -> [BriefRecord] {
        let rows = try await self.database.query(
            "SELECT \(unescaped: Self.columns) FROM monthly_briefs WHERE account_id = \(accountId) ORDER BY month DESC"
        )
        return try await rows.all(decoding: Self.decode)
    }

    public func brief(accountId: UUID, id: UUID) async throws -> BriefRecord? {
        let rows = try await self.database.query(
            "SELECT \(unescaped: Self.columns) FROM monthly_briefs WHERE account_id = \(accountId) AND id = \(id)"
        )
        return try await rows.first(decoding: Self.decode)
    }

    static let generationInProgress = PulseError.conflict(
        code: "generation_in_progress", message: "A batch is being generated from this brief; try again when the job has finished."
    )

    /// Whether a generation job of the brief is queued or running.
    static func generating(accountId: UUID, briefId: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.query(
            """
            SELECT 1 FROM jobs WHERE account_id = \(accountId) AND kind = 'GENERATE_BATCH' AND subject_id = \(briefId)
            AND status IN ('queued', 'running')
            """,
            logger: logger
        ).all(decoding: { _ in true }).isEmpty == false
    }

    public func update(
        accountId: UUID, actor: UUID, id: UUID, change: @Sendable (BriefFields) throws -> BriefFields, authorize: ActorCheck
    ) async throws -> BriefRecord {
        let logger = self.database.logger
        do {
            return try await self.database.transaction { connection in
                try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
                let current = try await connection.query(
                    "SELECT \(unescaped: Self.columns) FROM monthly_briefs WHERE account_id = \(accountId) AND id = \(id) FOR UPDATE",
                    logger: logger
                ).first(decoding: Self.decode)
                guard let current else { throw PulseError.notFound }
                let fields = try change(current.fields)
                if try await Self.generating(accountId: accountId, briefId: id, on: connection, logger: logger) {
                    throw Self.generationInProgress
                }
                let hasContent = try await connection.query(
                    "SELECT 1 FROM content_items WHERE account_id = \(accountId) AND brief_id = \(id) LIMIT 1", logger: logger
                ).all(decoding: { _ in true }).isEmpty == false
                if current.fields.month != fields.month && hasContent {
                    throw PulseError.conflict(
                        code: "brief_has_content", message: "The month of a brief cannot change once content was generated for it."
                    )
                }
                let rows = try await connection.query(
                    """
                    UPDATE monthly_briefs
                    SET month = \(fields.month.description), primary_focus = \(fields.focus.rawValue), promo_enabled = \(fields.promoEnabled),
                        promo_details_redacted = \(fields.promoDetails), tone = \(fields.tone.rawValue), notes_redacted = \(fields.notes),
                        platform_targets = \(fields.platformTargets.map(\.rawValue)), updated_at = now()
                    WHERE account_id = \(accountId) AND id = \(id)
                    RETURNING \(unescaped: Self.columns)
                    """,
                    logger: logger
                )
                guard let brief = try await rows.first(decoding: Self.decode) else { throw PulseError.notFound }
                try await AuditLog.append(
                    AuditEntry(
                        accountId: accountId, userId: actor, type: .briefUpdated, entityType: "brief", entityId: id.text,
                        metadata: ["month": .string(fields.month.description)]
                    ),
                    on: connection, logger: logger
                )
                return brief
            }
        } catch let error as PSQLError where error.isUniqueViolation("monthly_briefs_account_id_month_key") {
            throw Self.monthTaken
        }
    }

    public func delete(accountId: UUID, actor: UUID, id: UUID, authorize: ActorCheck) async throws {
        let logger = self.database.logger
        try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let exists = try await connection.query(
                "SELECT month FROM monthly_briefs WHERE account_id = \(accountId) AND id = \(id) FOR UPDATE", logger: logger
            ).first(decoding: { try $0.decode(String.self) })
            guard let month = exists else { throw PulseError.notFound }
            if try await Self.generating(accountId: accountId, briefId: id, on: connection, logger: logger) {
                throw Self.generationInProgress
            }
            // Only drafts nobody approved and that never reached the calendar may go: anything
            // else (approved once, archived, with schedule items) is history to keep.
            let replaceable = ContentStatus.allCases.filter(\.isReplaceable).map(\.rawValue)
            let committed = try await connection.query(
                """
                SELECT count(*) FROM content_items c
                WHERE c.account_id = \(accountId) AND c.brief_id = \(id)
                  AND (NOT (c.status = ANY(\(replaceable)))
                       OR EXISTS (SELECT 1 FROM schedule_items s WHERE s.account_id = c.account_id AND s.content_item_id = c.id))
                """,
                logger: logger
            ).first(decoding: { try $0.decode(Int.self) }) ?? 0
            guard committed == 0 else {
                throw PulseError.conflict(
                    code: "brief_has_approved_content",
                    message: "This brief has approved content (\(committed) item(s)); it can no longer be deleted."
                )
            }
            try await connection.query(
                "DELETE FROM content_items WHERE account_id = \(accountId) AND brief_id = \(id)", logger: logger
            )
            try await connection.query(
                "DELETE FROM monthly_briefs WHERE account_id = \(accountId) AND id = \(id)", logger: logger
            )
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .briefDeleted, entityType: "brief", entityId: id.text,
                    metadata: ["month": .string(month)]
                ),
                on: connection, logger: logger
            )
        }
    }
}
