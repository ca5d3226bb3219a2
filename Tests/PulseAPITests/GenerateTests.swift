import Foundation
import HTTPTypes
import PostgresNIO
import PulseCore
import PulseTestSupport
import Testing

@testable import PulseAPI

/// `POST …/briefs/{id}/generate` and `GET …/jobs/{id}`: queueing, idempotency and the budget's
/// refusals (the worker's side is in PulseWorkerTests).
@Suite(.serialized) struct GenerateTests {
    static let key = HTTPField.Name("Idempotency-Key")!

    /// Spend `micros` in this UTC month, for `accountId` (or a throwaway account).
    static func spend(_ api: API, micros: Int64, accountId: UUID) async throws {
        let month = YearMonth(utc: Date()).description
        try await api.services.database.query(
            """
            INSERT INTO ai_spend_ledger (account_id, month, provider, model, units, cost_micros, succeeded)
            VALUES (\(accountId), \(month), 'openai', 'test', 1000, \(micros), true)
            """
        )
    }

    @Test func generateQueuesOneJobAndRepeatsAnswerWithIt() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let briefId = try await BriefTests.create(api, owner)
            var headers = HTTPFields()
            headers[Self.key] = "gen-1"
            let first = try await api.call(.post, "\(base)/briefs/\(briefId)/generate", token: owner.accessToken, headers: headers)
            #expect(first.status == 202)
            let jobId = try #require(first.string("jobId"))
            #expect(first.string("status") == "queued")
            // The same key, and a second click without one while the job waits, both get the same job.
            let replay = try await api.call(.post, "\(base)/briefs/\(briefId)/generate", token: owner.accessToken, headers: headers)
            #expect(replay.status == 202)
            #expect(replay.string("jobId") == jobId)
            let click = try await api.call(.post, "\(base)/briefs/\(briefId)/generate", token: owner.accessToken)
            #expect(click.string("jobId") == jobId)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            #expect(try await api.count("SELECT count(*)::int FROM jobs WHERE account_id = \(accountId)") == 1)
            // The same key for another brief is a different request.
            let other = try await BriefTests.create(api, owner, month: "2027-04")
            let reused = try await api.call(.post, "\(base)/briefs/\(other)/generate", token: owner.accessToken, headers: headers)
            #expect(reused.status == 422)
            #expect(reused.errorCode == "idempotency_key_reused")

            let job = try await api.call(.get, "\(base)/jobs/\(jobId)", token: owner.accessToken)
            #expect(job.status == 200)
            #expect(job.string("kind") == "GENERATE_BATCH")
            #expect(job.string("status") == "queued")
            #expect(job.json["progress"] as? Int == 0)
            #expect(job.string("briefId") == briefId)
            // Another account sees nothing.
            let stranger = try await api.signup(accountName: "Stranger")
            #expect(try await api.call(.get, "/api/accounts/\(stranger.accountId)/jobs/\(jobId)", token: stranger.accessToken).status == 404)
            #expect(try await api.call(.post, "/api/accounts/\(stranger.accountId)/briefs/\(briefId)/generate", token: stranger.accessToken).status == 404)
        }
    }

    @Test func aKeyAnsweredWithALiveJobStillReplaysItAfterTheJobEnds() async throws {
        try await withAPI(overrides: ["AI_ACCOUNT_MONTHLY_CAP_USD": "1"]) { api in
            let owner = try await api.signup()
            let accountId = try #require(UUID(uuidString: owner.accountId))
            let path = "/api/accounts/\(owner.accountId)/briefs/\(try await BriefTests.create(api, owner))/generate"
            let first = try await api.call(.post, path, token: owner.accessToken)
            var headers = HTTPFields()
            headers[Self.key] = "retry-me"
            let keyed = try await api.call(.post, path, token: owner.accessToken, headers: headers)
            #expect(keyed.string("jobId") == first.string("jobId"))
            try await api.services.database.query("UPDATE jobs SET status = 'succeeded' WHERE account_id = \(accountId)")
            // Even once the budget would refuse a new generation, the retry gets the first answer.
            try await Self.spend(api, micros: 1_000_000, accountId: accountId)
            let retry = try await api.call(.post, path, token: owner.accessToken, headers: headers)
            #expect(retry.status == 202)
            #expect(retry.string("jobId") == first.string("jobId"))
            #expect(try await api.count("SELECT count(*)::int FROM jobs WHERE account_id = \(accountId)") == 1)
            #expect(try await api.call(.post, path, token: owner.accessToken).status == 402)
        }
    }

    @Test func anAccountPastItsAICapGets402AndNothingIsQueued() async throws {
        try await withAPI(overrides: ["AI_ACCOUNT_MONTHLY_CAP_USD": "2"]) { api in
            let owner = try await api.signup()
            let accountId = try #require(UUID(uuidString: owner.accountId))
            let briefId = try await BriefTests.create(api, owner)
            try await Self.spend(api, micros: 1_999_999, accountId: accountId)
            let under = try await api.call(.post, "/api/accounts/\(owner.accountId)/briefs/\(briefId)/generate", token: owner.accessToken)
            #expect(under.status == 202)
            try await api.services.database.query("UPDATE jobs SET status = 'succeeded' WHERE account_id = \(accountId)")
            try await Self.spend(api, micros: 1, accountId: accountId)
            let over = try await api.call(.post, "/api/accounts/\(owner.accountId)/briefs/\(briefId)/generate", token: owner.accessToken)
            #expect(over.status == 402)
            #expect(over.errorCode == "ai_budget_exhausted")
            #expect(try await api.count("SELECT count(*)::int FROM jobs WHERE account_id = \(accountId)") == 1)
        }
    }

    @Test func aLowGlobalBudgetAllowsFewerRegenerations() async throws {
        // 70 %: one regeneration; 85 %: none.
        try await withAPI(overrides: ["AI_MONTHLY_BUDGET_USD": "100000", "AI_REGENERATIONS_PER_BRIEF": "3"]) { api in
            let owner = try await api.signup()
            let accountId = try #require(UUID(uuidString: owner.accountId))
            let briefId = try #require(UUID(uuidString: try await BriefTests.create(api, owner)))
            let path = "/api/accounts/\(owner.accountId)/briefs/\(briefId.uuidString)/generate"
            // Everyone else's spend counts against the global budget.
            let other = try await api.signup(accountName: "Big spender")
            let otherId = try #require(UUID(uuidString: other.accountId))
            let (global, _) = try await self.standing(api)
            try await Self.spend(api, micros: max(0, 75_000_000_000 - global), accountId: otherId)
            try await api.services.database.query("UPDATE monthly_briefs SET generation_count = 2 WHERE account_id = \(accountId) AND id = \(briefId)")
            let second = try await api.call(.post, path, token: owner.accessToken)
            #expect(second.status == 402)
            #expect(second.errorCode == "ai_budget_exhausted")
            try await api.services.database.query("UPDATE monthly_briefs SET generation_count = 1 WHERE account_id = \(accountId) AND id = \(briefId)")
            #expect(try await api.call(.post, path, token: owner.accessToken).status == 202)
            try await api.services.database.query("UPDATE jobs SET status = 'succeeded' WHERE account_id = \(accountId)")
            try await Self.spend(api, micros: 10_000_000_000, accountId: otherId)
            #expect(try await api.call(.post, path, token: owner.accessToken).status == 402)
            // A first generation is never refused for the ladder.
            let fresh = try await BriefTests.create(api, owner, month: "2027-09")
            #expect(try await api.call(.post, "/api/accounts/\(owner.accountId)/briefs/\(fresh)/generate", token: owner.accessToken).status == 202)
            // The spend rows are this test's; take them out so the global budget of later tests is untouched.
            try await api.services.database.query("DELETE FROM ai_spend_ledger WHERE account_id = \(otherId)")
        }
    }

    func standing(_ api: API) async throws -> (Int64, Int64) {
        let rows = try await api.services.database.query(
            "SELECT COALESCE(sum(cost_micros), 0)::bigint, 0::bigint FROM ai_spend_ledger WHERE month = \(YearMonth(utc: Date()).description)"
        ).collect()
        return try rows.first?.decode((Int64, Int64).self) ?? (0, 0)
    }

    @Test func generatingAMissingBriefIs404AndMembersMayGenerate() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let member = try await api.signup(accountName: "Member's own")
            try await api.addMember(member, to: owner.accountId, role: .member, as: owner)
            let base = "/api/accounts/\(owner.accountId)"
            #expect(try await api.call(.post, "\(base)/briefs/\(UUID().uuidString)/generate", token: owner.accessToken).status == 404)
            let briefId = try await BriefTests.create(api, owner)
            #expect(try await api.call(.post, "\(base)/briefs/\(briefId)/generate", token: member.accessToken).status == 202)
        }
    }
}
