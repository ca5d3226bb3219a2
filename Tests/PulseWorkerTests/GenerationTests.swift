import AsyncHTTPClient
import Foundation
import PostgresNIO
import PulseCore
import PulseStore
import PulseTestSupport
import Testing

@testable import PulseWorker

/// Generation jobs end to end through the worker, against a scratch database and the sandbox
/// (whose `/v1/chat/completions` speaks the OpenAI wire format): both generators, plan counts,
/// regeneration, retries, the spend ledger and the budget ladder.
@Suite(.serialized) struct GenerationTests {
    struct Owner: Sendable {
        let accountId: UUID
        let userId: UUID
    }

    static func owner(_ harness: PublishingHarness, plan: Plan? = nil) async throws -> Owner {
        let owner = Owner(accountId: UUID(), userId: UUID())
        try await harness.database.query(
            "INSERT INTO accounts (id, name, plan) VALUES (\(owner.accountId), 'Kiwi Bakery', \((plan ?? .default).rawValue))"
        )
        try await harness.database.query(
            "INSERT INTO users (id, email, password_hash) VALUES (\(owner.userId), \("u-\(owner.userId.text)@example.com"), 'x')"
        )
        try await harness.database.query("INSERT INTO memberships (account_id, user_id, role) VALUES (\(owner.accountId), \(owner.userId), 'OWNER')")
        return owner
    }

    static func brief(_ harness: PublishingHarness, _ owner: Owner, month: String = "2027-02", promo: Bool = true) async throws -> UUID {
        let id = UUID()
        try await harness.database.query(
            """
            INSERT INTO monthly_briefs (account_id, id, month, primary_focus, promo_enabled, promo_details_redacted, tone, notes_redacted, platform_targets)
            VALUES (\(owner.accountId), \(id), \(month), 'NEW_CLIENTS', \(promo), 'Two loaves for $12 on Fridays', 'PROMOTIONAL',
                    'We open at 7am.', ARRAY['FACEBOOK', 'INSTAGRAM'])
            """
        )
        return id
    }

    static func budget(_ configuration: PulseConfiguration) -> AIBudget { configuration.content.aiBudget }

    /// A worker with fast job settings; `ai` points the OpenAI-compatible generator at the sandbox.
    static func worker(_ harness: PublishingHarness, ai: Bool, environment: [String: String] = [:]) throws -> WorkerServices {
        var overrides = ["DATABASE_URL": harness.databaseURL, "AYRSHARE_BASE_URL": harness.sandboxURL + "/api", "WORKER_METRICS_PORT": "0"]
        if ai {
            overrides["OPENAI_BASE_URL"] = harness.sandboxURL
            overrides["OPENAI_API_KEY"] = "sk-test-secret"
        }
        let configuration = try TestEnvironment.configuration(overrides: overrides.merging(environment) { $1 })
        let settings = GenerationSettings(
            workerId: "gen-" + UUID().uuidString.prefix(8), concurrency: 2, pollInterval: .milliseconds(50), lease: .seconds(30),
            retryDelay: .milliseconds(200), budget: configuration.content.aiBudget
        )
        return try WorkerServices(configuration: configuration, logger: TestEnvironment.logger("worker"), generationSettings: settings)
    }

    static func enqueue(_ harness: PublishingHarness, _ owner: Owner, brief: UUID, budget: AIBudget? = nil) async throws -> JobRecord {
        let budget = budget ?? AIBudget(globalMonthlyMicros: 1_000_000_000, accountMonthlyCapMicros: 25_000_000, regenerationsPerBrief: 3, ladder: [])
        return try await JobStore(database: harness.database).enqueueGeneration(
            accountId: owner.accountId, actor: owner.userId, briefId: brief, budget: budget, now: Date(), idempotency: nil, authorize: { _, _ in }
        ).job
    }

    /// Runs `worker` until `job` has finished; returns it.
    static func run(_ harness: PublishingHarness, _ worker: WorkerServices, until job: JobRecord) async throws -> JobRecord {
        let store = JobStore(database: harness.database)
        let finished = try await harness.running([worker], timeout: .seconds(60)) {
            let status = try await store.job(accountId: job.accountId, id: job.id)?.status
            return status == .succeeded || status == .failed
        }
        try #require(finished, "the job did not finish")
        return try #require(try await store.job(accountId: job.accountId, id: job.id))
    }

    static func content(_ harness: PublishingHarness, _ owner: Owner) async throws -> [(id: UUID, type: String, caption: String, status: String, targets: [String])] {
        try await harness.database.query(
            "SELECT id, type, caption, status, platform_targets FROM content_items WHERE account_id = \(owner.accountId) ORDER BY position"
        ).collect().map { try $0.decode((UUID, String, String, String, [String]).self) }.map {
            (id: $0.0, type: $0.1, caption: $0.2, status: $0.3, targets: $0.4)
        }
    }

    static func ledger(_ harness: PublishingHarness, _ owner: Owner) async throws -> [(provider: String, tokens: Int, cost: Int64, requestId: String?)] {
        try await harness.database.query(
            "SELECT provider, prompt_tokens + completion_tokens, cost_micros, request_id FROM ai_spend_ledger WHERE account_id = \(owner.accountId) ORDER BY id"
        ).collect().map { try $0.decode((String, Int, Int64, String?).self) }.map { (provider: $0.0, tokens: $0.1, cost: $0.2, requestId: $0.3) }
    }

    @Test(arguments: [(nil, 8, 2), (Plan.growth, 12, 3), (Plan.authority, 16, 4)] as [(Plan?, Int, Int)])
    func theBuiltInGeneratorDraftsThePlansMonth(plan: Plan?, posts: Int, promos: Int) async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness, plan: plan)
            let brief = try await Self.brief(harness, owner)
            let job = try await Self.enqueue(harness, owner, brief: brief)
            let done = try await Self.run(harness, try Self.worker(harness, ai: false), until: job)
            #expect(done.status == .succeeded)
            #expect(done.progress == 100)
            #expect(done.result?["generator"]?.stringValue == "builtin")
            let items = try await Self.content(harness, owner)
            #expect(items.count == posts)
            #expect(items.count(where: { $0.type == "PROMO" }) == promos)
            #expect(items.allSatisfy { $0.status == "DRAFT" && $0.targets == ["FACEBOOK", "INSTAGRAM"] })
            #expect(Set(items.map(\.caption)).count == posts)
            #expect(Set(done.result?["contentIds"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(items.map { $0.id.text }))
            let ledger = try await Self.ledger(harness, owner)
            #expect(ledger.count == 1 && ledger.first?.provider == "builtin" && ledger.first?.cost == 0)
            #expect(try await harness.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(owner.accountId) AND event_type = 'CONTENT_GENERATED'") == 1)
            #expect(try await harness.count("SELECT generation_count FROM monthly_briefs WHERE id = \(brief)") == 1)
        }
    }

    @Test func withoutPromosEnabledThereAreNoPromoPosts() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner, promo: false)
            let job = try await Self.enqueue(harness, owner, brief: brief)
            #expect(try await Self.run(harness, try Self.worker(harness, ai: false), until: job).status == .succeeded)
            let items = try await Self.content(harness, owner)
            #expect(items.count == 8 && items.allSatisfy { $0.type == "POST" })
        }
    }

    @Test func regeneratingReplacesOnlyTheRemainingDrafts() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner)
            let worker = try Self.worker(harness, ai: false)
            #expect(try await Self.run(harness, worker, until: try await Self.enqueue(harness, owner, brief: brief)).status == .succeeded)
            let first = try await Self.content(harness, owner)
            let kept = Array(first.prefix(3).map(\.id))
            try await harness.database.query(
                "UPDATE content_items SET status = 'APPROVED', approved_at = now() WHERE account_id = \(owner.accountId) AND id = ANY(\(kept))"
            )
            try await harness.database.query("UPDATE content_items SET status = 'SCHEDULED' WHERE account_id = \(owner.accountId) AND id = \(kept[0])")
            try await harness.database.query(
                "UPDATE content_items SET status = 'CHANGES_REQUESTED' WHERE account_id = \(owner.accountId) AND id = \(first[5].id)"
            )
            // A draft that was once scheduled (then cancelled and edited) keeps its history.
            try await harness.database.query(
                """
                INSERT INTO schedule_items (account_id, id, content_item_id, month, platform, scheduled_for, due_at, provider_profile_id, target_account_id, status)
                VALUES (\(owner.accountId), \(UUID()), \(first[6].id), '2027-02', 'FACEBOOK', now(), now(), 'ref', 'fb', 'CANCELLED')
                """
            )
            let again = try await Self.run(harness, try Self.worker(harness, ai: false), until: try await Self.enqueue(harness, owner, brief: brief))
            #expect(again.status == .succeeded)
            #expect(again.result?["kept"]?.numberValue == 3)
            #expect(again.result?["replaced"]?.numberValue == 5)
            let second = try await Self.content(harness, owner).filter { $0.status != "ARCHIVED" }
            #expect(second.count == 8)
            #expect(Set(second.prefix(3).map(\.id)) == Set(kept))
            #expect(second.dropFirst(3).allSatisfy { $0.status == "DRAFT" && !first.map(\.id).contains($0.id) })
            #expect(try await harness.count("SELECT count(*)::int FROM content_items WHERE id = \(first[6].id) AND status = 'ARCHIVED'") == 1)
            #expect(try await harness.count("SELECT generation_count FROM monthly_briefs WHERE id = \(brief)") == 2)
        }
    }

    @Test func theOpenAIGeneratorDraftsThroughTheWireFormatAndItsCostIsLedgered() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness, plan: .growth)
            let brief = try await Self.brief(harness, owner)
            let job = try await Self.enqueue(harness, owner, brief: brief)
            let done = try await Self.run(harness, try Self.worker(harness, ai: true), until: job)
            #expect(done.status == .succeeded)
            #expect(done.result?["generator"]?.stringValue == "openai")
            let items = try await Self.content(harness, owner)
            #expect(items.count == 12)
            #expect(Set(items.map(\.caption)).count == 12)
            let ledger = try await Self.ledger(harness, owner)
            #expect(ledger.count == 1)
            #expect(ledger.first?.provider == "openai" && (ledger.first?.tokens ?? 0) > 0 && (ledger.first?.cost ?? 0) > 0)
            #expect(ledger.first?.requestId?.hasPrefix("chatcmpl-") == true)
            #expect(try await Self.calls(harness) == 1)
        }
    }

    @Test func invalidAIOutputIsRetriedOnceThenFailsTheJobAndWritesNothing() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner)
            try await harness.admin(.POST, "/sandbox/admin/openai/faults", ["invalidJSONAlways": true])
            let job = try await Self.enqueue(harness, owner, brief: brief)
            let done = try await Self.run(harness, try Self.worker(harness, ai: true), until: job)
            #expect(done.status == .failed)
            #expect(done.errorCode == "ai_invalid_output")
            #expect(done.attempts == 1)
            #expect(try await Self.calls(harness) == 2)
            #expect(try await Self.ledger(harness, owner).count == 2)
            #expect(try await Self.content(harness, owner).isEmpty)
            #expect(try await harness.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(owner.accountId) AND event_type = 'GENERATION_FAILED'") == 1)
        }
    }

    @Test func invalidJSONOnceIsRetriedWithinTheAttempt() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner)
            try await harness.admin(.POST, "/sandbox/admin/openai/faults", ["invalidJSONOnce": true])
            let done = try await Self.run(harness, try Self.worker(harness, ai: true), until: try await Self.enqueue(harness, owner, brief: brief))
            #expect(done.status == .succeeded)
            #expect(done.attempts == 1)
            #expect(try await Self.calls(harness) == 2)
            #expect(try await Self.content(harness, owner).count == 8)
        }
    }

    @Test func anUnavailableAIIsRetriedByTheJob() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner)
            try await harness.admin(.POST, "/sandbox/admin/openai/faults", ["status": 503, "statusCount": 1])
            let done = try await Self.run(harness, try Self.worker(harness, ai: true), until: try await Self.enqueue(harness, owner, brief: brief))
            #expect(done.status == .succeeded)
            #expect(done.attempts == 2)
            #expect(done.errorCode == nil)
            #expect(try await Self.content(harness, owner).count == 8)
        }
    }

    @Test func aLowGlobalBudgetFallsBackToTheBuiltInGenerator() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let other = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner)
            // 96 % of a $10 budget spent by another account: the ladder's last rung.
            try await Self.spend(harness, by: other, micros: 9600000)
            let worker = try Self.worker(harness, ai: true, environment: ["AI_MONTHLY_BUDGET_USD": "10"])
            let done = try await Self.run(harness, worker, until: try await Self.enqueue(harness, owner, brief: brief))
            #expect(done.status == .succeeded)
            #expect(done.result?["generator"]?.stringValue == "builtin")
            #expect(try await Self.calls(harness) == 0)
            #expect(try await Self.ledger(harness, owner).map(\.provider) == ["builtin"])
            let metrics = String(decoding: worker.metrics.registry.emitToBuffer(), as: UTF8.self)
            #expect(metrics.contains("pulseworks_generation_jobs_total{outcome=\"degraded\"} 1"))
        }
    }

    @Test func aCallTheAccountCapCannotCoverIsNotMadeAndTheJobDegrades() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner)
            let worker = try Self.worker(harness, ai: true, environment: ["AI_ACCOUNT_MONTHLY_CAP_USD": "0.000001"])
            let done = try await Self.run(harness, worker, until: try await Self.enqueue(harness, owner, brief: brief))
            #expect(done.status == .succeeded)
            #expect(done.result?["generator"]?.stringValue == "builtin")
            #expect(try await Self.calls(harness) == 0)
        }
    }

    @Test func crossingASpendLevelIsLoggedAndCounted() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let other = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner)
            // A $0.10 budget of which 69.9 % is spent: the job's one call crosses 70 %.
            try await Self.spend(harness, by: other, micros: 69900)
            let worker = try Self.worker(harness, ai: true, environment: ["AI_MONTHLY_BUDGET_USD": "0.1"])
            let done = try await Self.run(harness, worker, until: try await Self.enqueue(harness, owner, brief: brief))
            #expect(done.result?["generator"]?.stringValue == "openai")
            let cost = try await Self.ledger(harness, owner).first?.cost ?? 0
            #expect(cost >= 100)
            let metrics = String(decoding: worker.metrics.registry.emitToBuffer(), as: UTF8.self)
            #expect(metrics.contains("pulseworks_ai_budget_alerts_total{threshold=\"70\"} 1"))
            #expect(metrics.contains("pulseworks_ai_budget_alerts_total{threshold=\"85\"} 0"))
            #expect(metrics.contains("pulseworks_ai_spend_micro_dollars_total{provider=\"openai\"} \(cost)"))
        }
    }

    @Test func twoWorkersShareTheJobsAndRunEachOnce() async throws {
        try await PublishingHarness.run { harness in
            var jobs: [JobRecord] = []
            for index in 0..<6 {
                let owner = try await Self.owner(harness)
                jobs.append(try await Self.enqueue(harness, owner, brief: try await Self.brief(harness, owner, month: "2027-0\(index + 1)")))
            }
            let store = JobStore(database: harness.database)
            let queued = jobs
            let workers = [try Self.worker(harness, ai: false), try Self.worker(harness, ai: false)]
            let finished = try await harness.running(workers, timeout: .seconds(60)) {
                var done = 0
                for job in queued where try await store.job(accountId: job.accountId, id: job.id)?.status == .succeeded {
                    done += 1
                }
                return done == queued.count
            }
            #expect(finished)
            #expect(try await harness.count("SELECT count(*)::int FROM monthly_briefs WHERE generation_count <> 1") == 0)
            #expect(try await harness.count("SELECT count(*)::int FROM ai_spend_ledger") == 6)
            #expect(try await harness.count("SELECT count(*)::int FROM content_items") == 48)
            #expect(try await harness.count("SELECT count(DISTINCT lease_owner)::int FROM jobs") == 0)
        }
    }

    @Test func aMonthAtOrOverThePlansPostsGetsNoNewDraftsAndADowngradeDeletesNothing() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness, plan: .growth)
            let brief = try await Self.brief(harness, owner)
            let worker = try Self.worker(harness, ai: false)
            #expect(try await Self.run(harness, worker, until: try await Self.enqueue(harness, owner, brief: brief)).status == .succeeded)
            // Eleven of GROWTH's twelve approved: just under, so a regeneration writes one draft.
            try await harness.database.query(
                """
                UPDATE content_items SET status = 'APPROVED' WHERE account_id = \(owner.accountId)
                AND id IN (SELECT id FROM content_items WHERE account_id = \(owner.accountId) ORDER BY position LIMIT 11)
                """
            )
            let under = try await Self.run(harness, try Self.worker(harness, ai: false), until: try await Self.enqueue(harness, owner, brief: brief))
            #expect(under.result?["generated"]?.numberValue == 1)
            // All twelve approved: at the limit, nothing more.
            try await harness.database.query("UPDATE content_items SET status = 'APPROVED' WHERE account_id = \(owner.accountId)")
            let at = try await Self.run(harness, try Self.worker(harness, ai: false), until: try await Self.enqueue(harness, owner, brief: brief))
            #expect(at.result?["generated"]?.numberValue == 0)
            // Downgraded to ESSENTIAL (8): over the limit, nothing is deleted and nothing added.
            try await harness.database.query("UPDATE accounts SET plan = 'ESSENTIAL' WHERE id = \(owner.accountId)")
            let over = try await Self.run(harness, try Self.worker(harness, ai: false), until: try await Self.enqueue(harness, owner, brief: brief))
            #expect(over.status == .succeeded && over.result?["generated"]?.numberValue == 0)
            #expect(try await Self.content(harness, owner).count == 12)
        }
    }

    @Test func aClaimThatLostItsLeaseCanNoLongerTouchTheJob() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner)
            _ = try await Self.enqueue(harness, owner, brief: brief)
            let store = JobStore(database: harness.database)
            let first = try #require(try await store.claim(worker: "w1", lease: .seconds(30)))
            #expect(try await store.claim(worker: "w1", lease: .seconds(30)) == nil)
            try await harness.database.query("UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = \(first.id)")
            // The same worker's other lane takes it over: a new claim, a new token.
            let second = try #require(try await store.claim(worker: "w1", lease: .seconds(30)))
            #expect(second.attempts == 2)
            #expect(first.leaseOwner != second.leaseOwner)
            let stale = try #require(first.leaseOwner)
            #expect(try await store.progress(first, owner: stale, percent: 50, lease: .seconds(30)) == false)
            #expect(try await store.fail(first, owner: stale, code: "x", message: "x", retryAfter: nil) == false)
            let generation = GenerationStore(database: harness.database)
            #expect(try await generation.commit(job: first, owner: stale, drafts: [], generator: "builtin", plan: .essential) == nil)
            #expect(try await store.job(accountId: owner.accountId, id: first.id)?.status == .running)
            #expect(try await store.progress(second, owner: try #require(second.leaseOwner), percent: 50, lease: .seconds(30)))
        }
    }

    @Test func aDeletedBriefFailsTheJob() async throws {
        try await PublishingHarness.run { harness in
            let owner = try await Self.owner(harness)
            let brief = try await Self.brief(harness, owner)
            let job = try await Self.enqueue(harness, owner, brief: brief)
            try await harness.database.query("DELETE FROM monthly_briefs WHERE id = \(brief)")
            let done = try await Self.run(harness, try Self.worker(harness, ai: false), until: job)
            #expect(done.status == .failed)
            #expect(done.errorCode == "brief_not_found")
        }
    }

    /// Records `micros` of AI spend this UTC month for `owner`'s account.
    static func spend(_ harness: PublishingHarness, by owner: Owner, micros: Int64) async throws {
        try await harness.database.query(
            """
            INSERT INTO ai_spend_ledger (account_id, month, provider, model, units, cost_micros, succeeded)
            VALUES (\(owner.accountId), \(YearMonth(utc: Date()).description), 'openai', 'test', 1, \(micros), true)
            """
        )
    }

    static func calls(_ harness: PublishingHarness) async throws -> Int {
        let body = try await harness.admin(.GET, "/sandbox/admin/openai/calls", nil)
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return json?["calls"] as? Int ?? -1
    }
}
