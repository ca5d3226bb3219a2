import Foundation
import Logging
import PostgresNIO
import PulseCore

/// `BillingRepository` on Postgres.
public struct PostgresBillingRepository: BillingRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func summary(accountId: UUID, now: Date) async throws -> BillingSummary {
        let row = try await self.database.query(
            """
            SELECT a.plan, a.posting_addon, a.billing_status, a.trial_ends_at, a.current_period_end, a.cancel_at_period_end,
                   a.stripe_customer_id, a.timezone,
                   (SELECT count(*)::int FROM memberships m WHERE m.account_id = a.id),
                   (SELECT count(*)::int FROM social_connections s WHERE s.account_id = a.id AND s.status = 'CONNECTED')
            FROM accounts a WHERE a.id = \(accountId)
            """
        ).first(decoding: {
            try $0.decode((String, Bool, String, Date?, Date?, Bool, String?, String, Int, Int).self)
        })
        guard let (plan, addon, status, trialEnds, periodEnd, cancelAtEnd, customer, timezone, members, platforms) = row else {
            throw PulseError.notFound
        }
        // A trial that ran out without a subscription is no longer a trial.
        var standing = BillingStatus(rawValue: status) ?? .none
        if standing == .trialing, periodEnd == nil, let trialEnds, trialEnds <= now {
            standing = .none
        }
        let month = Self.month(of: now, in: timezone)
        let posts = try await self.database.query(
            """
            SELECT count(*)::int FROM content_items
            WHERE account_id = \(accountId) AND month = \(month.description) AND status <> 'ARCHIVED'
            """
        ).first(decoding: { try $0.decode(Int.self) }) ?? 0
        let spend = try await SpendLedger(database: self.database).standing(accountId: accountId, month: YearMonth(utc: now)).accountMicros
        return BillingSummary(
            plan: Plan(stored: plan), postingAddon: addon, status: standing, trialEndsAt: trialEnds,
            currentPeriodEnd: periodEnd, cancelAtPeriodEnd: cancelAtEnd, stripeCustomerId: customer,
            usage: PlanUsage(month: month, posts: posts, members: members, connectedPlatforms: platforms, aiSpendMicros: spend)
        )
    }

    /// The calendar month `date` falls in, in the account's timezone.
    static func month(of date: Date, in timezone: String) -> YearMonth {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month], from: date)
        return YearMonth(year: parts.year ?? 2000, month: parts.month ?? 1) ?? YearMonth(utc: date)
    }

    public func customer(accountId: UUID) async throws -> String? {
        try await self.database.query("SELECT stripe_customer_id FROM accounts WHERE id = \(accountId)")
            .first(decoding: { try $0.decode(String?.self) }) ?? nil
    }

    public func saveCustomer(accountId: UUID, actor: UUID, customerId: String, authorize: ActorCheck) async throws -> String {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let stored = try await connection.query(
                """
                UPDATE accounts SET stripe_customer_id = COALESCE(stripe_customer_id, \(customerId)), updated_at = now()
                WHERE id = \(accountId) RETURNING stripe_customer_id
                """,
                logger: logger
            ).first(decoding: { try $0.decode(String.self) })
            guard let stored else { throw PulseError.notFound }
            if stored == customerId {
                try await AuditLog.append(
                    AuditEntry(
                        accountId: accountId, userId: actor, type: .billingCustomerCreated, entityType: "account", entityId: accountId.text,
                        metadata: ["customer": .string(customerId)]
                    ),
                    on: connection, logger: logger
                )
            }
            return stored
        }
    }

    public func seen(eventId: String) async throws -> Bool {
        try await self.database.query(
            "SELECT 1 FROM webhook_events WHERE source = 'stripe' AND event_id = \(eventId)"
        ).all(decoding: { _ in true }).isEmpty == false
    }

    public func apply(_ event: BillingEvent, fetch: @Sendable (String) async throws -> SubscriptionState) async throws -> BillingEventOutcome {
        let logger = self.database.logger
        let payload = try JSONText.encode(event.payload)
        return try await self.database.transaction { connection -> BillingEventOutcome in
            let recorded = try await connection.query(
                """
                INSERT INTO webhook_events (source, event_id, event_type, payload) VALUES ('stripe', \(event.id), \(event.type), \(payload)::jsonb)
                ON CONFLICT (source, event_id) DO NOTHING RETURNING 1
                """,
                logger: logger
            ).all(decoding: { _ in true })
            guard !recorded.isEmpty else { return .duplicate }
            guard let account = try await Self.account(for: event, on: connection, logger: logger) else {
                try await Self.markApplied(event, accountId: nil, on: connection, logger: logger)
                return .ignored("no account has this customer")
            }
            guard let subscriptionId = event.subscriptionId else {
                try await Self.markApplied(event, accountId: account.id, on: connection, logger: logger)
                return .ignored("the event names no subscription")
            }
            // Under the account lock: the state fetched now is the newest, and no other event of
            // this account is applied meanwhile.
            let state = try await fetch(subscriptionId)
            let current = account.subscriptionId
            let adopts = current == nil || current == subscriptionId || event.type == "checkout.session.completed"
                || (state.status.isInGoodStanding && !account.status.isInGoodStanding)
            guard adopts else {
                try await Self.markApplied(event, accountId: account.id, on: connection, logger: logger)
                return .ignored("the event is about a subscription the account has replaced")
            }
            let ended = state.status == .canceled || state.status == .incompleteExpired
            // A subscription that ended leaves the account drafting on the default plan; nothing
            // over its limits is deleted, it only stops growing.
            let plan = ended ? Plan.default : (state.plan ?? account.plan)
            let addon = ended ? false : state.postingAddon
            try await connection.query(
                """
                UPDATE accounts SET
                    stripe_customer_id = COALESCE(stripe_customer_id, \(state.customerId)), stripe_subscription_id = \(subscriptionId),
                    plan = \(plan.rawValue), posting_addon = \(addon), billing_status = \(state.status.rawValue),
                    current_period_end = \(state.currentPeriodEnd), cancel_at_period_end = \(state.cancelAtPeriodEnd),
                    subscription_event_created = GREATEST(COALESCE(subscription_event_created, 0), \(event.created)),
                    subscription_event_id = \(event.id), updated_at = now()
                WHERE id = \(account.id)
                """,
                logger: logger
            )
            if plan != account.plan || addon != account.postingAddon || state.status != account.status {
                try await AuditLog.append(
                    AuditEntry(
                        accountId: account.id, userId: nil, type: .billingUpdated, entityType: "subscription", entityId: subscriptionId,
                        metadata: [
                            "eventId": .string(event.id), "eventType": .string(event.type),
                            "from": .object(["plan": .string(account.plan.rawValue), "postingAddon": .bool(account.postingAddon), "status": .string(account.status.rawValue)]),
                            "to": .object(["plan": .string(plan.rawValue), "postingAddon": .bool(addon), "status": .string(state.status.rawValue)]),
                        ]
                    ),
                    on: connection, logger: logger
                )
            }
            try await Self.markApplied(event, accountId: account.id, on: connection, logger: logger)
            return .applied(accountId: account.id)
        }
    }

    struct LockedAccount {
        let id: UUID
        let plan: Plan
        let postingAddon: Bool
        let status: BillingStatus
        let subscriptionId: String?
    }

    /// The account an event is about, locked: the one it names (checkout's `client_reference_id`
    /// or `metadata.account_id`) when that account's customer matches or is unset, else the one
    /// with the event's customer.
    static func account(for event: BillingEvent, on connection: PostgresConnection, logger: Logger) async throws -> LockedAccount? {
        let rows = try await connection.query(
            """
            SELECT id, plan, posting_addon, billing_status, stripe_subscription_id FROM accounts
            WHERE (id = \(event.accountId) AND (stripe_customer_id IS NULL OR stripe_customer_id = \(event.customerId)))
               OR (stripe_customer_id IS NOT NULL AND stripe_customer_id = \(event.customerId))
            ORDER BY (id = \(event.accountId)) DESC NULLS LAST
            LIMIT 1
            FOR UPDATE
            """,
            logger: logger
        )
        return try await rows.first(decoding: { row in
            let (id, plan, addon, status, subscription) = try row.decode((UUID, String, Bool, String, String?).self)
            return LockedAccount(
                id: id, plan: Plan(stored: plan), postingAddon: addon, status: BillingStatus(rawValue: status) ?? .none,
                subscriptionId: subscription
            )
        })
    }

    static func markApplied(_ event: BillingEvent, accountId: UUID?, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "UPDATE webhook_events SET account_id = \(accountId), applied_at = now() WHERE source = 'stripe' AND event_id = \(event.id)",
            logger: logger
        )
    }
}
