import Foundation
import HTTPTypes
import PostgresNIO
import PulseCore
import PulseTestSupport
import Testing

@testable import PulseAPI

/// `…/briefs`: create, read, change and delete monthly briefs; PII never stored.
@Suite(.serialized) struct BriefTests {
    static func body(month: String = "2027-03", notes: String? = nil, promo: Bool = false) -> [String: any Sendable] {
        var body: [String: any Sendable] = [
            "month": month, "primaryFocus": "NEW_CLIENTS", "promoEnabled": promo, "tone": "NEUTRAL",
            "platformTargets": ["FACEBOOK", "INSTAGRAM"],
        ]
        if let notes { body["notes"] = notes }
        if promo { body["promoDetails"] = "20% off sourdough all month" }
        return body
    }

    /// A brief for `month` in the owner's account; returns its id.
    static func create(_ api: API, _ owner: Session, month: String = "2027-03", promo: Bool = false) async throws -> String {
        let reply = try await api.call(.post, "/api/accounts/\(owner.accountId)/briefs", token: owner.accessToken, json: Self.body(month: month, promo: promo))
        try #require(reply.status == 201, "creating a brief failed: \(reply.body)")
        return try #require(reply.string("id"))
    }

    @Test func createScrubsPersonalDataBeforeStoringAndListsTheBrief() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let notes = "Call Sarah on 021 555 0199 or email sarah.jones@kiwi-cafe.co.nz. Open 7am-3pm, flat whites $5.50."
            let reply = try await api.call(.post, "\(base)/briefs", token: owner.accessToken, json: Self.body(notes: notes, promo: true))
            #expect(reply.status == 201)
            let stored = try #require(reply.string("notes"))
            #expect(!stored.contains("021 555 0199") && !stored.contains("sarah.jones@"))
            #expect(stored.contains("[phone]") && stored.contains("[email]") && stored.contains("$5.50") && stored.contains("7am-3pm"))
            #expect(reply.string("promoDetails") == "20% off sourdough all month")
            #expect(reply.json["generationCount"] as? Int == 0)
            // The raw text is nowhere in the database, not even in the audit log.
            let accountId = try #require(UUID(uuidString: owner.accountId))
            #expect(try await api.count("SELECT count(*)::int FROM monthly_briefs WHERE account_id = \(accountId) AND notes_redacted LIKE '%0199%'") == 0)
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND metadata::text LIKE '%sarah%'") == 0)
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'BRIEF_CREATED'") == 1)

            let list = try await api.call(.get, "\(base)/briefs", token: owner.accessToken)
            #expect((list.json["briefs"] as? [[String: Any]])?.count == 1)
            let id = try #require(reply.string("id"))
            #expect(try await api.call(.get, "\(base)/briefs/\(id)", token: owner.accessToken).string("month") == "2027-03")
        }
    }

    @Test func aSecondBriefForTheSameMonthIsAConflict() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            _ = try await Self.create(api, owner)
            let again = try await api.call(.post, "/api/accounts/\(owner.accountId)/briefs", token: owner.accessToken, json: Self.body())
            #expect(again.status == 409)
            #expect(again.errorCode == "brief_exists")
            // Moving another brief onto the taken month is refused the same way.
            let other = try await Self.create(api, owner, month: "2027-04")
            let moved = try await api.call(.patch, "/api/accounts/\(owner.accountId)/briefs/\(other)", token: owner.accessToken, json: ["month": "2027-03"])
            #expect(moved.status == 409)
            #expect(moved.errorCode == "brief_exists")
        }
    }

    @Test(arguments: [
        (["month": "2027-13"], "month"), (["primaryFocus": "EVERYTHING"], "primaryFocus"), (["tone": "SHOUTY"], "tone"),
        (["platformTargets": [String]()], "platformTargets"), (["platformTargets": ["TIKTOK"]], "platformTargets"),
        (["platformTargets": ["FACEBOOK", "FACEBOOK"]], "platformTargets"), (["notes": String(repeating: "a", count: 4001)], "notes"),
    ] as [([String: any Sendable], String)])
    func badFieldsAre422AndChangeNothing(change: [String: any Sendable], field: String) async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let accountId = try #require(UUID(uuidString: owner.accountId))
            let reply = try await api.call(.post, "/api/accounts/\(owner.accountId)/briefs", token: owner.accessToken, json: Self.body().merging(change) { $1 })
            #expect(reply.status == 422)
            #expect(reply.errorFields.contains(field))
            #expect(try await api.count("SELECT count(*)::int FROM monthly_briefs WHERE account_id = \(accountId)") == 0)
        }
    }

    @Test func aPromotionNeedsItsDetails() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            var body = Self.body()
            body["promoEnabled"] = true
            let reply = try await api.call(.post, "/api/accounts/\(owner.accountId)/briefs", token: owner.accessToken, json: body)
            #expect(reply.status == 422)
            #expect(reply.errorFields == ["promoDetails"])
            let id = try await Self.create(api, owner)
            let patch = try await api.call(.patch, "/api/accounts/\(owner.accountId)/briefs/\(id)", token: owner.accessToken, json: ["promoEnabled": true])
            #expect(patch.status == 422)
            // A limit counts what is stored: a note of placeholders that outgrow their originals is refused by field.
            let emails = Array(repeating: "a@b.co", count: 600).joined(separator: " ")
            let grown = try await api.call(.patch, "/api/accounts/\(owner.accountId)/briefs/\(id)", token: owner.accessToken, json: ["notes": emails])
            #expect(grown.status == 422)
            #expect(grown.errorFields == ["notes"])
        }
    }

    @Test func aBriefCannotChangeOrGoWhileItsBatchIsBeingGenerated() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let id = try await Self.create(api, owner)
            #expect(try await api.call(.post, "\(base)/briefs/\(id)/generate", token: owner.accessToken).status == 202)
            let patch = try await api.call(.patch, "\(base)/briefs/\(id)", token: owner.accessToken, json: ["month": "2027-08"])
            #expect(patch.status == 409)
            #expect(patch.errorCode == "generation_in_progress")
            let delete = try await api.call(.delete, "\(base)/briefs/\(id)", token: owner.accessToken)
            #expect(delete.status == 409)
            #expect(delete.errorCode == "generation_in_progress")
            #expect(try await api.call(.get, "\(base)/briefs/\(id)", token: owner.accessToken).string("month") == "2027-03")
        }
    }

    @Test func missingFieldsAre422() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let reply = try await api.call(.post, "/api/accounts/\(owner.accountId)/briefs", token: owner.accessToken, json: ["month": "2027-03"])
            #expect(reply.status == 422)
            #expect(Set(reply.errorFields).isSuperset(of: ["primaryFocus", "tone", "platformTargets"]))
        }
    }

    @Test func patchChangesOnlyWhatItNamesAndScrubs() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let id = try await Self.create(api, owner)
            let reply = try await api.call(
                .patch, "/api/accounts/\(owner.accountId)/briefs/\(id)", token: owner.accessToken,
                json: ["tone": "EDUCATIONAL", "notes": "Ask for Jo at jo@example.com"]
            )
            #expect(reply.status == 200)
            #expect(reply.string("tone") == "EDUCATIONAL")
            #expect(reply.string("primaryFocus") == "NEW_CLIENTS")
            #expect(reply.string("notes") == "Ask for Jo at [email]")
        }
    }

    @Test func deletingRemovesDraftsButNotOnceContentIsApproved() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let id = try await Self.create(api, owner)
            let ids = try await ContentTests.drafts(api, owner, briefId: id, count: 2)
            let delete = try await api.call(.delete, "\(base)/briefs/\(id)", token: owner.accessToken)
            #expect(delete.status == 204)
            #expect(try await api.call(.get, "\(base)/content/\(ids[0])", token: owner.accessToken).status == 404)

            let kept = try await Self.create(api, owner, month: "2027-05")
            let keptIds = try await ContentTests.drafts(api, owner, briefId: kept, count: 2)
            let approve = try await api.call(.post, "\(base)/briefs/\(kept)/approve", token: owner.accessToken, json: ["contentIds": [keptIds[0]]])
            #expect(approve.status == 200)
            let refused = try await api.call(.delete, "\(base)/briefs/\(kept)", token: owner.accessToken)
            #expect(refused.status == 409)
            #expect(refused.errorCode == "brief_has_approved_content")
            #expect(try await api.call(.get, "\(base)/content/\(keptIds[1])", token: owner.accessToken).status == 200)
        }
    }
}
