import Foundation
import HTTPTypes
import PostgresNIO
import PulseCore
import PulseTestSupport
import Testing

@testable import PulseAPI

/// `…/schedule`: scheduling a month, refusals, dry run, idempotency, listing, reschedule and cancel.
@Suite(.serialized) struct ScheduleTests {
    /// The month after this one: its slots are all in the future.
    static var nextMonth: YearMonth {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Pacific/Auckland") ?? .gmt
        let next = calendar.date(byAdding: .month, value: 1, to: Date()) ?? Date()
        let parts = calendar.dateComponents([.year, .month], from: next)
        return YearMonth(year: parts.year ?? 2027, month: parts.month ?? 1) ?? YearMonth(year: 2027, month: 1)!
    }

    /// A verified account allowed to publish, with a posting rule and `count` approved items
    /// (each for Facebook and Instagram) in `month`.
    static func readyAccount(_ api: API, approved count: Int, month: YearMonth = Self.nextMonth, plan: Bool = true) async throws -> (Session, String) {
        let (owner, refId) = try await AyrshareWebhookTests.verifiedAccount(api)
        let accountId = try #require(UUID(uuidString: owner.accountId))
        if plan {
            try await api.services.database.query("UPDATE accounts SET posting_addon = true, billing_status = 'ACTIVE' WHERE id = \(accountId)")
        }
        let rule = try await api.call(
            .put, "/api/accounts/\(owner.accountId)/posting-rules", token: owner.accessToken,
            json: ["frequency": "TWICE_WEEKLY", "daysOfWeek": [2, 4], "timeWindow": "MORNING"]
        )
        try #require(rule.status == 200)
        try await Self.approve(api, count, accountId: accountId, userId: try #require(UUID(uuidString: owner.userId)), month: month)
        return (owner, refId)
    }

    static func approve(_ api: API, _ count: Int, accountId: UUID, userId: UUID, month: YearMonth) async throws {
        for index in 0..<count {
            let caption = "Fresh bread number \(index)"
            try await api.services.database.query(
                """
                INSERT INTO content_items (account_id, id, month, title, caption, hashtags, media_url, platform_targets, status,
                                           approved_by, approved_at, approved_hash, position)
                VALUES (\(accountId), \(UUID()), \(month.description), 'Bread', \(caption), ARRAY['bread'], 'https://media.example.com/b.png',
                        ARRAY['FACEBOOK', 'INSTAGRAM'], 'APPROVED', \(userId), now(),
                        content_fingerprint('Bread', \(caption), ARRAY['bread'], 'https://media.example.com/b.png', ARRAY['FACEBOOK', 'INSTAGRAM']),
                        \(Int32(index)))
                """
            )
        }
    }

    static func items(_ reply: Reply) -> [[String: Any]] {
        reply.json["items"] as? [[String: Any]] ?? []
    }

    @Test func schedulingFreezesTheProfileIsAtomicAndRunningItAgainAddsNothing() async throws {
        try await withAPI { api in
            let (owner, refId) = try await Self.readyAccount(api, approved: 3)
            let base = "/api/accounts/\(owner.accountId)"
            let month = Self.nextMonth.description
            let reply = try await api.call(.post, "\(base)/schedule", token: owner.accessToken, json: ["month": month])
            #expect(reply.status == 201)
            let items = Self.items(reply)
            #expect(items.count == 6)
            #expect(items.allSatisfy { $0["providerProfileId"] as? String == refId && $0["status"] as? String == "QUEUED" })
            #expect(Set(items.compactMap { $0["platform"] as? String }) == ["FACEBOOK", "INSTAGRAM"])
            #expect(Set(items.compactMap { $0["targetAccountId"] as? String }) == ["fb", "ig"])
            // One slot per content item, both platforms at the same minute, on the rule's days.
            let slots = Set(items.compactMap { $0["scheduledFor"] as? String })
            #expect(slots.count == 3)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            #expect(try await api.count("SELECT count(*)::int FROM content_items WHERE account_id = \(accountId) AND status = 'SCHEDULED'") == 3)
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'POSTS_SCHEDULED'") == 1)

            let again = try await api.call(.post, "\(base)/schedule", token: owner.accessToken, json: ["month": month])
            #expect(again.status == 201)
            #expect(Self.items(again).isEmpty)
            #expect(try await api.count("SELECT count(*)::int FROM schedule_items WHERE account_id = \(accountId)") == 6)
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'POSTS_SCHEDULED'") == 1)

            // Newly approved content takes the next free slots, not the taken ones.
            try await Self.approve(api, 1, accountId: accountId, userId: try #require(UUID(uuidString: owner.userId)), month: Self.nextMonth)
            let more = try await api.call(.post, "\(base)/schedule", token: owner.accessToken, json: ["month": month])
            #expect(Self.items(more).count == 2)
            #expect(Set(Self.items(more).compactMap { $0["scheduledFor"] as? String }).isDisjoint(with: slots))

            // The database refuses a second live item for the same content and platform.
            await #expect(throws: PSQLError.self) {
                try await api.services.database.query(
                    """
                    INSERT INTO schedule_items (account_id, id, content_item_id, month, platform, scheduled_for, due_at, provider_profile_id, target_account_id, status)
                    SELECT account_id, gen_random_uuid(), content_item_id, month, platform, scheduled_for, due_at, provider_profile_id, target_account_id, 'QUEUED'
                    FROM schedule_items WHERE account_id = \(accountId) LIMIT 1
                    """
                )
            }
        }
    }

    @Test func moreContentThanSlotsLeavesTheRestApproved() async throws {
        try await withAPI { api in
            let (owner, _) = try await Self.readyAccount(api, approved: 12)
            let reply = try await api.call(
                .post, "/api/accounts/\(owner.accountId)/schedule", token: owner.accessToken, json: ["month": Self.nextMonth.description]
            )
            #expect(reply.status == 201)
            let slotCount = try #require(reply.json["slotCount"] as? Int)
            // Twice a week: 8 to 10 slots in a month.
            #expect((8...10).contains(slotCount))
            #expect(Self.items(reply).count == 2 * slotCount)
            #expect((reply.json["unscheduledContentIds"] as? [String])?.count == 12 - slotCount)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            #expect(try await api.count("SELECT count(*)::int FROM content_items WHERE account_id = \(accountId) AND status = 'APPROVED'") == 12 - slotCount)
        }
    }

    @Test func dryRunReturnsThePlanAndWritesNothing() async throws {
        try await withAPI { api in
            let (owner, _) = try await Self.readyAccount(api, approved: 2)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            let reply = try await api.call(
                .post, "/api/accounts/\(owner.accountId)/schedule", token: owner.accessToken,
                json: ["month": Self.nextMonth.description, "dryRun": true]
            )
            #expect(reply.status == 200)
            #expect(reply.json["dryRun"] as? Bool == true)
            #expect(Self.items(reply).count == 4)
            #expect(try await api.count("SELECT count(*)::int FROM schedule_items WHERE account_id = \(accountId)") == 0)
            #expect(try await api.count("SELECT count(*)::int FROM content_items WHERE account_id = \(accountId) AND status = 'APPROVED'") == 2)
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'POSTS_SCHEDULED'") == 0)
        }
    }

    @Test func refusalsSayWhatIsMissingAndWriteNothing() async throws {
        try await withAPI { api in
            // No verified publishing profile.
            let plain = try await api.signup()
            let unverified = try await api.call(
                .post, "/api/accounts/\(plain.accountId)/schedule", token: plain.accessToken, json: ["month": Self.nextMonth.description]
            )
            #expect(unverified.status == 409)
            #expect(unverified.errorCode == "publishing_profile_not_verified")

            // Verified, but the plan does not include publishing.
            let (noPlan, _) = try await Self.readyAccount(api, approved: 1, plan: false)
            let refused = try await api.call(
                .post, "/api/accounts/\(noPlan.accountId)/schedule", token: noPlan.accessToken, json: ["month": Self.nextMonth.description]
            )
            #expect(refused.status == 409)
            #expect(refused.errorCode == "plan_does_not_allow_publishing")
            let accountId = try #require(UUID(uuidString: noPlan.accountId))
            #expect(try await api.count("SELECT count(*)::int FROM schedule_items WHERE account_id = \(accountId)") == 0)

            // A profile that needs reconnecting is not verified.
            let (broken, _) = try await Self.readyAccount(api, approved: 1)
            let brokenId = try #require(UUID(uuidString: broken.accountId))
            try await api.services.database.query("UPDATE publishing_profiles SET status = 'NEEDS_RECONNECT' WHERE account_id = \(brokenId)")
            let reconnect = try await api.call(
                .post, "/api/accounts/\(broken.accountId)/schedule", token: broken.accessToken, json: ["month": Self.nextMonth.description]
            )
            #expect(reconnect.errorCode == "publishing_profile_not_verified")

            // Bad input.
            for body: [String: any Sendable] in [["month": "2026-13"], ["month": "next"], [:], ["month": "2026-12", "dryRun": "yes"]] {
                let bad = try await api.call(.post, "/api/accounts/\(broken.accountId)/schedule", token: broken.accessToken, json: body)
                #expect(bad.status == 422 || bad.status == 400, "\(body)")
            }
            // A MEMBER may not schedule.
            let member = try await api.signup()
            try await api.addMember(member, to: broken.accountId, role: .member, as: broken)
            let forbidden = try await api.call(
                .post, "/api/accounts/\(broken.accountId)/schedule", token: member.accessToken, json: ["month": Self.nextMonth.description]
            )
            #expect(forbidden.status == 403)
        }
    }

    @Test func anIdempotencyKeyReplaysTheFirstAnswer() async throws {
        try await withAPI { api in
            let (owner, _) = try await Self.readyAccount(api, approved: 2)
            let path = "/api/accounts/\(owner.accountId)/schedule"
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "schedule-\(UUID())"]
            let first = try await api.call(.post, path, token: owner.accessToken, json: ["month": Self.nextMonth.description], headers: key)
            #expect(first.status == 201)
            let replay = try await api.call(.post, path, token: owner.accessToken, json: ["month": Self.nextMonth.description], headers: key)
            #expect(replay.status == 201)
            #expect(replay.json["replayed"] as? Bool == true)
            #expect(Set(Self.items(replay).compactMap { $0["id"] as? String }) == Set(Self.items(first).compactMap { $0["id"] as? String }))
            let other = try await api.call(.post, path, token: owner.accessToken, json: ["month": "2031-01"], headers: key)
            #expect(other.status == 422)
            #expect(other.errorCode == "idempotency_key_reused")
        }
    }

    @Test func listShowRescheduleAndCancel() async throws {
        try await withAPI { api in
            let (owner, _) = try await Self.readyAccount(api, approved: 2)
            let base = "/api/accounts/\(owner.accountId)"
            let accountId = try #require(UUID(uuidString: owner.accountId))
            let month = Self.nextMonth.description
            _ = try await api.call(.post, "\(base)/schedule", token: owner.accessToken, json: ["month": month])
            let listed = try await api.call(.get, "\(base)/schedule?month=\(month)", token: owner.accessToken)
            #expect(Self.items(listed).count == 4)
            #expect(Self.items(try await api.call(.get, "\(base)/schedule?month=2030-01", token: owner.accessToken)).isEmpty)
            #expect(Self.items(try await api.call(.get, "\(base)/schedule?status=QUEUED", token: owner.accessToken)).count == 4)
            #expect(try await api.call(.get, "\(base)/schedule?status=NOPE", token: owner.accessToken).status == 400)
            #expect(try await api.call(.get, "\(base)/schedule?month=12-2026", token: owner.accessToken).status == 400)

            let first = try #require(Self.items(listed).first)
            let id = try #require(first["id"] as? String)
            let shown = try await api.call(.get, "\(base)/schedule/\(id)", token: owner.accessToken)
            #expect(shown.status == 200)
            #expect((shown.json["attempts"] as? [Any])?.isEmpty == true)
            // Attempts are listed in order, with what each one found.
            let itemId = try #require(UUID(uuidString: id))
            try await api.services.database.query(
                """
                INSERT INTO publish_attempts (account_id, schedule_item_id, attempt, kind, worker_id, started_at, finished_at, outcome, http_status, error_code, message)
                VALUES (\(accountId), \(itemId), 1, 'PUBLISH', 'w-1', now(), now(), 'RETRY', 503, 'retrying', 'provider error (HTTP 503)'),
                       (\(accountId), \(itemId), 1, 'RECONCILE', 'w-2', now(), now(), 'PUBLISHED', NULL, NULL, NULL)
                """
            )
            let attempts = try await api.call(.get, "\(base)/schedule/\(id)", token: owner.accessToken).json["attempts"] as? [[String: Any]] ?? []
            #expect(attempts.map { $0["outcome"] as? String } == ["RETRY", "PUBLISHED"])
            #expect(attempts.first?["httpStatus"] as? Int == 503)
            #expect(attempts.last?["kind"] as? String == "RECONCILE")
            // Another account's member sees none of it.
            let stranger = try await api.signup()
            #expect(try await api.call(.get, "/api/accounts/\(stranger.accountId)/schedule/\(id)", token: stranger.accessToken).status == 404)

            // Reschedule.
            let when = Timestamp.text(Date().addingTimeInterval(3 * 86400).addingTimeInterval(-Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60)))
            let moved = try await api.call(.patch, "\(base)/schedule/\(id)", token: owner.accessToken, json: ["scheduledFor": when])
            #expect(moved.status == 200)
            #expect(moved.string("status") == "QUEUED")
            #expect(Timestamp.parse(moved.string("scheduledFor") ?? "").map(Timestamp.text) == when)
            for bad in ["yesterday", Timestamp.text(Date().addingTimeInterval(-3600))] {
                let refused = try await api.call(.patch, "\(base)/schedule/\(id)", token: owner.accessToken, json: ["scheduledFor": bad])
                #expect(refused.status == 422)
                #expect(refused.errorFields == ["scheduledFor"])
            }
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'SCHEDULE_ITEM_RESCHEDULED'") == 1)

            // Cancel both items of one content item: the content is approved again and the
            // next run places it again.
            let contentId = try #require(first["contentItemId"] as? String)
            for item in Self.items(listed) where item["contentItemId"] as? String == contentId {
                let cancelled = try await api.call(.delete, "\(base)/schedule/\(try #require(item["id"] as? String))", token: owner.accessToken)
                #expect(cancelled.status == 200)
                #expect(cancelled.string("status") == "CANCELLED")
            }
            #expect(try await api.count("SELECT count(*)::int FROM content_items WHERE account_id = \(accountId) AND status = 'APPROVED'") == 1)
            let rerun = try await api.call(.post, "\(base)/schedule", token: owner.accessToken, json: ["month": month])
            #expect(Self.items(rerun).count == 2)
            #expect(Self.items(rerun).allSatisfy { $0["contentItemId"] as? String == contentId })

            // Once publishing has started, neither is allowed.
            let other = try #require(Self.items(listed).first { $0["contentItemId"] as? String != contentId }?["id"] as? String)
            let otherId = try #require(UUID(uuidString: other))
            try await api.services.database.query(
                """
                UPDATE schedule_items SET status = 'PUBLISHING', attempt = 1, lease_owner = 'test', lease_until = now() + interval '1 day'
                WHERE id = \(otherId)
                """
            )
            let late = try await api.call(.delete, "\(base)/schedule/\(other)", token: owner.accessToken)
            #expect(late.status == 409)
            #expect(late.errorCode == "schedule_item_not_changeable")
            #expect(try await api.call(.patch, "\(base)/schedule/\(other)", token: owner.accessToken, json: ["scheduledFor": when]).status == 409)
            #expect(try await api.call(.delete, "\(base)/schedule/\(UUID())", token: owner.accessToken).status == 404)
            // Leave nothing a worker elsewhere could pick up.
            try await api.services.database.query("UPDATE schedule_items SET status = 'CANCELLED', lease_owner = NULL, lease_until = NULL WHERE id = \(otherId)")
        }
    }
}
