import Foundation
import Logging
import PostgresNIO
import PulseCore

/// The one column list and decoder for `schedule_items` rows.
enum ScheduleItemRows {
    /// Columns of `schedule_items` aliased `s`, in the order `decode` reads them.
    static let columns = """
        s.account_id, s.id, s.content_item_id, s.month, s.platform, s.scheduled_for, s.due_at, s.provider_profile_id,
        s.target_account_id, s.status, s.attempt, s.provider_post_id, s.platform_post_id, s.post_url, s.error_code, s.error_message, s.published_at
        """

    static func decode(_ rows: PostgresRowSequence) async throws -> [ScheduleItemRecord] {
        var items: [ScheduleItemRecord] = []
        let types = (UUID, UUID, UUID, String, String, Date, Date, String, String, String, Int32, String?, String?, String?, String?, String?, Date?).self
        for try await (account, id, content, month, platform, slot, due, profile, target, status, attempt, postId, platformPostId, url, code, message, published)
            in rows.decode(types)
        {
            guard let platform = SocialPlatform(rawValue: platform), let status = ScheduleStatus(rawValue: status) else {
                throw PulseError.internalError
            }
            items.append(
                ScheduleItemRecord(
                    accountId: account, id: id, contentItemId: content, month: month, platform: platform, scheduledFor: slot,
                    dueAt: due, providerProfileId: profile, targetAccountId: target, status: status, attempt: Int(attempt), providerPostId: postId,
                    platformPostId: platformPostId, postURL: url, errorCode: code, errorMessage: message, publishedAt: published
                )
            )
        }
        return items
    }

    static func attempts(_ rows: PostgresRowSequence) async throws -> [PublishAttemptRecord] {
        var attempts: [PublishAttemptRecord] = []
        let types = (Int32, String, String, Date, Date?, String, Int32?, Int32?, String?, String?).self
        for try await (attempt, kind, worker, started, finished, outcome, http, code, errorCode, message) in rows.decode(types) {
            attempts.append(
                PublishAttemptRecord(
                    attempt: Int(attempt), kind: kind, workerId: worker, startedAt: started, finishedAt: finished, outcome: outcome,
                    httpStatus: http.map(Int.init), providerCode: code.map(Int.init), errorCode: errorCode, message: message
                )
            )
        }
        return attempts
    }

    /// After an item of `contentItemId` reached an end, the content follows: PUBLISHED once every
    /// live item ended and one published, FAILED once every live item ended and none published.
    static func settleContent(accountId: UUID, contentItemId: UUID, on connection: PostgresConnection, logger: Logger) async throws {
        // Lock the content first: two items of one content settling at once would each see the
        // other still open in their snapshot (write skew) and leave the content SCHEDULED. After
        // the lock, the next statement's snapshot includes the other's committed change.
        try await connection.query(
            "SELECT 1 FROM content_items WHERE account_id = \(accountId) AND id = \(contentItemId) FOR UPDATE", logger: logger
        )
        try await connection.query(
            """
            UPDATE content_items c SET status = CASE WHEN agg.published > 0 THEN 'PUBLISHED' ELSE 'FAILED' END, updated_at = now()
            FROM (
                SELECT count(*) FILTER (WHERE status = 'PUBLISHED') AS published,
                       count(*) FILTER (WHERE status NOT IN ('PUBLISHED', 'FAILED', 'CANCELLED')) AS open,
                       count(*) FILTER (WHERE status <> 'CANCELLED') AS live
                FROM schedule_items WHERE account_id = \(accountId) AND content_item_id = \(contentItemId)
            ) agg
            WHERE c.account_id = \(accountId) AND c.id = \(contentItemId) AND c.status IN ('SCHEDULED', 'FAILED')
              AND agg.open = 0 AND agg.live > 0
            """,
            logger: logger
        )
    }
}
