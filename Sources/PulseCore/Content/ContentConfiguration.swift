/// The content workflow's settings: the AI budget, AI prices and the generation job runner.
public struct ContentConfiguration: Sendable, Equatable {
    /// The global budget, per-account cap and degradation ladder (`AI_MONTHLY_BUDGET_USD`,
    /// default 1000; `AI_ACCOUNT_MONTHLY_CAP_USD`, default 25; `AI_REGENERATIONS_PER_BRIEF`,
    /// default 3; `AI_BUDGET_LADDER`, default `70:regenerations=1,85:regenerations=0,95:builtin`).
    public var aiBudget: AIBudget
    /// USD per million prompt tokens (`OPENAI_INPUT_PRICE_PER_MTOK`, default 0.15).
    public var openAIInputPricePerMillion: Double
    /// USD per million completion tokens (`OPENAI_OUTPUT_PRICE_PER_MTOK`, default 0.60).
    public var openAIOutputPricePerMillion: Double
    /// How many generation jobs one worker runs at once (`JOB_CONCURRENCY`, default 2).
    public var jobConcurrency: Int
    /// How often an idle worker looks for jobs (`JOB_POLL_MILLISECONDS`, default 1000).
    public var jobPollInterval: Duration

    public init(
        aiBudget: AIBudget, openAIInputPricePerMillion: Double = 0.15, openAIOutputPricePerMillion: Double = 0.60,
        jobConcurrency: Int = 2, jobPollInterval: Duration = .seconds(1)
    ) {
        self.aiBudget = aiBudget
        self.openAIInputPricePerMillion = openAIInputPricePerMillion
        self.openAIOutputPricePerMillion = openAIOutputPricePerMillion
        self.jobConcurrency = jobConcurrency
        self.jobPollInterval = jobPollInterval
    }

    init(_ reader: EnvironmentReader) throws(ConfigurationError) {
        let budget = try reader.dollars("AI_MONTHLY_BUDGET_USD", default: 1000)
        let cap = try reader.dollars("AI_ACCOUNT_MONTHLY_CAP_USD", default: 25)
        let regenerations = try reader.integer("AI_REGENERATIONS_PER_BRIEF", default: 3)
        guard (0...100).contains(regenerations) else {
            throw .invalid("AI_REGENERATIONS_PER_BRIEF", "must be between 0 and 100")
        }
        guard let ladder = AIBudget.parseLadder(reader["AI_BUDGET_LADDER"] ?? AIBudget.defaultLadder) else {
            throw .invalid("AI_BUDGET_LADDER", "must look like 70:regenerations=1,85:regenerations=0,95:builtin")
        }
        self.aiBudget = AIBudget(
            globalMonthlyMicros: budget, accountMonthlyCapMicros: cap, regenerationsPerBrief: regenerations, ladder: ladder
        )
        self.openAIInputPricePerMillion = try reader.price("OPENAI_INPUT_PRICE_PER_MTOK", default: 0.15)
        self.openAIOutputPricePerMillion = try reader.price("OPENAI_OUTPUT_PRICE_PER_MTOK", default: 0.60)
        let concurrency = try reader.integer("JOB_CONCURRENCY", default: 2)
        guard (1...64).contains(concurrency) else { throw .invalid("JOB_CONCURRENCY", "must be between 1 and 64") }
        self.jobConcurrency = concurrency
        let poll = try reader.integer("JOB_POLL_MILLISECONDS", default: 1000)
        guard (10...60_000).contains(poll) else { throw .invalid("JOB_POLL_MILLISECONDS", "must be between 10 and 60000") }
        self.jobPollInterval = .milliseconds(poll)
    }
}

extension EnvironmentReader {
    /// A non-negative amount of US dollars, returned in micro-dollars.
    func dollars(_ name: String, default defaultValue: Double) throws(ConfigurationError) -> Int64 {
        let value = try self.price(name, default: defaultValue)
        return Int64((value * 1_000_000).rounded())
    }

    /// A non-negative decimal number.
    func price(_ name: String, default defaultValue: Double) throws(ConfigurationError) -> Double {
        guard let text = self[name] else { return defaultValue }
        guard let value = Double(text), value.isFinite, value >= 0, value < 1e9 else {
            throw .invalid(name, "must be a non-negative amount in US dollars, e.g. 12.50")
        }
        return value
    }
}
