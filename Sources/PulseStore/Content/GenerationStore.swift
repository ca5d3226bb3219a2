import Foundation
import Logging
import PostgresNIO
import PulseCore

/// What a generation job reads and writes: the brief, the account and the month's content.
public struct GenerationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Everything a generation job starts from.
    public struct Inputs: Sendable {
        public let brief: BriefRecord
        public let accountName: String
        public let plan: Plan
        public let brand: BrandProfile?
        /// The month's items a regeneration keeps (approved, scheduled, published, failed).
        public let kept: [ContentItemRecord]

        /// How many drafts the job writes: the plan's month less what is kept.
        public var postCount: Int { max(0, self.plan.postsPerMonth - self.kept.count) }

        /// How many of them may be promotions: none unless the brief enables them, and at most a
        /// quarter of the plan's month counting the kept ones.
        public var promoCount: Int {
            guard self.brief.fields.promoEnabled else { return 0 }
            let keptPromos = self.kept.count(where: { $0.type == .promo })
            return min(self.postCount, max(0, self.plan.promosPerMonth - keptPromos))
        }
    }

    /// The inputs of a job for `briefId`, nil when the brief is gone.
    public func inputs(accountId: UUID, briefId: UUID) async throws -> Inputs? {
        let logger = self.database.logger
        return try await self.database.client.withConnection { connection in
            let brief = try await connection.query(
                "SELECT \(unescaped: PostgresBriefRepository.columns) FROM monthly_briefs WHERE account_id = \(accountId) AND id = \(briefId)",
                logger: logger
            ).first(decoding: PostgresBriefRepository.decode)
            guard let brief else { return nil }
            let account = try await connection.query(
                "SELECT name, plan FROM accounts WHERE id = \(accountId)", logger: logger
            ).first(decoding: { try $0.decode((String, String?).self) })
            guard let (name, plan) = account else { return nil }
            let brand = try await PostgresBrandRepository.profile(accountId: accountId, on: connection, logger: logger)
            let kept = try await Self.kept(accountId: accountId, month: brief.fields.month, on: connection, logger: logger)
            return Inputs(brief: brief, accountName: name, plan: Plan(stored: plan), brand: brand, kept: kept)
        }
    }

    static func kept(accountId: UUID, month: YearMonth, on connection: PostgresConnection, logger: Logger) async throws -> [ContentItemRecord] {
        let replaceable = ContentStatus.allCases.filter { $0.isReplaceable || $0 == .archived }.map(\.rawValue)
        return try await connection.query(
            """
            SELECT \(unescaped: ContentItemRows.columns) FROM content_items
            WHERE account_id = \(accountId) AND month = \(month.description) AND NOT (status = ANY(\(replaceable)))
            ORDER BY position, id
            """,
            logger: logger
        ).all(decoding: ContentItemRows.decode)
    }

    /// A drafted post with its risk flags and image, ready to store under `id`.
    public struct Draft: Sendable {
        public let id: UUID
        public let post: GeneratedPost
        public let riskFlags: [String]
        /// The rendered image's storage key, or nil when rendering failed (then `mediaError` says why).
        public var mediaKey: String?
        public var mediaError: String?

        public init(id: UUID = UUID(), post: GeneratedPost, riskFlags: [String], mediaKey: String? = nil, mediaError: String? = nil) {
            self.id = id
            self.post = post
            self.riskFlags = riskFlags
            self.mediaKey = mediaKey
            self.mediaError = mediaError
        }
    }

    /// Replaces the brief's remaining drafts with `drafts` and finishes the job, in one
    /// transaction under the account lock, only while `owner` still holds the job. Content
    /// approved while the job ran is kept and counted: drafts beyond the plan's month are dropped.
    /// Returns the new items' ids, nil when the job was lost (another worker took it over).
    public func commit(job: JobRecord, owner: String, drafts: [Draft], generator: String, plan: Plan) async throws -> [UUID]? {
        let logger = self.database.logger
        return try await self.database.transaction { connection -> [UUID]? in
            try await AccountLock.lock(accountId: job.accountId, on: connection, logger: logger)
            let held = try await connection.query(
                """
                SELECT 1 FROM jobs WHERE account_id = \(job.accountId) AND id = \(job.id) AND status = 'running' AND lease_owner = \(owner)
                FOR UPDATE
                """,
                logger: logger
            ).all(decoding: { _ in true })
            guard !held.isEmpty else { return nil }
            let brief = try await connection.query(
                "SELECT month FROM monthly_briefs WHERE account_id = \(job.accountId) AND id = \(job.subjectId) FOR UPDATE",
                logger: logger
            ).first(decoding: { try $0.decode(String.self) })
            guard let monthText = brief, let month = YearMonth(monthText) else { throw GenerationStoreError.briefDeleted }
            let kept = try await Self.kept(accountId: job.accountId, month: month, on: connection, logger: logger)
            let room = max(0, plan.postsPerMonth - kept.count)
            let keptPromos = kept.count(where: { $0.type == .promo })
            var promoRoom = max(0, plan.promosPerMonth - keptPromos)
            var chosen: [Draft] = []
            for draft in drafts where chosen.count < room {
                if draft.post.type == .promo {
                    guard promoRoom > 0 else { continue }
                    promoRoom -= 1
                }
                chosen.append(draft)
            }
            let replaceable = ContentStatus.allCases.filter(\.isReplaceable).map(\.rawValue)
            // A draft that was once on the calendar keeps its publishing history: archived, not deleted.
            let archived = try await connection.query(
                """
                UPDATE content_items c SET status = 'ARCHIVED', updated_at = now()
                WHERE c.account_id = \(job.accountId) AND c.brief_id = \(job.subjectId) AND c.status = ANY(\(replaceable))
                  AND EXISTS (SELECT 1 FROM schedule_items s WHERE s.account_id = c.account_id AND s.content_item_id = c.id)
                RETURNING c.id
                """,
                logger: logger
            ).all(decoding: { try $0.decode(UUID.self) })
            let replaced = try await connection.query(
                """
                DELETE FROM content_items
                WHERE account_id = \(job.accountId) AND brief_id = \(job.subjectId) AND status = ANY(\(replaceable))
                RETURNING id
                """,
                logger: logger
            ).all(decoding: { try $0.decode(UUID.self) })
            var position = (kept.map(\.position).max() ?? -1) + 1
            var ids: [UUID] = []
            for draft in chosen {
                let id = draft.id
                let post = draft.post
                try await connection.query(
                    """
                    INSERT INTO content_items (account_id, id, brief_id, month, type, title, caption, hashtags, platform_targets,
                                               status, risk_flags, position, generation_job_id, media_url, media_error)
                    VALUES (\(job.accountId), \(id), \(job.subjectId), \(month.description), \(post.type.rawValue), \(post.title),
                            \(post.caption), \(post.hashtags), \(post.platformTargets.map(\.rawValue)), 'DRAFT', \(draft.riskFlags),
                            \(position), \(job.id), \(draft.mediaKey), \(draft.mediaError))
                    """,
                    logger: logger
                )
                ids.append(id)
                position += 1
            }
            try await connection.query(
                "UPDATE monthly_briefs SET generation_count = generation_count + 1, updated_at = now() WHERE account_id = \(job.accountId) AND id = \(job.subjectId)",
                logger: logger
            )
            let result: [String: JSONValue] = [
                "contentIds": .array(ids.map { .string($0.text) }), "generated": .number(Double(ids.count)),
                "replaced": .number(Double(replaced.count + archived.count)), "kept": .number(Double(kept.count)),
                "generator": .string(generator),
            ]
            let resultText = try JSONText.encode(result)
            try await connection.query(
                """
                UPDATE jobs SET status = 'succeeded', progress = 100, result = \(resultText)::jsonb, finished_at = now(),
                    error_code = NULL, error_message = NULL, lease_until = NULL, lease_owner = NULL, updated_at = now()
                WHERE account_id = \(job.accountId) AND id = \(job.id)
                """,
                logger: logger
            )
            try await AuditLog.append(
                AuditEntry(
                    accountId: job.accountId, userId: job.createdBy, type: .contentGenerated, entityType: "brief", entityId: job.subjectId.text,
                    metadata: [
                        "jobId": .string(job.id.text), "month": .string(month.description), "generator": .string(generator),
                        "contentItemIds": .array(ids.map { .string($0.text) }), "replaced": .number(Double(replaced.count)),
                        "kept": .number(Double(kept.count)),
                    ]
                ),
                on: connection, logger: logger
            )
            return ids
        }
    }
}

/// Why a generation could not be stored.
public enum GenerationStoreError: Error, Sendable {
    /// The brief was deleted while the job ran.
    case briefDeleted
}
