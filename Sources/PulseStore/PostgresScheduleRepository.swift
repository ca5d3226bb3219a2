import Foundation
import Logging
import PostgresNIO
import PulseCore

/// `ScheduleRepository` on Postgres.
public struct PostgresScheduleRepository: ScheduleRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Thrown inside the transaction to roll it back when the key was used before.
    struct Replay: Error {
        let response: [String: JSONValue]
    }

    public func schedule(
        accountId: UUID, actor: UUID, month: YearMonth, dryRun: Bool, now: Date, leadTime: Duration,
        idempotency: IdempotencyClaim?, authorize: ActorCheck
    ) async throws -> ScheduleResult {
        do {
            return try await self.scheduleOnce(
                accountId: accountId, actor: actor, month: month, dryRun: dryRun, now: now, leadTime: leadTime,
                idempotency: idempotency, authorize: authorize
            )
        } catch let replay as Replay {
            let ids = Set((replay.response["itemIds"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(UUID.init(uuidString:)) })
            let unscheduled = (replay.response["unscheduledContentIds"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(UUID.init(uuidString:)) }
            let items = try await self.items(accountId: accountId, month: month, status: nil).filter { ids.contains($0.id) }
            let slots = Int(replay.response["slotCount"]?.numberValue ?? 0)
            return ScheduleResult(items: items, unscheduledContentIds: unscheduled, slotCount: slots, replayed: true)
        }
    }

    func scheduleOnce(
        accountId: UUID, actor: UUID, month: YearMonth, dryRun: Bool, now: Date, leadTime: Duration,
        idempotency: IdempotencyClaim?, authorize: ActorCheck
    ) async throws -> ScheduleResult {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            // The account lock serialises scheduling runs of one account; the unique index on
            // live items is the backstop that makes a repeat create nothing.
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let setup = try await Self.setup(accountId: accountId, on: connection, logger: logger)
            let content = try await Self.approvedContent(accountId: accountId, month: month, on: connection, logger: logger)
            let occupied = try await Self.occupiedSlots(accountId: accountId, month: month, on: connection, logger: logger)
            let slots = SlotPlanner.slots(
                for: setup.rule, month: month, timeZone: setup.timeZone, accountId: accountId, now: now, leadTime: leadTime
            )
            let plan = ScheduleAssignment.assign(
                content: content, slots: slots, occupied: occupied, platforms: Set(setup.targetAccounts.keys)
            )
            let planned = plan.items.map { item in
                ScheduleItemRecord(
                    accountId: accountId, id: UUID(), contentItemId: item.contentItemId, month: month.description,
                    platform: item.platform, scheduledFor: item.scheduledFor, dueAt: item.scheduledFor,
                    providerProfileId: setup.providerProfileId, targetAccountId: setup.targetAccounts[item.platform] ?? "",
                    status: .queued, attempt: 0, providerPostId: nil,
                    platformPostId: nil, postURL: nil, errorCode: nil, errorMessage: nil, publishedAt: nil
                )
            }
            guard !dryRun else {
                return ScheduleResult(items: planned, unscheduledContentIds: plan.unscheduled, slotCount: slots.count, replayed: false)
            }
            var created: [ScheduleItemRecord] = []
            for item in planned {
                let rows = try await connection.query(
                    """
                    INSERT INTO schedule_items (account_id, id, content_item_id, month, platform, scheduled_for, due_at, provider_profile_id, target_account_id, status)
                    VALUES (\(accountId), \(item.id), \(item.contentItemId), \(item.month), \(item.platform.rawValue),
                            \(item.scheduledFor), \(item.dueAt), \(item.providerProfileId), \(item.targetAccountId), 'QUEUED')
                    ON CONFLICT (account_id, content_item_id, platform) WHERE status <> 'CANCELLED' DO NOTHING
                    RETURNING id
                    """,
                    logger: logger
                )
                for try await _ in rows.decode(UUID.self) {
                    created.append(item)
                }
            }
            let contentIds = Array(Set(created.map(\.contentItemId)))
            if !contentIds.isEmpty {
                try await connection.query(
                    """
                    UPDATE content_items SET status = 'SCHEDULED', updated_at = now()
                    WHERE account_id = \(accountId) AND id = ANY(\(contentIds)) AND status = 'APPROVED'
                    """,
                    logger: logger
                )
                try await AuditLog.append(
                    AuditEntry(
                        accountId: accountId, userId: actor, type: .postsScheduled, entityType: "schedule", entityId: month.description,
                        metadata: [
                            "month": .string(month.description),
                            "items": .number(Double(created.count)),
                            "contentItemIds": .array(contentIds.map { .string($0.text) }.sorted { "\($0)" < "\($1)" }),
                            "unscheduledContentItemIds": .array(plan.unscheduled.map { .string($0.text) }),
                            "providerProfileId": .string(setup.providerProfileId),
                        ]
                    ),
                    on: connection, logger: logger
                )
            }
            if let idempotency {
                let response: [String: JSONValue] = [
                    "itemIds": .array(created.map { .string($0.id.text) }),
                    "unscheduledContentIds": .array(plan.unscheduled.map { .string($0.text) }),
                    "slotCount": .number(Double(slots.count)),
                ]
                if let earlier = try await Idempotency.claim(idempotency, response: response, on: connection, logger: logger) {
                    throw Replay(response: earlier)
                }
            }
            return ScheduleResult(items: created, unscheduledContentIds: plan.unscheduled, slotCount: slots.count, replayed: false)
        }
    }

    struct Setup {
        let rule: PostingRule
        let timeZone: TimeZone
        let providerProfileId: String
        /// The verified Page and Instagram account, for the platforms the profile publishes to.
        let targetAccounts: [SocialPlatform: String]
    }

    /// What scheduling needs, or the 409 that says what is missing.
    static func setup(accountId: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Setup {
        let rows = try await connection.query(
            """
            SELECT a.timezone, a.posting_addon, a.billing_status, p.status, p.provider_profile_id,
                   p.facebook_account_id, p.instagram_account_id, r.frequency, r.days_of_week, r.time_window
            FROM accounts a
            LEFT JOIN publishing_profiles p ON p.account_id = a.id
            LEFT JOIN posting_rules r ON r.account_id = a.id
            WHERE a.id = \(accountId)
            """,
            logger: logger
        )
        for try await (zone, addon, billing, profileStatus, profileId, facebook, instagram, frequency, days, window)
            in rows.decode((String, Bool, String, String?, String?, String?, String?, String?, [Int32]?, String?).self)
        {
            var targets: [SocialPlatform: String] = [:]
            targets[.facebook] = facebook
            targets[.instagram] = instagram
            guard profileStatus == "VERIFIED", let profileId, !targets.isEmpty else {
                throw PulseError.conflict(
                    code: PublishErrorCode.publishingProfileNotVerified.rawValue,
                    message: "The account has no verified publishing profile: verify it before scheduling."
                )
            }
            guard PublishingEntitlement.allowsPublishing(postingAddon: addon, billingStatus: billing) else {
                throw PulseError.conflict(
                    code: PublishErrorCode.planDoesNotAllowPublishing.rawValue,
                    message: "The account's plan does not include publishing (it needs the posting add-on and an active subscription)."
                )
            }
            guard let frequency = frequency.flatMap(PostingFrequency.init(rawValue:)), let days,
                let window = window.flatMap(TimeWindow.init(rawValue:))
            else {
                throw PulseError.conflict(code: "posting_rules_missing", message: "Set the account's posting rules before scheduling.")
            }
            guard let timeZone = TimeZone(identifier: zone) else {
                throw PulseError.conflict(code: "invalid_timezone", message: "The account's timezone is not a known IANA zone.")
            }
            return Setup(
                rule: PostingRule(frequency: frequency, daysOfWeek: days.map(Int.init).sorted(), timeWindow: window),
                timeZone: timeZone, providerProfileId: profileId, targetAccounts: targets
            )
        }
        throw PulseError.notFound
    }

    /// The month's approved content with no live schedule item, in batch order.
    static func approvedContent(
        accountId: UUID, month: YearMonth, on connection: PostgresConnection, logger: Logger
    ) async throws -> [ScheduleAssignment.Content] {
        let rows = try await connection.query(
            """
            SELECT c.id, c.platform_targets FROM content_items c
            WHERE c.account_id = \(accountId) AND c.month = \(month.description) AND c.status = 'APPROVED'
              AND NOT EXISTS (
                  SELECT 1 FROM schedule_items s
                  WHERE s.account_id = c.account_id AND s.content_item_id = c.id AND s.status <> 'CANCELLED'
              )
            ORDER BY c.position, c.created_at, c.id
            FOR UPDATE OF c
            """,
            logger: logger
        )
        var content: [ScheduleAssignment.Content] = []
        for try await (id, targets) in rows.decode((UUID, [String]).self) {
            content.append(ScheduleAssignment.Content(id: id, platforms: targets.compactMap(SocialPlatform.init(rawValue:))))
        }
        return content
    }

    /// Instants already taken by the month's live items.
    static func occupiedSlots(accountId: UUID, month: YearMonth, on connection: PostgresConnection, logger: Logger) async throws -> Set<Date> {
        let rows = try await connection.query(
            """
            SELECT DISTINCT scheduled_for FROM schedule_items
            WHERE account_id = \(accountId) AND month = \(month.description) AND status <> 'CANCELLED'
            """,
            logger: logger
        )
        var slots: Set<Date> = []
        for try await slot in rows.decode(Date.self) {
            slots.insert(slot)
        }
        return slots
    }

    public func items(accountId: UUID, month: YearMonth?, status: ScheduleStatus?) async throws -> [ScheduleItemRecord] {
        let rows = try await self.database.query(
            """
            SELECT \(unescaped: ScheduleItemRows.columns) FROM schedule_items s
            WHERE s.account_id = \(accountId)
              AND (\(month?.description)::text IS NULL OR s.month = \(month?.description))
              AND (\(status?.rawValue)::text IS NULL OR s.status = \(status?.rawValue))
            ORDER BY s.scheduled_for, s.platform, s.id
            LIMIT 5000
            """
        )
        return try await ScheduleItemRows.decode(rows)
    }

    public func item(accountId: UUID, id: UUID) async throws -> (item: ScheduleItemRecord, attempts: [PublishAttemptRecord])? {
        let rows = try await self.database.query(
            "SELECT \(unescaped: ScheduleItemRows.columns) FROM schedule_items s WHERE s.account_id = \(accountId) AND s.id = \(id)"
        )
        guard let item = try await ScheduleItemRows.decode(rows).first else { return nil }
        let attempts = try await self.database.query(
            """
            SELECT attempt, kind, worker_id, started_at, finished_at, outcome, http_status, provider_code, error_code, message
            FROM publish_attempts WHERE account_id = \(accountId) AND schedule_item_id = \(id) ORDER BY id
            """
        )
        return (item, try await ScheduleItemRows.attempts(attempts))
    }

    public func reschedule(accountId: UUID, actor: UUID, id: UUID, to scheduledFor: Date, authorize: ActorCheck) async throws -> ScheduleItemRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let before = try await Self.changeableItem(accountId: accountId, id: id, on: connection, logger: logger)
            // Back to QUEUED: the tick puts it on the dispatch queue again with its new time, and a
            // stale queue entry finds it not SCHEDULED and is dropped.
            let rows = try await connection.query(
                """
                UPDATE schedule_items s SET scheduled_for = \(scheduledFor), due_at = \(scheduledFor), status = 'QUEUED',
                    error_code = NULL, error_message = NULL, updated_at = now()
                WHERE s.account_id = \(accountId) AND s.id = \(id)
                RETURNING \(unescaped: ScheduleItemRows.columns)
                """,
                logger: logger
            )
            guard let item = try await ScheduleItemRows.decode(rows).first else { throw PulseError.notFound }
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .scheduleItemRescheduled, entityType: "schedule_item", entityId: id.text,
                    metadata: [
                        "from": .string(Timestamp.text(before.scheduledFor)), "to": .string(Timestamp.text(scheduledFor)),
                        "platform": .string(item.platform.rawValue),
                    ]
                ),
                on: connection, logger: logger
            )
            return item
        }
    }

    public func cancel(accountId: UUID, actor: UUID, id: UUID, authorize: ActorCheck) async throws -> ScheduleItemRecord {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let before = try await Self.changeableItem(accountId: accountId, id: id, on: connection, logger: logger)
            let rows = try await connection.query(
                """
                UPDATE schedule_items s SET status = 'CANCELLED', lease_until = NULL, lease_owner = NULL, updated_at = now()
                WHERE s.account_id = \(accountId) AND s.id = \(id)
                RETURNING \(unescaped: ScheduleItemRows.columns)
                """,
                logger: logger
            )
            guard let item = try await ScheduleItemRows.decode(rows).first else { throw PulseError.notFound }
            try await connection.query(
                """
                UPDATE content_items c SET status = 'APPROVED', updated_at = now()
                WHERE c.account_id = \(accountId) AND c.id = \(before.contentItemId) AND c.status = 'SCHEDULED'
                  AND NOT EXISTS (
                      SELECT 1 FROM schedule_items s
                      WHERE s.account_id = c.account_id AND s.content_item_id = c.id AND s.status <> 'CANCELLED'
                  )
                """,
                logger: logger
            )
            // The content's other platform may already have ended: the content follows it.
            try await ScheduleItemRows.settleContent(accountId: accountId, contentItemId: before.contentItemId, on: connection, logger: logger)
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .scheduleItemCancelled, entityType: "schedule_item", entityId: id.text,
                    metadata: [
                        "scheduledFor": .string(Timestamp.text(before.scheduledFor)), "platform": .string(item.platform.rawValue),
                        "contentItemId": .string(item.contentItemId.text),
                    ]
                ),
                on: connection, logger: logger
            )
            return item
        }
    }

    /// The item, locked; 404 when absent, 409 once publishing has started (or it ended).
    static func changeableItem(accountId: UUID, id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> ScheduleItemRecord {
        let rows = try await connection.query(
            "SELECT \(unescaped: ScheduleItemRows.columns) FROM schedule_items s WHERE s.account_id = \(accountId) AND s.id = \(id) FOR UPDATE",
            logger: logger
        )
        guard let item = try await ScheduleItemRows.decode(rows).first else { throw PulseError.notFound }
        guard item.status.isChangeable else {
            throw PulseError.conflict(
                code: "schedule_item_not_changeable",
                message: "This item is \(item.status.rawValue): only a QUEUED or SCHEDULED item can be rescheduled or cancelled."
            )
        }
        return item
    }
}
