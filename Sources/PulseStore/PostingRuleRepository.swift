import Foundation
import PostgresNIO
import PulseCore

/// Each account's posting rule.
public protocol PostingRuleRepository: Sendable {
    func rule(accountId: UUID) async throws -> PostingRule?
    /// Replaces the rule; audited; `authorize` re-checks the actor's role inside the transaction.
    func save(accountId: UUID, actor: UUID, rule: PostingRule, authorize: ActorCheck) async throws -> PostingRule
}

/// `PostingRuleRepository` on Postgres.
public struct PostgresPostingRuleRepository: PostingRuleRepository {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func rule(accountId: UUID) async throws -> PostingRule? {
        let rows = try await self.database.query(
            "SELECT frequency, days_of_week, time_window FROM posting_rules WHERE account_id = \(accountId)"
        )
        for try await (frequency, days, window) in rows.decode((String, [Int32], String).self) {
            guard let frequency = PostingFrequency(rawValue: frequency), let window = TimeWindow(rawValue: window) else { return nil }
            return PostingRule(frequency: frequency, daysOfWeek: days.map(Int.init).sorted(), timeWindow: window)
        }
        return nil
    }

    public func save(accountId: UUID, actor: UUID, rule: PostingRule, authorize: ActorCheck) async throws -> PostingRule {
        let logger = self.database.logger
        try await self.database.transaction { connection in
            try await AccountLock.lock(accountId: accountId, actor: actor, authorize: authorize, on: connection, logger: logger)
            let days = rule.daysOfWeek.map(Int32.init)
            try await connection.query(
                """
                INSERT INTO posting_rules (account_id, frequency, days_of_week, time_window, updated_by)
                VALUES (\(accountId), \(rule.frequency.rawValue), \(days), \(rule.timeWindow.rawValue), \(actor))
                ON CONFLICT (account_id) DO UPDATE SET
                    frequency = EXCLUDED.frequency, days_of_week = EXCLUDED.days_of_week,
                    time_window = EXCLUDED.time_window, updated_by = EXCLUDED.updated_by, updated_at = now()
                """,
                logger: logger
            )
            try await AuditLog.append(
                AuditEntry(
                    accountId: accountId, userId: actor, type: .postingRulesUpdated, entityType: "posting_rules",
                    entityId: accountId.text,
                    metadata: [
                        "frequency": .string(rule.frequency.rawValue),
                        "daysOfWeek": .array(rule.daysOfWeek.map { .number(Double($0)) }),
                        "timeWindow": .string(rule.timeWindow.rawValue),
                    ]
                ),
                on: connection, logger: logger
            )
        }
        return rule
    }
}
