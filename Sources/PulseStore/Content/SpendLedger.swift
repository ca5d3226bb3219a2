import Foundation
import Logging
import PostgresNIO
import PulseCore

/// The AI spend ledger: one row per generator call; budget decisions are sums over it.
public struct SpendLedger: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// This UTC month's spend, globally and for `accountId`.
    public func standing(accountId: UUID, month: YearMonth) async throws -> AIBudget.Standing {
        try await Self.standing(accountId: accountId, month: month, on: nil, database: self.database)
    }

    static func standing(accountId: UUID, month: YearMonth, on connection: PostgresConnection?, database: Database) async throws -> AIBudget.Standing {
        let query: PostgresQuery = """
            SELECT COALESCE(sum(cost_micros), 0)::bigint,
                   COALESCE(sum(cost_micros) FILTER (WHERE account_id = \(accountId)), 0)::bigint
            FROM ai_spend_ledger WHERE month = \(month.description)
            """
        let rows: PostgresRowSequence
        if let connection {
            rows = try await connection.query(query, logger: database.logger)
        } else {
            rows = try await database.query(query)
        }
        let totals = try await rows.first(decoding: { row -> (Int64, Int64) in try row.decode((Int64, Int64).self) })
        let (global, account) = totals ?? (0, 0)
        return AIBudget.Standing(globalMicros: global, accountMicros: account)
    }

    /// Appends `call`; returns the global spend of the month before and after it.
    @discardableResult
    public func record(_ call: GeneratorCall, accountId: UUID, jobId: UUID?, month: YearMonth) async throws -> (before: Int64, after: Int64) {
        let logger = self.database.logger
        return try await self.database.transaction { connection in
            // Ledger writes take turns (they are a few per AI call), so each sees every earlier
            // one and a spend level crossed by two concurrent calls is still noticed once.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('ai_spend_ledger'))", logger: logger)
            try await connection.query(
                """
                INSERT INTO ai_spend_ledger (account_id, job_id, month, provider, model, prompt_tokens, completion_tokens, units,
                                             cost_micros, request_id, succeeded)
                VALUES (\(accountId), \(jobId), \(month.description), \(call.provider), \(call.model), \(call.promptTokens),
                        \(call.completionTokens), \(call.units), \(call.costMicros), \(call.requestID), \(call.succeeded))
                """,
                logger: logger
            )
            let after = try await Self.standing(accountId: accountId, month: month, on: connection, database: self.database).globalMicros
            return (after - call.costMicros, after)
        }
    }
}
