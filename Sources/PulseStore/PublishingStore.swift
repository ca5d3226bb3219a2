import Foundation
import Logging
import PostgresNIO
import PulseCore

/// An item on its way to the dispatch queue.
public struct DueItem: Sendable, Equatable, Hashable {
    public let accountId: UUID
    public let id: UUID
    public let dueAt: Date

    public init(accountId: UUID, id: UUID, dueAt: Date) {
        self.accountId = accountId
        self.id = id
        self.dueAt = dueAt
    }
}

/// An item this worker holds under a lease (to publish, or to reconcile).
public struct ClaimedItem: Sendable {
    public let item: ScheduleItemRecord
    public let workerId: String
    /// Taken just before the claim was sent: the lease cannot end sooner than `lease` after it.
    public let claimedSince: ContinuousClock.Instant

    init(item: ScheduleItemRecord, workerId: String, claimedSince: ContinuousClock.Instant = .now) {
        self.item = item
        self.workerId = workerId
        self.claimedSince = claimedSince
    }
}

/// The content and the provider profile key an item is published with.
public struct PublishPayload: Sendable {
    public let facts: PublishFacts
    public let caption: String
    public let hashtags: [String]
    public let mediaURL: String?
    /// The sealed profile key (nil when the account has no provider profile).
    public let sealedKey: Data?
    public let keyID: String?
}

/// How one attempt ended, as recorded.
public enum PublishOutcome: Sendable, Equatable {
    case published(providerPostId: String?, platformPostId: String?, postURL: String?, httpStatus: Int?)
    /// Try again at `next` (back to QUEUED).
    case retry(next: Date, reason: String, httpStatus: Int?, providerCode: Int?)
    /// For good. `needsReconnect` also marks the account's publishing profile NEEDS_RECONNECT;
    /// `providerPostId` is kept when the provider answered with a post (so its reports still match).
    case failed(code: String, message: String, httpStatus: Int?, providerCode: Int?, needsReconnect: Bool, providerPostId: String? = nil)
    /// The provider may have published: reconcile before anything else. `providerPostId` when known.
    case unknown(reason: String, providerPostId: String?)

    var label: String {
        switch self {
        case .published: "PUBLISHED"
        case .retry: "RETRY"
        case .failed: "FAILED"
        case .unknown: "UNKNOWN"
        }
    }
}

/// What reconciling an UNKNOWN item found out.
public enum ReconcileOutcome: Sendable, Equatable {
    case published(providerPostId: String, platformPostId: String?, postURL: String?)
    case failed(providerPostId: String?, code: Int?, message: String)
    /// The provider has no such post: it was never sent. Try again at `next`, or fail
    /// `missed_window` when nil.
    case notSent(next: Date?)
    /// The provider could not tell (down, or the post still pending): ask again after `retryAt`.
    case stillUnknown(reason: String, retryAt: Date)
}

/// The worker's side of schedule items: the tick, claims, verification facts, outcomes,
/// reconciliation and provider reports. Every change is a conditional update on the state the
/// worker expects, so two workers can never both move one item.
public struct PublishingStore: Sendable {
    public let database: Database
    /// How long an UNKNOWN item is left alone before reconciliation first asks the provider: a
    /// post sent just before a timeout may still be being processed, and must be found, not
    /// sent again.
    public let reconcileAfter: Duration

    public init(database: Database, reconcileAfter: Duration = .seconds(120)) {
        self.database = database
        self.reconcileAfter = reconcileAfter
    }

    var logger: Logger { self.database.logger }

    // MARK: tick

    /// Records that `workerId` ticked now.
    public func heartbeat(workerId: String) async throws {
        try await self.database.query(
            """
            INSERT INTO worker_heartbeats (worker_id, last_tick_at) VALUES (\(workerId), now())
            ON CONFLICT (worker_id) DO UPDATE SET last_tick_at = EXCLUDED.last_tick_at
            """
        )
    }

    /// The most recent tick of any worker.
    public func lastTick() async throws -> Date? {
        let rows = try await self.database.query("SELECT max(last_tick_at) FROM worker_heartbeats")
        for try await last in rows.decode(Date?.self) {
            return last
        }
        return nil
    }

    /// Moves QUEUED items due within `horizon` to SCHEDULED, at most `limit` of them, skipping rows
    /// another worker holds, and returns them for the dispatch queue.
    public func promoteDue(horizon: Duration, limit: Int) async throws -> [DueItem] {
        let rows = try await self.database.query(
            """
            WITH due AS (
                SELECT account_id, id FROM schedule_items
                WHERE status = 'QUEUED' AND due_at <= now() + make_interval(secs => \(horizon.seconds))
                ORDER BY due_at
                LIMIT \(Int64(limit))
                FOR UPDATE SKIP LOCKED
            )
            UPDATE schedule_items s SET status = 'SCHEDULED', updated_at = now()
            FROM due WHERE s.account_id = due.account_id AND s.id = due.id
            RETURNING s.account_id, s.id, s.due_at
            """
        )
        return try await Self.dueItems(rows)
    }

    /// SCHEDULED items due within `horizon`: what the dispatch queue must hold. Re-adding them is
    /// harmless (a sorted set has each member once), and it is what repairs a flushed Redis.
    public func scheduledDue(horizon: Duration, limit: Int) async throws -> [DueItem] {
        let rows = try await self.database.query(
            """
            SELECT account_id, id, due_at FROM schedule_items
            WHERE status = 'SCHEDULED' AND due_at <= now() + make_interval(secs => \(horizon.seconds))
            ORDER BY due_at LIMIT \(Int64(limit))
            """
        )
        return try await Self.dueItems(rows)
    }

    /// PUBLISHING items whose lease ran out (their worker died or hung) become UNKNOWN: the
    /// provider may have published them, so they are reconciled before any new attempt.
    public func rescueExpiredLeases(limit: Int) async throws -> [ScheduleItemRecord] {
        let logger = self.logger
        return try await self.database.transaction { connection in
            let rows = try await connection.query(
                """
                WITH expired AS (
                    SELECT account_id, id, lease_owner FROM schedule_items
                    WHERE status = 'PUBLISHING' AND lease_until < now()
                    ORDER BY lease_until LIMIT \(Int64(limit))
                    FOR UPDATE SKIP LOCKED
                ), attempts AS (
                    INSERT INTO publish_attempts (account_id, schedule_item_id, attempt, kind, worker_id, started_at, finished_at, outcome, error_code, message)
                    SELECT s.account_id, s.id, s.attempt, 'PUBLISH', s.lease_owner, s.updated_at, now(), 'LEASE_EXPIRED', 'lease_expired',
                           'The worker publishing this item stopped before recording the outcome.'
                    FROM schedule_items s JOIN expired e ON e.account_id = s.account_id AND e.id = s.id
                )
                UPDATE schedule_items s SET status = 'UNKNOWN', lease_until = now() + make_interval(secs => \(self.reconcileAfter.seconds)),
                    lease_owner = NULL, error_code = 'lease_expired', error_message = 'The outcome of the last attempt is being checked with the provider.',
                    updated_at = now()
                FROM expired WHERE s.account_id = expired.account_id AND s.id = expired.id
                RETURNING \(unescaped: ScheduleItemRows.columns)
                """,
                logger: logger
            )
            let items = try await ScheduleItemRows.decode(rows)
            for item in items {
                try await AuditLog.append(
                    Self.audit(.postOutcomeUnknown, item, ["reason": .string("lease_expired"), "attempt": .number(Double(item.attempt))]),
                    on: connection, logger: logger
                )
            }
            return items
        }
    }

    // MARK: claims

    /// Claims one SCHEDULED item that is due (SCHEDULED → PUBLISHING, attempt + 1, a lease).
    /// Nil when it is not SCHEDULED any more (cancelled, rescheduled, claimed by another worker)
    /// or not due yet.
    public func claim(accountId: UUID, id: UUID, workerId: String, lease: Duration) async throws -> ClaimedItem? {
        let since = ContinuousClock.now
        let rows = try await self.database.query(
            """
            UPDATE schedule_items s SET status = 'PUBLISHING', attempt = attempt + 1,
                lease_until = now() + make_interval(secs => \(lease.seconds)), lease_owner = \(workerId), updated_at = now()
            WHERE s.account_id = \(accountId) AND s.id = \(id) AND s.status = 'SCHEDULED' AND s.due_at <= now() + interval '1 second'
            RETURNING \(unescaped: ScheduleItemRows.columns)
            """
        )
        return try await ScheduleItemRows.decode(rows).first.map { ClaimedItem(item: $0, workerId: workerId, claimedSince: since) }
    }

    /// Whether this worker still holds its claim with at least `margin` of the lease left: asked
    /// just before the provider is called. A publisher that was slow to get there (its lease ran
    /// out and the item went to reconciliation) must not send. A read, not a renewal: writing the
    /// row again would cost every publish a full update of an indexed row.
    public func holdsClaim(_ claimed: ClaimedItem, margin: Duration) async throws -> Bool {
        let item = claimed.item
        for try await _ in try await self.database.query(
            """
            SELECT 1 FROM schedule_items s
            WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.status = 'PUBLISHING'
              AND s.lease_owner = \(claimed.workerId) AND s.attempt = \(Int32(item.attempt))
              AND s.lease_until > now() + make_interval(secs => \(margin.seconds))
            """
        ).decode(Int32.self) {
            return true
        }
        return false
    }

    /// Without Redis: claims up to `limit` due SCHEDULED items straight from Postgres.
    public func claimDue(workerId: String, lease: Duration, limit: Int) async throws -> [ClaimedItem] {
        let since = ContinuousClock.now
        let rows = try await self.database.query(
            """
            WITH due AS (
                SELECT account_id, id FROM schedule_items
                WHERE status = 'SCHEDULED' AND due_at <= now()
                ORDER BY due_at LIMIT \(Int64(limit))
                FOR UPDATE SKIP LOCKED
            )
            UPDATE schedule_items s SET status = 'PUBLISHING', attempt = attempt + 1,
                lease_until = now() + make_interval(secs => \(lease.seconds)), lease_owner = \(workerId), updated_at = now()
            FROM due WHERE s.account_id = due.account_id AND s.id = due.id
            RETURNING \(unescaped: ScheduleItemRows.columns)
            """
        )
        return try await ScheduleItemRows.decode(rows).map { ClaimedItem(item: $0, workerId: workerId, claimedSince: since) }
    }

    /// The facts verification needs and the content to send, read after the claim. The content
    /// is looked up by id alone, so an item pointing into another account is caught, not hidden.
    public func payload(for item: ScheduleItemRecord) async throws -> PublishPayload {
        let rows = try await self.database.query(
            """
            SELECT c.account_id, c.status, c.approved_hash,
                   content_fingerprint(c.title, c.caption, c.hashtags, c.media_url, c.platform_targets),
                   c.caption, c.hashtags, c.media_url,
                   p.status, p.provider_profile_id,
                   CASE \(item.platform.rawValue) WHEN 'FACEBOOK' THEN p.facebook_account_id ELSE p.instagram_account_id END,
                   sc.status, sc.provider_profile_id, sc.platform_account_id,
                   a.posting_addon, a.billing_status, pp.profile_key_ciphertext, pp.profile_key_key_id
            FROM accounts a
            LEFT JOIN content_items c ON c.id = \(item.contentItemId)
            LEFT JOIN publishing_profiles p ON p.account_id = a.id
            LEFT JOIN social_connections sc ON sc.account_id = a.id AND sc.platform = \(item.platform.rawValue)
            LEFT JOIN provider_profiles pp ON pp.account_id = a.id
            WHERE a.id = \(item.accountId)
            """
        )
        let types = (
            UUID?, String?, String?, String?, String?, [String]?, String?, String?, String?, String?, String?, String?, String?,
            Bool, String, Data?, String?
        ).self
        for try await (contentAccount, contentStatus, approvedHash, currentHash, caption, hashtags, media, profileStatus, profileId, profileTarget,
            connectionStatus, connectionProfile, connectionTarget, addon, billing, sealed, keyID) in rows.decode(types)
        {
            let facts = PublishFacts(
                itemAccountId: item.accountId, contentAccountId: contentAccount, contentStatus: contentStatus, approvedHash: approvedHash,
                currentHash: currentHash, frozenProviderProfileId: item.providerProfileId, frozenPlatformAccountId: item.targetAccountId,
                profileStatus: profileStatus, profileProviderProfileId: profileId, profilePlatformAccountId: profileTarget,
                connectionStatus: connectionStatus, connectionProviderProfileId: connectionProfile,
                connectionPlatformAccountId: connectionTarget, postingAddon: addon, billingStatus: billing
            )
            return PublishPayload(
                facts: facts, caption: caption ?? "", hashtags: hashtags ?? [], mediaURL: media, sealedKey: sealed, keyID: keyID
            )
        }
        throw PulseError.notFound
    }

    // MARK: outcomes

    /// Records how the attempt of `claimed` ended: the item, a `publish_attempts` row and an
    /// audit event in one transaction. False when this worker no longer holds the item (its lease
    /// was rescued): nothing is written, and reconciliation settles the item instead.
    @discardableResult
    public func record(_ outcome: PublishOutcome, for claimed: ClaimedItem, startedAt: Date) async throws -> Bool {
        let item = claimed.item
        let logger = self.logger
        return try await self.database.transaction { connection in
            let update: PostgresQuery
            switch outcome {
            case .published(let postId, let platformPostId, let url, _):
                update = """
                    UPDATE schedule_items s SET status = 'PUBLISHED', provider_post_id = \(postId), platform_post_id = \(platformPostId),
                        post_url = \(url), published_at = now(), error_code = NULL, error_message = NULL,
                        lease_until = NULL, lease_owner = NULL, updated_at = now()
                    WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.attempt = \(Int32(item.attempt))
                      AND ((s.status = 'PUBLISHING' AND s.lease_owner = \(claimed.workerId)) OR s.status = 'UNKNOWN')
                    RETURNING s.id
                    """
            case .retry(let next, let reason, _, _):
                update = """
                    UPDATE schedule_items s SET status = 'QUEUED', due_at = \(next), error_code = 'retrying', error_message = \(reason),
                        lease_until = NULL, lease_owner = NULL, updated_at = now()
                    WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.status = 'PUBLISHING' AND s.lease_owner = \(claimed.workerId) AND s.attempt = \(Int32(item.attempt))
                    RETURNING s.id
                    """
            case .failed(let code, let message, _, _, _, let postId):
                update = """
                    UPDATE schedule_items s SET status = 'FAILED', error_code = \(code), error_message = \(message),
                        provider_post_id = coalesce(\(postId), s.provider_post_id), lease_until = NULL, lease_owner = NULL, updated_at = now()
                    WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.attempt = \(Int32(item.attempt))
                      AND ((s.status = 'PUBLISHING' AND s.lease_owner = \(claimed.workerId)) OR s.status = 'UNKNOWN')
                    RETURNING s.id
                    """
            case .unknown(let reason, let postId):
                update = """
                    UPDATE schedule_items s SET status = 'UNKNOWN', provider_post_id = coalesce(\(postId), s.provider_post_id),
                        error_code = 'outcome_unknown', error_message = \(reason),
                        lease_until = now() + make_interval(secs => \(self.reconcileAfter.seconds)), lease_owner = NULL, updated_at = now()
                    WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.status = 'PUBLISHING' AND s.lease_owner = \(claimed.workerId) AND s.attempt = \(Int32(item.attempt))
                    RETURNING s.id
                    """
            }
            guard try await Self.changedARow(update, on: connection, logger: logger) else { return false }
            try await Self.insertAttempt(
                item: item, kind: "PUBLISH", workerId: claimed.workerId, startedAt: startedAt, outcome: outcome, on: connection, logger: logger
            )
            switch outcome {
            case .published(let postId, _, let url, _):
                try await AuditLog.append(
                    Self.audit(.postPublished, item, [
                        "attempt": .number(Double(item.attempt)), "providerPostId": postId.map(JSONValue.string) ?? .null,
                        "postUrl": url.map(JSONValue.string) ?? .null,
                    ]),
                    on: connection, logger: logger
                )
                try await ScheduleItemRows.settleContent(accountId: item.accountId, contentItemId: item.contentItemId, on: connection, logger: logger)
            case .retry(let next, let reason, _, _):
                try await AuditLog.append(
                    Self.audit(.postRetryScheduled, item, [
                        "attempt": .number(Double(item.attempt)), "nextAttemptAt": .string(Timestamp.text(next)), "reason": .string(reason),
                    ]),
                    on: connection, logger: logger
                )
            case .failed(let code, let message, _, let providerCode, let needsReconnect, _):
                try await AuditLog.append(
                    Self.audit(.postFailed, item, [
                        "attempt": .number(Double(item.attempt)), "errorCode": .string(code), "message": .string(message),
                        "providerCode": providerCode.map { .number(Double($0)) } ?? .null,
                    ]),
                    on: connection, logger: logger
                )
                if needsReconnect {
                    try await Self.markNeedsReconnect(item: item, on: connection, logger: logger)
                }
                try await ScheduleItemRows.settleContent(accountId: item.accountId, contentItemId: item.contentItemId, on: connection, logger: logger)
            case .unknown(let reason, _):
                try await AuditLog.append(
                    Self.audit(.postOutcomeUnknown, item, ["attempt": .number(Double(item.attempt)), "reason": .string(reason)]),
                    on: connection, logger: logger
                )
            }
            return true
        }
    }

    // MARK: reconciliation

    /// Leases up to `limit` UNKNOWN items for reconciliation (items another worker is
    /// reconciling, or that asked to wait, are skipped).
    public func claimUnknown(workerId: String, lease: Duration, limit: Int) async throws -> [ClaimedItem] {
        let rows = try await self.database.query(
            """
            WITH open AS (
                SELECT account_id, id FROM schedule_items
                WHERE status = 'UNKNOWN' AND (lease_until IS NULL OR lease_until < now())
                ORDER BY updated_at LIMIT \(Int64(limit))
                FOR UPDATE SKIP LOCKED
            )
            UPDATE schedule_items s SET lease_until = now() + make_interval(secs => \(lease.seconds)), lease_owner = \(workerId)
            FROM open WHERE s.account_id = open.account_id AND s.id = open.id
            RETURNING \(unescaped: ScheduleItemRows.columns)
            """
        )
        return try await ScheduleItemRows.decode(rows).map { ClaimedItem(item: $0, workerId: workerId) }
    }

    /// Records what reconciliation found, if this worker still holds the item.
    @discardableResult
    public func record(_ outcome: ReconcileOutcome, reconciling claimed: ClaimedItem, startedAt: Date) async throws -> Bool {
        let item = claimed.item
        let logger = self.logger
        return try await self.database.transaction { connection in
            let update: PostgresQuery
            let recorded: PublishOutcome
            switch outcome {
            case .published(let postId, let platformPostId, let url):
                recorded = .published(providerPostId: postId, platformPostId: platformPostId, postURL: url, httpStatus: nil)
                update = """
                    UPDATE schedule_items s SET status = 'PUBLISHED', provider_post_id = \(postId), platform_post_id = \(platformPostId),
                        post_url = \(url), published_at = now(), error_code = NULL, error_message = NULL,
                        lease_until = NULL, lease_owner = NULL, updated_at = now()
                    WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.status = 'UNKNOWN' AND s.lease_owner = \(claimed.workerId) RETURNING s.id
                    """
            case .failed(let postId, let code, let message):
                recorded = .failed(code: PublishErrorCode.providerRejected.rawValue, message: message, httpStatus: nil, providerCode: code, needsReconnect: false)
                update = """
                    UPDATE schedule_items s SET status = 'FAILED', provider_post_id = coalesce(\(postId), s.provider_post_id),
                        error_code = \(PublishErrorCode.providerRejected.rawValue), error_message = \(message),
                        lease_until = NULL, lease_owner = NULL, updated_at = now()
                    WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.status = 'UNKNOWN' AND s.lease_owner = \(claimed.workerId) RETURNING s.id
                    """
            case .notSent(let next?):
                recorded = .retry(next: next, reason: "not found at the provider: never sent", httpStatus: nil, providerCode: nil)
                update = """
                    UPDATE schedule_items s SET status = 'QUEUED', due_at = \(next), error_code = 'retrying',
                        error_message = 'The provider never received the last attempt; it will be sent again.',
                        lease_until = NULL, lease_owner = NULL, updated_at = now()
                    WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.status = 'UNKNOWN' AND s.lease_owner = \(claimed.workerId) RETURNING s.id
                    """
            case .notSent(nil):
                let message = "The post could not be sent within the retry window after its slot."
                recorded = .failed(code: PublishErrorCode.missedWindow.rawValue, message: message, httpStatus: nil, providerCode: nil, needsReconnect: false)
                update = """
                    UPDATE schedule_items s SET status = 'FAILED', error_code = \(PublishErrorCode.missedWindow.rawValue), error_message = \(message),
                        lease_until = NULL, lease_owner = NULL, updated_at = now()
                    WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.status = 'UNKNOWN' AND s.lease_owner = \(claimed.workerId) RETURNING s.id
                    """
            case .stillUnknown(let reason, let retryAt):
                // Keep the lease until `retryAt`, so no worker asks again before then.
                update = """
                    UPDATE schedule_items s SET lease_until = \(retryAt), error_message = \(reason), updated_at = now()
                    WHERE s.account_id = \(item.accountId) AND s.id = \(item.id) AND s.status = 'UNKNOWN' AND s.lease_owner = \(claimed.workerId) RETURNING s.id
                    """
                return try await Self.changedARow(update, on: connection, logger: logger)
            }
            guard try await Self.changedARow(update, on: connection, logger: logger) else { return false }
            try await Self.insertAttempt(
                item: item, kind: "RECONCILE", workerId: claimed.workerId, startedAt: startedAt, outcome: recorded, on: connection, logger: logger
            )
            switch recorded {
            case .published(let postId, _, let url, _):
                try await AuditLog.append(
                    Self.audit(.postReconciled, item, ["result": .string("PUBLISHED"), "providerPostId": postId.map(JSONValue.string) ?? .null]),
                    on: connection, logger: logger
                )
                try await AuditLog.append(
                    Self.audit(.postPublished, item, [
                        "attempt": .number(Double(item.attempt)), "providerPostId": postId.map(JSONValue.string) ?? .null,
                        "postUrl": url.map(JSONValue.string) ?? .null, "via": .string("reconciliation"),
                    ]),
                    on: connection, logger: logger
                )
                try await ScheduleItemRows.settleContent(accountId: item.accountId, contentItemId: item.contentItemId, on: connection, logger: logger)
            case .failed(let code, let message, _, _, _, _):
                try await AuditLog.append(
                    Self.audit(.postReconciled, item, ["result": .string("FAILED")]), on: connection, logger: logger
                )
                try await AuditLog.append(
                    Self.audit(.postFailed, item, [
                        "attempt": .number(Double(item.attempt)), "errorCode": .string(code), "message": .string(message),
                        "via": .string("reconciliation"),
                    ]),
                    on: connection, logger: logger
                )
                try await ScheduleItemRows.settleContent(accountId: item.accountId, contentItemId: item.contentItemId, on: connection, logger: logger)
            case .retry(let next, _, _, _):
                try await AuditLog.append(
                    Self.audit(.postReconciled, item, ["result": .string("NOT_SENT"), "nextAttemptAt": .string(Timestamp.text(next))]),
                    on: connection, logger: logger
                )
            case .unknown:
                break
            }
            return true
        }
    }

    // MARK: provider reports (webhooks)

    /// Unapplied `scheduled` webhook events, oldest first, after `cursor` (received time and
    /// event id of the last one seen), so events still waiting for their publish never hide
    /// newer ones.
    public func pendingReports(
        after cursor: (receivedAt: Date, eventId: String)? = nil, limit: Int
    ) async throws -> [(eventId: String, accountId: UUID?, payload: String, receivedAt: Date)] {
        let rows = try await self.database.query(
            """
            SELECT event_id, account_id, payload::text, received_at FROM webhook_events
            WHERE source = 'ayrshare' AND event_type = 'scheduled' AND applied_at IS NULL
              AND (\(cursor?.receivedAt)::timestamptz IS NULL OR (received_at, event_id) > (\(cursor?.receivedAt), \(cursor?.eventId)))
            ORDER BY received_at, event_id LIMIT \(Int64(limit))
            """
        )
        var events: [(eventId: String, accountId: UUID?, payload: String, receivedAt: Date)] = []
        for try await (id, account, payload, received) in rows.decode((String, UUID?, String, Date).self) {
            events.append((id, account, payload, received))
        }
        return events
    }

    /// Applies a provider report to the items of its post, monotonically, and marks the event
    /// applied, in one transaction. An event whose post matches no item yet (the publish that
    /// created it has not recorded its answer) stays pending until `giveUpBefore`, then is marked
    /// applied with nothing changed. Returns how many items changed, or nil when the event was
    /// left pending (or another worker has it).
    @discardableResult
    public func apply(report: ProviderPostReport?, eventId: String, accountId: UUID?, receivedAt: Date, giveUpBefore: Date) async throws -> Int? {
        let logger = self.logger
        return try await self.database.transaction { connection in
            var pending = false
            for try await _ in try await connection.query(
                """
                SELECT 1 FROM webhook_events WHERE source = 'ayrshare' AND event_id = \(eventId) AND applied_at IS NULL
                FOR UPDATE SKIP LOCKED
                """,
                logger: logger
            ).decode(Int32.self) {
                pending = true
            }
            guard pending else { return nil }
            var changed = 0
            var matched = false
            if let report, let accountId {
                let rows = try await connection.query(
                    """
                    SELECT \(unescaped: ScheduleItemRows.columns) FROM schedule_items s
                    WHERE s.account_id = \(accountId) AND s.provider_post_id = \(report.providerPostId)
                    FOR UPDATE
                    """,
                    logger: logger
                )
                let items = try await ScheduleItemRows.decode(rows)
                matched = !items.isEmpty
                for item in items {
                    guard let result = report.results[item.platform] else { continue }
                    if try await Self.applyReport(result, to: item, eventId: eventId, on: connection, logger: logger) {
                        changed += 1
                    }
                }
            }
            guard matched || report == nil || accountId == nil || receivedAt < giveUpBefore else { return nil }
            try await connection.query(
                "UPDATE webhook_events SET applied_at = now() WHERE source = 'ayrshare' AND event_id = \(eventId)", logger: logger
            )
            return changed
        }
    }

    /// One platform's result applied to one item, if it moves the item forward.
    static func applyReport(
        _ result: ProviderPostReport.Result, to item: ScheduleItemRecord, eventId: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> Bool {
        switch result {
        case .published(let platformPostId, let url):
            guard item.status.acceptsPublishedReport else { return false }
            try await connection.query(
                """
                UPDATE schedule_items SET status = 'PUBLISHED', platform_post_id = coalesce(\(platformPostId), platform_post_id),
                    post_url = coalesce(\(url), post_url), published_at = coalesce(published_at, now()), error_code = NULL,
                    error_message = NULL, lease_until = NULL, lease_owner = NULL, updated_at = now()
                WHERE account_id = \(item.accountId) AND id = \(item.id)
                """,
                logger: logger
            )
            try await AuditLog.append(
                Self.audit(.postPublished, item, [
                    "via": .string("webhook"), "eventId": .string(eventId), "previousStatus": .string(item.status.rawValue),
                    "postUrl": url.map(JSONValue.string) ?? .null,
                ]),
                on: connection, logger: logger
            )
        case .failed(let code, let message):
            guard item.status.acceptsFailedReport else { return false }
            try await connection.query(
                """
                UPDATE schedule_items SET status = 'FAILED', error_code = \(PublishErrorCode.providerRejected.rawValue),
                    error_message = \(message), lease_until = NULL, lease_owner = NULL, updated_at = now()
                WHERE account_id = \(item.accountId) AND id = \(item.id)
                """,
                logger: logger
            )
            try await AuditLog.append(
                Self.audit(.postFailed, item, [
                    "via": .string("webhook"), "eventId": .string(eventId), "providerCode": code.map { .number(Double($0)) } ?? .null,
                    "message": .string(message),
                ]),
                on: connection, logger: logger
            )
        case .pending:
            return false
        }
        try await ScheduleItemRows.settleContent(accountId: item.accountId, contentItemId: item.contentItemId, on: connection, logger: logger)
        return true
    }

    // MARK: helpers

    /// Runs a conditional `UPDATE … RETURNING` and says whether it matched a row: whether the
    /// item was still in the state (and held by the worker) the caller expected.
    static func changedARow(_ update: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        for try await _ in try await connection.query(update, logger: logger).decode(UUID.self) {
            return true
        }
        return false
    }

    static func dueItems(_ rows: PostgresRowSequence) async throws -> [DueItem] {
        var items: [DueItem] = []
        for try await (account, id, due) in rows.decode((UUID, UUID, Date).self) {
            items.append(DueItem(accountId: account, id: id, dueAt: due))
        }
        return items
    }

    static func insertAttempt(
        item: ScheduleItemRecord, kind: String, workerId: String, startedAt: Date, outcome: PublishOutcome,
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        var http: Int?
        var providerCode: Int?
        var errorCode: String?
        var message: String?
        switch outcome {
        case .published(_, _, _, let status):
            http = status
        case .retry(_, let reason, let status, let code):
            (http, providerCode, errorCode, message) = (status, code, "retrying", reason)
        case .failed(let code, let text, let status, let provider, _, _):
            (http, providerCode, errorCode, message) = (status, provider, code, text)
        case .unknown(let reason, _):
            (errorCode, message) = ("outcome_unknown", reason)
        }
        try await connection.query(
            """
            INSERT INTO publish_attempts (account_id, schedule_item_id, attempt, kind, worker_id, started_at, finished_at, outcome,
                                          http_status, provider_code, error_code, message)
            VALUES (\(item.accountId), \(item.id), \(Int32(item.attempt)), \(kind), \(workerId), \(startedAt), now(), \(outcome.label),
                    \(http.flatMap { Int32(exactly: $0) }), \(providerCode.flatMap { Int32(exactly: $0) }), \(errorCode), \(message))
            """,
            logger: logger
        )
    }

    /// The provider says the social account must be reconnected: the verified profile is no
    /// longer good, so the account's other items fail fast until it is verified again.
    static func markNeedsReconnect(item: ScheduleItemRecord, on connection: PostgresConnection, logger: Logger) async throws {
        var changed = false
        for try await _ in try await connection.query(
            """
            UPDATE publishing_profiles SET status = 'NEEDS_RECONNECT', updated_at = now()
            WHERE account_id = \(item.accountId) AND status = 'VERIFIED' RETURNING account_id
            """,
            logger: logger
        ).decode(UUID.self) {
            changed = true
        }
        guard changed else { return }
        try await AuditLog.append(
            AuditEntry(
                accountId: item.accountId, userId: nil, type: .publishingProfileNeedsReconnect, entityType: "publishing_profile",
                entityId: item.accountId.text,
                metadata: ["platforms": .array([.string(item.platform.rawValue)]), "scheduleItemId": .string(item.id.text)]
            ),
            on: connection, logger: logger
        )
    }

    static func audit(_ type: AuditEventType, _ item: ScheduleItemRecord, _ metadata: [String: JSONValue]) -> AuditEntry {
        var metadata = metadata
        metadata["platform"] = .string(item.platform.rawValue)
        metadata["contentItemId"] = .string(item.contentItemId.text)
        metadata["providerProfileId"] = .string(item.providerProfileId)
        metadata["scheduledFor"] = .string(Timestamp.text(item.scheduledFor))
        return AuditEntry(accountId: item.accountId, userId: nil, type: type, entityType: "schedule_item", entityId: item.id.text, metadata: metadata)
    }
}
