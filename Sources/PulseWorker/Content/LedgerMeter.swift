import Foundation
import Logging
import PulseCore
import PulseStore

/// The AI budget's hold on one job's generator: every call is checked against this month's
/// ledger before it is made and written to the ledger after.
struct LedgerMeter: GenerationMeter {
    let ledger: SpendLedger
    let budget: AIBudget
    let accountId: UUID
    let jobId: UUID
    let metrics: ContentMetrics
    let logger: Logger
    /// Renews the job's claim; throws when it was lost, so no money is spent on a job someone
    /// else now runs.
    let renew: @Sendable () async throws -> Void

    func authorize(provider: String, estimatedMicros: Int64) async throws {
        if estimatedMicros > 0 {
            try await self.renew()
        }
        let standing = try await self.ledger.standing(accountId: self.accountId, month: YearMonth(utc: Date()))
        guard self.budget.permits(estimatedMicros: estimatedMicros, at: standing) else {
            self.logger.notice(
                "AI call refused by the budget",
                metadata: ["provider": .string(provider), "estimated_micros": .stringConvertible(estimatedMicros)]
            )
            throw GenerationError.budgetExhausted
        }
    }

    func record(_ call: GeneratorCall) async throws {
        let (before, after) = try await self.ledger.record(call, accountId: self.accountId, jobId: self.jobId, month: YearMonth(utc: Date()))
        if call.costMicros > 0 {
            self.metrics.spent(call.costMicros, provider: call.provider)
        }
        self.metrics.budget(spentMicros: after, of: self.budget.globalMonthlyMicros)
        for percent in self.budget.crossedAlerts(from: before, to: after) {
            self.metrics.alert(percent)
            self.logger.warning(
                "AI budget crossed \(percent)% of the month",
                metadata: ["spent_micros": .stringConvertible(after), "budget_micros": .stringConvertible(self.budget.globalMonthlyMicros)]
            )
        }
    }
}
