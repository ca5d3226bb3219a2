import Foundation
import PostgresNIO
import PulseCore
import PulseIntegrations
import PulseStore
import PulseTestSupport
import Testing

@testable import PulseWorker

/// The publishing path against real Postgres, Redis and the sandbox: several workers at once,
/// a flushed queue, a worker that died after the provider accepted, provider faults, and
/// verification refusals. The sandbox's per-key publish counts prove "exactly once".
@Suite(.serialized) struct PublishingTests {
    /// Every post the sandbox published for `refIds`, keyed by idempotency key, with its count.
    static func publishCounts(_ harness: PublishingHarness, refIds: Set<String>) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for post in try await harness.sandboxPosts() where refIds.contains(post["refId"] as? String ?? "") {
            // A post the provider refused on every platform published nothing.
            guard let key = post["idempotencyKey"] as? String, post["status"] as? String != "error" else { continue }
            counts[key, default: 0] += post["publishCount"] as? Int ?? 0
        }
        return counts
    }

    @Test func aThousandItemsAcrossFiftyAccountsWithThreeWorkersArePublishedExactlyOnceAndNeverEarly() async throws {
        try await PublishingHarness.run { harness in
            var accounts: [PublishingHarness.Account] = []
            for _ in 0..<50 {
                accounts.append(try await harness.account())
            }
            // All due within the same few seconds of one minute.
            let due = Date().addingTimeInterval(4)
            var items: Set<UUID> = []
            for (index, account) in accounts.enumerated() {
                let slot = due.addingTimeInterval(Double(index % 10) * 0.1)
                items.formUnion(try await harness.items(20, for: account, due: slot, platform: index.isMultiple(of: 2) ? .facebook : .instagram))
            }
            #expect(items.count == 1000)
            let workers = try (0..<3).map { index in try harness.worker { $0.workerId = "worker-\(index)" } }
            let finished = try await harness.running(workers, timeout: .seconds(180)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'PUBLISHED'") == 1000
            }
            let states = try await harness.statuses()
            #expect(finished, "not all published: \(states)")

            let counts = try await Self.publishCounts(harness, refIds: Set(accounts.map(\.refId)))
            #expect(counts.count == 1000)
            #expect(Set(counts.keys) == Set(items.map(\.text)))
            #expect(counts.values.allSatisfy { $0 == 1 }, "published more than once: \(counts.filter { $0.value != 1 })")
            // Each item went to its own account's profile.
            let posts = try await harness.sandboxPosts()
            let refOfItem = try await Self.refIds(harness)
            #expect(posts.filter { refOfItem[$0["idempotencyKey"] as? String ?? ""] != nil }.allSatisfy {
                refOfItem[$0["idempotencyKey"] as? String ?? ""] == $0["refId"] as? String
            })
            #expect(try await harness.count("SELECT count(*)::int FROM publish_attempts WHERE outcome = 'PUBLISHED'") == 1000)
            #expect(try await harness.count("SELECT count(*)::int FROM audit_events WHERE event_type = 'POST_PUBLISHED'") == 1000)
            // None started before its time.
            #expect(
                try await harness.count(
                    """
                    SELECT count(*)::int FROM publish_attempts a JOIN schedule_items s ON s.account_id = a.account_id AND s.id = a.schedule_item_id
                    WHERE a.started_at < s.due_at
                    """
                ) == 0
            )
            // Each worker counted its publishes.
            let counted = workers.map { Self.publishedMetric($0) }.reduce(0, +)
            #expect(counted == 1000)
            // The work was shared.
            #expect(try await harness.count("SELECT count(DISTINCT worker_id)::int FROM publish_attempts") >= 2)
            #expect(try await harness.count("SELECT count(*)::int FROM content_items WHERE status = 'PUBLISHED'") == 1000)
        }
    }

    /// `pulseworks_publish_total{outcome="published"}` as the worker's /metrics shows it.
    static func publishedMetric(_ worker: WorkerServices) -> Int {
        let text = String(decoding: worker.metrics.registry.emitToBuffer(), as: UTF8.self)
        let line = text.split(separator: "\n").first { $0.hasPrefix("pulseworks_publish_total{outcome=\"published\"}") }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) } ?? 0
    }

    static func refIds(_ harness: PublishingHarness) async throws -> [String: String] {
        var map: [String: String] = [:]
        for try await (id, ref) in try await harness.database.query("SELECT id::text, provider_profile_id FROM schedule_items").decode((String, String).self) {
            map[id] = ref
        }
        return map
    }

    @Test func flushingTheQueueMidRunLosesAndDuplicatesNothing() async throws {
        try await PublishingHarness.run { harness in
            var accounts: [PublishingHarness.Account] = []
            for _ in 0..<5 {
                accounts.append(try await harness.account())
            }
            let start = Date().addingTimeInterval(2)
            for (index, account) in accounts.enumerated() {
                for second in 0..<6 {
                    try await harness.items(10, for: account, due: start.addingTimeInterval(Double(second) + Double(index) * 0.05))
                }
            }
            let workers = try (0..<2).map { index in try harness.worker { $0.workerId = "flush-\(index)" } }
            let redis = workers[0].redis
            let flushed = FlushOnce()
            let finished = try await harness.running(workers, timeout: .seconds(120)) {
                let published = try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'PUBLISHED'")
                if published > 30, flushed.take() {
                    // What a FLUSHALL does to us: the queue and the script cache are gone. (Only
                    // this test's key is deleted, so suites running alongside keep their data.)
                    _ = try await redis.command(["DEL", harness.queueKey])
                    _ = try await redis.command(["SCRIPT", "FLUSH"])
                }
                return published == 300
            }
            #expect(flushed.happened)
            let states = try await harness.statuses()
            #expect(finished, "not all published: \(states)")
            let counts = try await Self.publishCounts(harness, refIds: Set(accounts.map(\.refId)))
            #expect(counts.count == 300)
            #expect(counts.values.allSatisfy { $0 == 1 })
        }
    }

    @Test func withoutRedisTheDispatcherClaimsFromPostgres() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            let ids = try await harness.items(20, for: account, due: Date().addingTimeInterval(1))
            // Nothing listens on port 1: every Redis call fails.
            let worker = try harness.worker(redisURL: "redis://127.0.0.1:1/0")
            let finished = try await harness.running([worker], timeout: .seconds(60)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'PUBLISHED'") == 20
            }
            let states = try await harness.statuses()
            #expect(finished, "\(states)")
            #expect(try await Self.publishCounts(harness, refIds: [account.refId]) == Dictionary(uniqueKeysWithValues: ids.map { ($0.text, 1) }))
            #expect(
                try await harness.count(
                    """
                    SELECT count(*)::int FROM publish_attempts a JOIN schedule_items s ON s.account_id = a.account_id AND s.id = a.schedule_item_id
                    WHERE a.started_at < s.due_at
                    """
                ) == 0
            )
        }
    }

    @Test func gracefulShutdownLetsPublishesInFlightFinish() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            try await harness.items(3, for: account, due: Date())
            try await harness.faults(["latencyMs": 1500])
            // Shut down as soon as all three are being published.
            _ = try await harness.running([try harness.worker()], timeout: .seconds(30)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'PUBLISHING'") == 3
            }
            try await harness.faults([:])
            let states = try await harness.statuses()
            #expect(states == ["PUBLISHED": 3], "in-flight publishes did not finish: \(states)")
        }
    }

    @Test func aPublisherThatLostItsClaimSendsNothingButItsLateResultStillCounts() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            let ids = try await harness.items(2, for: account, due: Date().addingTimeInterval(-1))
            try await harness.database.query("UPDATE schedule_items SET status = 'SCHEDULED'")
            let store = PublishingStore(database: harness.database, reconcileAfter: .seconds(60))
            // A claim with too little time left for a whole provider call may not send.
            let short = try #require(try await store.claim(accountId: account.id, id: ids[0], workerId: "w-1", lease: .seconds(5)))
            #expect(try await store.holdsClaim(short, margin: .seconds(16)) == false)
            let long = try #require(try await store.claim(accountId: account.id, id: ids[1], workerId: "w-1", lease: .seconds(120)))
            #expect(try await store.holdsClaim(long, margin: .seconds(16)))
            // Its lease runs out and the tick hands it to reconciliation...
            try await harness.database.query("UPDATE schedule_items SET lease_until = now() - interval '1 second' WHERE id = \(ids[1])")
            let rescued = try await store.rescueExpiredLeases(limit: 10)
            #expect(rescued.map(\.id).contains(ids[1]))
            #expect(try await store.holdsClaim(long, margin: .seconds(16)) == false)
            // ...not at once: it is left alone for the quiet period.
            #expect(try await store.claimUnknown(workerId: "w-2", lease: .seconds(60), limit: 10).isEmpty)
            // The first publisher's definitive answer, arriving late, is still recorded.
            let recorded = try await store.record(
                .published(providerPostId: "post-late", platformPostId: "fb-1", postURL: "https://facebook.com/1", httpStatus: 200),
                for: long, startedAt: Date()
            )
            #expect(recorded)
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(ids[1]) AND status = 'PUBLISHED' AND provider_post_id = 'post-late'") == 1)
        }
    }

    @Test func aWorkerKilledAfterTheProviderAcceptedIsReconciledWithoutASecondPublish() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            let ids = try await harness.items(1, for: account, due: Date().addingTimeInterval(-30))
            let id = try #require(ids.first)
            // A worker claimed it, the provider published it, and the worker died before recording.
            let key = try #require(try await PostgresSocialRepository(database: harness.database).providerProfile(accountId: account.id))
            let profileKey = try harness.secrets.open(.init(keyID: key.keyID, combined: key.sealedKey), context: ProviderProfileRecord.sealingContext(account.id))
            _ = try await harness.ayrshare.post(
                .init(post: "Caption", platforms: ["facebook"], idempotencyKey: id.text), profileKey: profileKey
            )
            try await harness.database.query(
                """
                UPDATE schedule_items SET status = 'PUBLISHING', attempt = 1, lease_owner = 'dead-worker',
                    lease_until = now() - interval '1 second' WHERE id = \(id)
                """
            )
            let finished = try await harness.running([try harness.worker()], timeout: .seconds(30)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'PUBLISHED'") == 1
            }
            let states = try await harness.statuses()
            #expect(finished, "\(states)")
            #expect(try await Self.publishCounts(harness, refIds: [account.refId]) == [id.text: 1])
            var outcomes: [String] = []
            for try await (kind, outcome) in try await harness.database.query(
                "SELECT kind, outcome FROM publish_attempts WHERE schedule_item_id = \(id) ORDER BY id"
            ).decode((String, String).self) {
                outcomes.append("\(kind):\(outcome)")
            }
            #expect(outcomes == ["PUBLISH:LEASE_EXPIRED", "RECONCILE:PUBLISHED"])
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(id) AND provider_post_id IS NOT NULL AND post_url IS NOT NULL") == 1)
        }
    }

    @Test func acceptThenHangEndsUnknownThenPublishedOnce() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            let id = try #require(try await harness.items(1, for: account, due: Date()).first)
            try await harness.faults(["hangAfterAcceptRate": 1.0])
            let worker = try harness.worker()
            let finished = try await harness.running([worker], timeout: .seconds(60)) {
                // Once the publish hangs, the provider is healthy again for the reconciliation.
                if try await Self.publishCounts(harness, refIds: [account.refId])[id.text] == 1 {
                    try await harness.faults([:])
                }
                return try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'PUBLISHED'") == 1
            }
            let states = try await harness.statuses()
            #expect(finished, "\(states)")
            #expect(try await Self.publishCounts(harness, refIds: [account.refId]) == [id.text: 1])
            #expect(try await harness.count("SELECT count(*)::int FROM publish_attempts WHERE schedule_item_id = \(id) AND outcome = 'UNKNOWN'") == 1)
            #expect(try await harness.count("SELECT count(*)::int FROM publish_attempts WHERE schedule_item_id = \(id) AND kind = 'RECONCILE' AND outcome = 'PUBLISHED'") == 1)
        }
    }

    @Test func aServerErrorStormIsRetriedWithBackoffThenPublishedOrGivenUp() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            let recovers = try await harness.items(3, for: account, due: Date())
            try await harness.faults(["errorRate": 1.0])
            let finished = try await harness.running([try harness.worker()], timeout: .seconds(60)) {
                if try await harness.count("SELECT count(*)::int FROM schedule_items WHERE attempt >= 2") == 3 {
                    try await harness.faults([:])
                }
                return try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'PUBLISHED'") == 3
            }
            let states = try await harness.statuses()
            #expect(finished, "\(states)")
            let counts = try await Self.publishCounts(harness, refIds: [account.refId])
            #expect(counts == Dictionary(uniqueKeysWithValues: recovers.map { ($0.text, 1) }))
            #expect(try await harness.count("SELECT count(*)::int FROM publish_attempts WHERE outcome = 'RETRY'") >= 3)

            // A storm that never ends: at most maxAttempts attempts, then FAILED missed_window.
            let doomed = try #require(try await harness.items(1, for: account, due: Date()).first)
            try await harness.faults(["errorRate": 1.0])
            let gaveUp = try await harness.running([try harness.worker { $0.retryPolicy.maxAttempts = 3 }], timeout: .seconds(60)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(doomed) AND status = 'FAILED'") == 1
            }
            #expect(gaveUp)
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(doomed) AND error_code = 'missed_window' AND attempt = 3") == 1)
            #expect(try await Self.publishCounts(harness, refIds: [account.refId])[doomed.text] == nil)
            try await harness.faults([:])
        }
    }

    @Test func rateLimitedPublishesWaitForRetryAfter() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            try await harness.items(3, for: account, due: Date())
            try await harness.faults(["rateLimitPerMinute": 1])
            let started = Date()
            let settled = try await harness.running([try harness.worker()], timeout: .seconds(30)) {
                let published = try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'PUBLISHED'")
                let waiting = try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'QUEUED' AND error_code = 'retrying'")
                return published == 1 && waiting == 2
            }
            let states = try await harness.statuses()
            #expect(settled, "\(states)")
            // The provider's Retry-After is a floor on the backoff.
            var dues: [Date] = []
            for try await due in try await harness.database.query("SELECT due_at FROM schedule_items WHERE status = 'QUEUED'").decode(Date.self) {
                dues.append(due)
            }
            #expect(dues.count == 2)
            #expect(dues.allSatisfy { $0 > started.addingTimeInterval(5) })
            try await harness.faults([:])
        }
    }

    @Test func anUnlinkedAccountFailsNeedsReconnectAndTheAccountsOtherItemsFailFast() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            try await harness.admin(.POST, "/sandbox/profiles/\(account.refId)/unlink", ["platform": "instagram"])
            let first = try #require(try await harness.items(1, for: account, due: Date(), platform: .instagram).first)
            let finished = try await harness.running([try harness.worker()], timeout: .seconds(30)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(first) AND status = 'FAILED'") == 1
            }
            #expect(finished)
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(first) AND error_code = 'needs_reconnect'") == 1)
            #expect(try await harness.count("SELECT count(*)::int FROM publishing_profiles WHERE account_id = \(account.id) AND status = 'NEEDS_RECONNECT'") == 1)
            #expect(try await harness.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(account.id) AND event_type = 'PUBLISHING_PROFILE_NEEDS_RECONNECT'") == 1)

            // The Facebook item is not even sent: the profile must be verified again first.
            let second = try #require(try await harness.items(1, for: account, due: Date(), platform: .facebook).first)
            let failedFast = try await harness.running([try harness.worker()], timeout: .seconds(30)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(second) AND status = 'FAILED'") == 1
            }
            #expect(failedFast)
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(second) AND error_code = 'publishing_profile_not_verified'") == 1)
            #expect(try await Self.publishCounts(harness, refIds: [account.refId]).isEmpty)
        }
    }

    @Test func verificationRefusesWithoutCallingTheProvider() async throws {
        try await PublishingHarness.run { harness in
            let changedProfile = try await harness.account()
            let mismatch = try #require(try await harness.items(1, for: changedProfile, due: Date()).first)
            // The owner verified another Page after scheduling.
            try await harness.database.query(
                "UPDATE publishing_profiles SET facebook_account_id = 'fb-another-page' WHERE account_id = \(changedProfile.id)"
            )
            let edited = try await harness.account()
            let contentChanged = try #require(try await harness.items(1, for: edited, due: Date()).first)
            try await harness.database.query(
                "UPDATE content_items SET caption = 'edited after approval' WHERE id = (SELECT content_item_id FROM schedule_items WHERE id = \(contentChanged))"
            )
            let lapsed = try await harness.account()
            let noPlan = try #require(try await harness.items(1, for: lapsed, due: Date()).first)
            try await harness.database.query("UPDATE accounts SET billing_status = 'PAST_DUE' WHERE id = \(lapsed.id)")

            let finished = try await harness.running([try harness.worker()], timeout: .seconds(30)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status = 'FAILED'") == 3
            }
            let states = try await harness.statuses()
            #expect(finished, "\(states)")
            for (id, code) in [(mismatch, "profile_mismatch"), (contentChanged, "content_changed"), (noPlan, "plan_does_not_allow_publishing")] {
                #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(id) AND error_code = \(code)") == 1, "\(code)")
            }
            #expect(try await harness.sandboxPosts().isEmpty, "the provider was called")
            #expect(try await harness.count("SELECT count(*)::int FROM audit_events WHERE event_type = 'POST_FAILED'") == 3)
        }
    }

    /// ESSENTIAL connects one platform: a profile verified for Instagram alone publishes there,
    /// and an item for the platform it does not name is refused without calling the provider.
    @Test func aOnePlatformEssentialAccountWithTheAddOnPublishes() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account(plan: .essential, platforms: [.instagram])
            let profile = try #require(try await PostgresSocialRepository(database: harness.database).publishingProfile(accountId: account.id))
            #expect(profile.facebookAccountId == nil && profile.instagramAccountId == account.instagram && profile.status == "VERIFIED")
            let published = try await harness.items(2, for: account, due: Date(), platform: .instagram)
            let unnamed = try #require(try await harness.items(1, for: account, due: Date(), platform: .facebook).first)
            let finished = try await harness.running([try harness.worker()], timeout: .seconds(30)) {
                try await harness.count("SELECT count(*)::int FROM schedule_items WHERE status IN ('PUBLISHED', 'FAILED')") == 3
            }
            let states = try await harness.statuses()
            #expect(finished, "\(states)")
            #expect(try await Self.publishCounts(harness, refIds: [account.refId]) == Dictionary(uniqueKeysWithValues: published.map { ($0.text, 1) }))
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(unnamed) AND error_code = 'profile_mismatch'") == 1)
        }
    }

    @Test func providerReportsApplyMonotonically() async throws {
        try await PublishingHarness.run { harness in
            let account = try await harness.account()
            let ids = try await harness.items(2, for: account, due: Date().addingTimeInterval(3600))
            let (published, unknown) = (ids[0], ids[1])
            try await harness.database.query(
                "UPDATE schedule_items SET status = 'PUBLISHED', provider_post_id = 'post-a', published_at = now() WHERE id = \(published)"
            )
            try await harness.database.query("UPDATE schedule_items SET status = 'UNKNOWN', provider_post_id = 'post-b' WHERE id = \(unknown)")
            func store(_ id: String, _ body: String) async throws {
                try await harness.database.query(
                    """
                    INSERT INTO webhook_events (source, event_id, account_id, event_type, payload, applied_at)
                    VALUES ('ayrshare', \(id), \(account.id), 'scheduled', \(body)::jsonb, NULL)
                    """
                )
            }
            // A late error for a published post changes nothing; a success settles the unknown one.
            try await store("e1", #"{"action":"scheduled","id":"post-a","status":"error","refId":"r","postIds":[],"errors":[{"code":110,"message":"late","platform":"facebook"}]}"#)
            try await store("e2", #"{"action":"scheduled","id":"post-b","status":"success","refId":"r","errors":[],"postIds":[{"status":"success","id":"fb-post-9","postUrl":"https://facebook.com/9","platform":"facebook"}]}"#)
            // A report about a post nobody has recorded yet waits.
            try await store("e3", #"{"action":"scheduled","id":"post-unseen","status":"success","refId":"r","errors":[],"postIds":[]}"#)
            let worker = try harness.worker()
            let (seen, settled) = try await worker.database.whileRunning {
                try await worker.reconciler.applyReports(limit: 10)
            }
            try await worker.providerHTTP.shutdown()
            #expect(seen == 3)
            #expect(settled == 2)
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(published) AND status = 'PUBLISHED'") == 1)
            #expect(try await harness.count("SELECT count(*)::int FROM schedule_items WHERE id = \(unknown) AND status = 'PUBLISHED' AND post_url = 'https://facebook.com/9'") == 1)
            #expect(try await harness.count("SELECT count(*)::int FROM webhook_events WHERE applied_at IS NOT NULL") == 2)
            #expect(try await harness.count("SELECT count(*)::int FROM webhook_events WHERE event_id = 'e3' AND applied_at IS NULL") == 1)
            #expect(try await harness.count("SELECT count(*)::int FROM audit_events WHERE event_type = 'POST_PUBLISHED'") == 1)
        }
    }
}

/// Lets exactly one caller through.
final class FlushOnce: Sendable {
    private let state = Mutex(false)

    func take() -> Bool {
        self.state.withLock { done in
            defer { done = true }
            return !done
        }
    }

    var happened: Bool { self.state.withLock { $0 } }
}

import Synchronization

@Suite struct TickScheduleTests {
    @Test func alignedTicksFallOnTheMinute() {
        let now = Date(timeIntervalSince1970: 1_800_000_037.25)
        #expect(Tick.delayToNextTick(now: now, interval: .seconds(60), aligned: true) == .milliseconds(22_750))
        let onTheMinute = Date(timeIntervalSince1970: 1_800_000_000 + 60 * 5)
        #expect(Tick.delayToNextTick(now: onTheMinute, interval: .seconds(60), aligned: true) == .seconds(60))
        #expect(Tick.delayToNextTick(now: now, interval: .milliseconds(500), aligned: false) == .milliseconds(500))
    }

    @Test func queueMembersRoundTrip() {
        let (account, item) = (UUID(), UUID())
        let parsed = Tick.parse(member: Tick.member(account, item))
        #expect(parsed?.accountId == account)
        #expect(parsed?.id == item)
        #expect(Tick.parse(member: "garbage") == nil)
        #expect(Tick.parse(member: "\(account.text):not-a-uuid") == nil)
    }
}
