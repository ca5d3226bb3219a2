import Foundation
import Logging
import PulseCore
import PulseStore

/// Runs one generation job: reads the brief, picks the generator the budget allows, drafts the
/// month, flags risky captions and replaces the brief's remaining drafts in one transaction.
public struct BatchGeneration: Sendable {
    let jobs: JobStore
    let store: GenerationStore
    let ledger: SpendLedger
    let builtIn: any ContentGenerator
    /// The AI generator, when one is configured.
    let ai: (any ContentGenerator)?
    let settings: GenerationSettings
    let metrics: ContentMetrics
    let logger: Logger

    public init(
        jobs: JobStore, store: GenerationStore, ledger: SpendLedger, builtIn: any ContentGenerator, ai: (any ContentGenerator)?,
        settings: GenerationSettings, metrics: ContentMetrics, logger: Logger
    ) {
        self.jobs = jobs
        self.store = store
        self.ledger = ledger
        self.builtIn = builtIn
        self.ai = ai
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    /// Why an attempt ended without a batch.
    struct Failure: Error {
        let code: String
        let message: String
        /// Whether a later attempt may succeed.
        let retryable: Bool
    }

    /// Runs `job`, which this worker has claimed; never throws (every ending is recorded on the job).
    public func run(_ job: JobRecord) async {
        var logger = self.logger
        logger[metadataKey: "account_id"] = .string(job.accountId.text)
        logger[metadataKey: "job_id"] = .string(job.id.text)
        let owner = self.settings.workerId
        do {
            guard job.attempts <= job.maxAttempts else {
                throw Failure(code: "attempts_exhausted", message: "The job was interrupted too many times.", retryable: false)
            }
            let generator = try await self.generate(job, logger: logger)
            self.metrics.job(generator == self.builtIn.provider && self.ai != nil ? "degraded" : "succeeded")
        } catch let failure as Failure {
            let retry = failure.retryable ? self.settings.retryDelay(after: job.attempts) : nil
            let willRetry = retry != nil && job.attempts < job.maxAttempts
            logger.warning(
                "generation attempt failed",
                metadata: ["code": .string(failure.code), "attempt": .stringConvertible(job.attempts), "retry": .stringConvertible(willRetry)]
            )
            self.metrics.job(willRetry ? "retry" : "failed")
            await self.record { try await self.jobs.fail(job, owner: owner, code: failure.code, message: failure.message, retryAfter: retry) }
        } catch {
            logger.error("generation attempt failed", metadata: ["error": .string(String(describing: type(of: error)))])
            self.metrics.job(job.attempts < job.maxAttempts ? "retry" : "failed")
            await self.record {
                try await self.jobs.fail(
                    job, owner: owner, code: "internal_error", message: "Generation failed on our side; it is retried automatically.",
                    retryAfter: self.settings.retryDelay(after: job.attempts)
                )
            }
        }
    }

    /// Drafts and stores the batch; returns the generator that wrote it.
    func generate(_ job: JobRecord, logger: Logger) async throws -> String {
        let owner = self.settings.workerId
        guard let inputs = try await self.store.inputs(accountId: job.accountId, briefId: job.subjectId) else {
            throw Failure(code: "brief_not_found", message: "The brief was deleted.", retryable: false)
        }
        try await self.jobs.progress(job, owner: owner, percent: 10, lease: self.settings.lease)
        let brief = inputs.brief.fields
        let seed = job.payload["seed"]?.stringValue.flatMap(UInt64.init) ?? 0
        let request = GenerationRequest(
            accountName: inputs.accountName, month: brief.month, focus: brief.focus, tone: brief.tone, promoEnabled: brief.promoEnabled,
            promoDetails: brief.promoDetails, notes: brief.notes, platformTargets: brief.platformTargets, brand: inputs.brand,
            postCount: inputs.postCount, promoCount: inputs.promoCount, seed: seed, existingTitles: inputs.kept.map(\.title)
        )
        let standing = try await self.ledger.standing(accountId: job.accountId, month: YearMonth(utc: Date()))
        let allowance = self.settings.budget.allowance(at: standing)
        let meter = LedgerMeter(
            ledger: self.ledger, budget: self.settings.budget, accountId: job.accountId, jobId: job.id, metrics: self.metrics, logger: logger
        )
        var generator = (allowance.builtInOnly ? nil : self.ai) ?? self.builtIn
        if let ai = self.ai, allowance.builtInOnly {
            logger.notice("AI budget low: using the built-in generator", metadata: ["provider": .string(ai.provider), "rung": .stringConvertible(allowance.rung ?? 0)])
        }
        var posts: [GeneratedPost] = []
        if request.postCount > 0 {
            do {
                posts = try await generator.generate(request, meter: meter)
            } catch GenerationError.budgetExhausted where generator.provider != self.builtIn.provider {
                logger.notice("AI budget refused the call: using the built-in generator")
                generator = self.builtIn
                posts = try await self.builtIn.generate(request, meter: meter)
            } catch let error as GenerationError {
                throw Self.failure(for: error)
            }
        }
        try await self.jobs.progress(job, owner: owner, percent: 80, lease: self.settings.lease)
        let issues = GeneratedBatch.issues(posts, for: request)
        guard issues.isEmpty else {
            throw Failure(code: "invalid_batch", message: "The generated batch was not usable: " + issues.prefix(3).joined(separator: "; "), retryable: true)
        }
        let drafts = posts.map { post in
            GenerationStore.Draft(
                post: post,
                riskFlags: CaptionRiskCheck.flags(title: post.title, caption: post.caption, hashtags: post.hashtags, platforms: post.platformTargets)
            )
        }
        do {
            guard let ids = try await self.store.commit(job: job, owner: owner, drafts: drafts, generator: generator.provider, plan: inputs.plan) else {
                logger.notice("job taken over by another worker; batch discarded")
                return generator.provider
            }
            logger.info("batch generated", metadata: ["items": .stringConvertible(ids.count), "generator": .string(generator.provider)])
        } catch GenerationStoreError.briefDeleted {
            throw Failure(code: "brief_not_found", message: "The brief was deleted while its batch was being written.", retryable: false)
        }
        return generator.provider
    }

    static func failure(for error: GenerationError) -> Failure {
        switch error {
        case .budgetExhausted:
            Failure(code: "ai_budget_exhausted", message: "The AI budget refused the call.", retryable: false)
        case .invalidOutput(let reason):
            Failure(code: "ai_invalid_output", message: "The AI generator did not return a valid batch (retried once): \(reason)", retryable: false)
        case .unavailable(let reason):
            Failure(code: "ai_unavailable", message: "The AI generator could not be reached: \(reason)", retryable: true)
        case .rejected(let reason):
            Failure(code: "ai_rejected", message: "The AI generator refused the request: \(reason)", retryable: false)
        }
    }

    /// Runs a job-state write, logging rather than throwing: a lost write leaves the lease to run out.
    func record(_ write: () async throws -> Bool) async {
        do {
            if try await !write() {
                self.logger.notice("job was taken over by another worker before its outcome was recorded")
            }
        } catch {
            self.logger.error("could not record the job's outcome", metadata: ["error": .string(String(describing: type(of: error)))])
        }
    }
}
