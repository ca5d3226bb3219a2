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
    /// Renders and stores each draft's image; nil leaves drafts without one.
    let images: DraftImages?
    let logger: Logger

    public init(
        jobs: JobStore, store: GenerationStore, ledger: SpendLedger, builtIn: any ContentGenerator, ai: (any ContentGenerator)?,
        settings: GenerationSettings, metrics: ContentMetrics, images: DraftImages?, logger: Logger
    ) {
        self.images = images
        self.jobs = jobs
        self.store = store
        self.ledger = ledger
        self.builtIn = builtIn
        self.ai = ai
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    /// Why an attempt ended without a batch. `message` is shown to the account's members, so it
    /// is fixed per code; details (provider errors, addresses) go to the log only.
    struct Failure: Error {
        let code: String
        let message: String
        /// Whether a later attempt may succeed.
        let retryable: Bool
    }

    /// This claim no longer holds the job (its lease ran out and someone else took it): stop
    /// without recording anything.
    struct LeaseLost: Error {}

    /// Runs `job`, which this worker has claimed; never throws (every ending is recorded on the
    /// job, unless the claim was lost, in which case the new holder records it).
    public func run(_ job: JobRecord) async {
        var logger = self.logger
        logger[metadataKey: "account_id"] = .string(job.accountId.text)
        logger[metadataKey: "job_id"] = .string(job.id.text)
        let owner = job.leaseOwner ?? self.settings.workerId
        do {
            guard job.attempts <= job.maxAttempts else {
                throw Failure(code: "attempts_exhausted", message: "The job was interrupted too many times.", retryable: false)
            }
            let outcome = try await self.generate(job, owner: owner, logger: logger)
            self.metrics.job(outcome)
        } catch is LeaseLost {
            logger.notice("generation job taken over by another claim; this attempt stops")
        } catch let failure as Failure {
            let retry = failure.retryable ? self.settings.retryDelay(after: job.attempts) : nil
            let willRetry = retry != nil && job.attempts < job.maxAttempts
            logger.warning(
                "generation attempt failed",
                metadata: ["code": .string(failure.code), "attempt": .stringConvertible(job.attempts), "retry": .stringConvertible(willRetry)]
            )
            self.metrics.job(willRetry ? .retry : .failed)
            await self.record { try await self.jobs.fail(job, owner: owner, code: failure.code, message: failure.message, retryAfter: retry) }
        } catch {
            logger.error("generation attempt failed", metadata: ["error": .string(Publisher.describe(error))])
            self.metrics.job(job.attempts < job.maxAttempts ? .retry : .failed)
            await self.record {
                try await self.jobs.fail(
                    job, owner: owner, code: "internal_error", message: "Generation failed on our side; it is retried automatically.",
                    retryAfter: self.settings.retryDelay(after: job.attempts)
                )
            }
        }
    }

    /// Renews the claim with `percent` progress; throws `LeaseLost` when it is gone.
    func hold(_ job: JobRecord, owner: String, percent: Int) async throws {
        guard try await self.jobs.progress(job, owner: owner, percent: percent, lease: self.settings.lease) else { throw LeaseLost() }
    }

    /// Drafts and stores the batch; returns how it went for the metrics.
    func generate(_ job: JobRecord, owner: String, logger: Logger) async throws -> ContentMetrics.JobOutcome {
        guard let inputs = try await self.store.inputs(accountId: job.accountId, briefId: job.subjectId) else {
            throw Failure(code: "brief_not_found", message: "The brief was deleted.", retryable: false)
        }
        try await self.hold(job, owner: owner, percent: 10)
        let brief = inputs.brief.fields
        let seed = job.payload["seed"]?.stringValue.flatMap(UInt64.init) ?? 0
        let request = GenerationRequest(
            accountName: inputs.accountName, month: brief.month, focus: brief.focus, tone: brief.tone, promoEnabled: brief.promoEnabled,
            promoDetails: brief.promoDetails, notes: brief.notes, platformTargets: brief.platformTargets, brand: inputs.brand,
            postCount: inputs.postCount, promoCount: inputs.promoCount, seed: seed,
            // Titles may have been edited by hand: scrubbed like any free text before an AI sees them.
            existingTitles: inputs.kept.map { PIIScrubber.scrub($0.title) }
        )
        let standing = try await self.ledger.standing(accountId: job.accountId, month: YearMonth(utc: Date()))
        let budget = self.settings.budget.capped(for: inputs.plan)
        let allowance = budget.allowance(at: standing)
        self.metrics.budget(spentMicros: standing.globalMicros, of: budget.globalMonthlyMicros)
        let meter = LedgerMeter(
            ledger: self.ledger, budget: budget, accountId: job.accountId, jobId: job.id, metrics: self.metrics, logger: logger,
            renew: { try await self.hold(job, owner: owner, percent: 20) }
        )
        var generator = (allowance.builtInOnly ? nil : self.ai) ?? self.builtIn
        var degraded = false
        if self.ai != nil, allowance.builtInOnly {
            logger.notice("AI budget low: using the built-in generator", metadata: ["rung": .stringConvertible(allowance.rung ?? 0)])
            degraded = true
        }
        var posts: [GeneratedPost] = []
        if request.postCount > 0 {
            do {
                posts = try await generator.generate(request, meter: meter)
            } catch GenerationError.budgetExhausted where generator.provider != self.builtIn.provider {
                logger.notice("AI budget refused the call: using the built-in generator")
                generator = self.builtIn
                degraded = true
                posts = try await self.builtInPosts(request, meter: meter)
            } catch let error as GenerationError {
                throw self.failure(for: error, from: generator, logger: logger)
            }
        }
        try await self.hold(job, owner: owner, percent: 80)
        let issues = GeneratedBatch.issues(posts, for: request)
        guard issues.isEmpty else {
            logger.warning("generated batch refused", metadata: ["generator": .string(generator.provider), "issues": .string(issues.prefix(3).joined(separator: "; "))])
            throw Failure(code: "invalid_batch", message: "The generated batch was not usable; it is generated again.", retryable: true)
        }
        var drafts = posts.map { post in
            GenerationStore.Draft(
                post: post,
                riskFlags: CaptionRiskCheck.flags(title: post.title, caption: post.caption, hashtags: post.hashtags, platforms: post.platformTargets)
            )
        }
        if let images = self.images {
            // The lease is renewed as each image is done, so a slow store cannot lose the job.
            drafts = try await images.attach(
                to: drafts, accountId: job.accountId, accountName: inputs.accountName, month: brief.month, brand: inputs.brand, logger: logger,
                progress: { try await self.hold(job, owner: owner, percent: 85) }
            )
            do {
                try await self.hold(job, owner: owner, percent: 90)
            } catch {
                await images.discard(drafts, logger: logger)
                throw error
            }
        }
        do {
            guard let ids = try await self.store.commit(job: job, owner: owner, drafts: drafts, generator: generator.provider, plan: inputs.plan) else {
                await self.images?.discard(drafts, logger: logger)
                throw LeaseLost()
            }
            let stored = Set(ids)
            await self.images?.discard(drafts.filter { !stored.contains($0.id) }, logger: logger)
            logger.info(
                "batch generated",
                metadata: [
                    "items": .stringConvertible(ids.count), "generator": .string(generator.provider),
                    "render_failures": .stringConvertible(drafts.count(where: { $0.mediaError != nil })),
                ]
            )
        } catch GenerationStoreError.briefDeleted {
            await self.images?.discard(drafts, logger: logger)
            throw Failure(code: "brief_not_found", message: "The brief was deleted while its batch was being written.", retryable: false)
        }
        return degraded ? .degraded : .succeeded
    }

    /// The built-in generator's batch, with its failures mapped like any other generator's.
    func builtInPosts(_ request: GenerationRequest, meter: LedgerMeter) async throws -> [GeneratedPost] {
        do {
            return try await self.builtIn.generate(request, meter: meter)
        } catch let error as GenerationError {
            throw self.failure(for: error, from: self.builtIn, logger: self.logger)
        }
    }

    /// The job failure for a generator's error; the detail is logged, never shown.
    func failure(for error: GenerationError, from generator: any ContentGenerator, logger: Logger) -> Failure {
        let ai = generator.provider != self.builtIn.provider
        switch error {
        case .budgetExhausted:
            return Failure(code: "ai_budget_exhausted", message: "The AI budget refused the call.", retryable: false)
        case .invalidOutput(let reason):
            logger.warning("generator returned an unusable batch", metadata: ["generator": .string(generator.provider), "reason": .string(reason)])
            return ai
                ? Failure(code: "ai_invalid_output", message: "The AI generator did not return a usable batch, even when asked again.", retryable: false)
                : Failure(code: "invalid_batch", message: "The generated batch was not usable; it is generated again.", retryable: true)
        case .unavailable(let reason):
            logger.warning("generator unavailable", metadata: ["generator": .string(generator.provider), "reason": .string(reason)])
            return Failure(code: "ai_unavailable", message: "The AI generator could not be reached; it is tried again shortly.", retryable: true)
        case .rejected(let reason):
            logger.warning("generator refused the request", metadata: ["generator": .string(generator.provider), "reason": .string(reason)])
            return Failure(code: "ai_rejected", message: "The AI generator refused the request; check its configuration.", retryable: false)
        }
    }

    /// Runs a job-state write, logging rather than throwing: a lost write leaves the lease to run out.
    func record(_ write: () async throws -> Bool) async {
        do {
            if try await !write() {
                self.logger.notice("job was taken over by another claim before its outcome was recorded")
            }
        } catch {
            self.logger.error("could not record the job's outcome", metadata: ["error": .string(Publisher.describe(error))])
        }
    }
}
