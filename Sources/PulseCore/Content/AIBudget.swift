/// The AI spend budget: a global monthly budget shared by every account, a per-account monthly
/// cap, and the ladder a generation job degrades along as the global budget runs low.
public struct AIBudget: Sendable, Equatable {
    /// One rung: from `percent` of the global budget spent, the job is limited to this.
    public struct Step: Sendable, Equatable {
        public var percent: Int
        /// How many times a brief may be generated again this month (nil: the default).
        public var maxRegenerations: Int?
        /// Whether only the built-in generator (which costs nothing) may run.
        public var builtInOnly: Bool

        public init(percent: Int, maxRegenerations: Int? = nil, builtInOnly: Bool = false) {
            self.percent = percent
            self.maxRegenerations = maxRegenerations
            self.builtInOnly = builtInOnly
        }
    }

    /// The global monthly budget in micro-dollars.
    public var globalMonthlyMicros: Int64
    /// What one account may spend a month, in micro-dollars.
    public var accountMonthlyCapMicros: Int64
    /// How many regenerations a brief gets while the budget is healthy.
    public var regenerationsPerBrief: Int
    /// Rungs in increasing `percent`.
    public var ladder: [Step]
    /// Spend levels (percent of the global budget) that are logged and counted when crossed.
    public static let alertPercents = [70, 85, 95]

    public init(globalMonthlyMicros: Int64, accountMonthlyCapMicros: Int64, regenerationsPerBrief: Int, ladder: [Step]) {
        self.globalMonthlyMicros = globalMonthlyMicros
        self.accountMonthlyCapMicros = accountMonthlyCapMicros
        self.regenerationsPerBrief = regenerationsPerBrief
        self.ladder = ladder.sorted { $0.percent < $1.percent }
    }

    /// The default ladder: fewer regenerations from 70 %, none from 85 %, built-in only from 95 %.
    public static let defaultLadder = "70:regenerations=1,85:regenerations=0,95:builtin"

    /// Parses a ladder such as `70:regenerations=1,85:regenerations=0,95:builtin`.
    public static func parseLadder(_ text: String) -> [Step]? {
        var steps: [Step] = []
        for rung in text.split(separator: ",") {
            let parts = rung.split(separator: ":", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard parts.count == 2, let percent = Int(parts[0]), (0...100).contains(percent) else { return nil }
            var step = Step(percent: percent)
            for setting in parts[1].split(separator: "+") {
                let pair = setting.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
                switch (pair.first, pair.count) {
                case ("builtin", 1): step.builtInOnly = true
                case ("regenerations", 2):
                    guard let limit = Int(pair[1]), limit >= 0 else { return nil }
                    step.maxRegenerations = limit
                default: return nil
                }
            }
            steps.append(step)
        }
        return steps
    }

    /// This budget for an account on `plan`: its cap is the plan's AI allowance or the configured
    /// per-account cap, whichever is lower.
    public func capped(for plan: Plan) -> AIBudget {
        var budget = self
        budget.accountMonthlyCapMicros = min(self.accountMonthlyCapMicros, plan.aiSpendCapMicros)
        return budget
    }

    /// Money spent this month, in micro-dollars.
    public struct Standing: Sendable, Equatable {
        public var globalMicros: Int64
        public var accountMicros: Int64

        public init(globalMicros: Int64, accountMicros: Int64) {
            self.globalMicros = globalMicros
            self.accountMicros = accountMicros
        }
    }

    /// What a job may do at a given standing.
    public struct Allowance: Sendable, Equatable {
        public var maxRegenerations: Int
        public var builtInOnly: Bool
        /// The rung in force (its percent), nil while the budget is healthy.
        public var rung: Int?
    }

    /// The global budget spent, in whole percent (0 with no budget spent; ≥ 100 when exhausted).
    public func percentSpent(_ standing: Standing) -> Int {
        guard self.globalMonthlyMicros > 0 else { return 100 }
        return Int((standing.globalMicros * 100) / self.globalMonthlyMicros)
    }

    /// The allowance at `standing`: every rung at or below the percent spent applies, later rungs
    /// tightening earlier ones. At 100 % only the built-in generator runs, whatever the ladder says.
    public func allowance(at standing: Standing) -> Allowance {
        let percent = self.percentSpent(standing)
        var allowance = Allowance(maxRegenerations: self.regenerationsPerBrief, builtInOnly: false, rung: nil)
        for step in self.ladder where step.percent <= percent {
            allowance.rung = step.percent
            if let limit = step.maxRegenerations { allowance.maxRegenerations = min(allowance.maxRegenerations, limit) }
            allowance.builtInOnly = allowance.builtInOnly || step.builtInOnly
        }
        if percent >= 100 { allowance.builtInOnly = true }
        return allowance
    }

    /// The refusal (402) for a generation request, nil when it may go ahead. `generationsBefore`
    /// is how many batches the brief already had: 0 for the first batch (never refused for the
    /// ladder), n for the n-th regeneration.
    public func refusal(generationsBefore: Int, at standing: Standing) -> PulseError? {
        if standing.accountMicros >= self.accountMonthlyCapMicros {
            return .paymentRequired(
                code: "ai_budget_exhausted",
                message: "This account has used its AI budget for the month; generation is available again next month."
            )
        }
        let allowance = self.allowance(at: standing)
        if generationsBefore > allowance.maxRegenerations {
            return .paymentRequired(
                code: "ai_budget_exhausted",
                message: "This brief cannot be generated again this month: \(allowance.maxRegenerations) regeneration(s) are allowed while the AI budget runs low. Edit the drafts instead."
            )
        }
        return nil
    }

    /// Whether a call estimated at `estimatedMicros` may be made at `standing`. A free call
    /// always may; a paid one must fit both the global budget's headroom and the account's cap.
    public func permits(estimatedMicros: Int64, at standing: Standing) -> Bool {
        guard estimatedMicros > 0 else { return true }
        return !self.allowance(at: standing).builtInOnly
            && standing.globalMicros + estimatedMicros <= self.globalMonthlyMicros
            && standing.accountMicros + estimatedMicros <= self.accountMonthlyCapMicros
    }

    /// The alert levels crossed going from `before` to `after` global spend.
    public func crossedAlerts(from before: Int64, to after: Int64) -> [Int] {
        let was = self.percentSpent(Standing(globalMicros: before, accountMicros: 0))
        let now = self.percentSpent(Standing(globalMicros: after, accountMicros: 0))
        return Self.alertPercents.filter { was < $0 && now >= $0 }
    }
}
