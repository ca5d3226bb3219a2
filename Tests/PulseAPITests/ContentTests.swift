import Foundation
import HTTPTypes
import PostgresNIO
import PulseCore
import PulseTestSupport
import Testing

@testable import PulseAPI

/// `…/content` and approval: editing, batch and partial approval, changes requested, the state
/// machine's refusals and who may do what.
@Suite(.serialized) struct ContentTests {
    /// `count` DRAFT items in the brief, as a generation would leave them; returns their ids.
    static func drafts(_ api: API, _ owner: Session, briefId: String, count: Int, targets: [String] = ["FACEBOOK", "INSTAGRAM"]) async throws -> [String] {
        let accountId = try #require(UUID(uuidString: owner.accountId))
        let brief = try #require(UUID(uuidString: briefId))
        var ids: [String] = []
        for index in 0..<count {
            let id = UUID()
            try await api.services.database.query(
                """
                INSERT INTO content_items (account_id, id, brief_id, month, title, caption, hashtags, platform_targets, status, position)
                SELECT \(accountId), \(id), \(brief), month, \("Post \(index)"), \("Caption number \(index)"), ARRAY['bakery'], \(targets), 'DRAFT', \(Int32(index))
                FROM monthly_briefs WHERE account_id = \(accountId) AND id = \(brief)
                """
            )
            ids.append(id.uuidString.lowercased())
        }
        return ids
    }

    static func items(_ reply: Reply) -> [[String: Any]] {
        reply.json["items"] as? [[String: Any]] ?? []
    }

    @Test func approvingABatchRecordsWhoWhenAndAHashWithOneAuditEvent() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let briefId = try await BriefTests.create(api, owner)
            let ids = try await Self.drafts(api, owner, briefId: briefId, count: 3)
            let reply = try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken)
            #expect(reply.status == 200)
            #expect(Set(reply.json["approved"] as? [String] ?? []) == Set(ids))
            let list = Self.items(try await api.call(.get, "\(base)/content?month=2027-03&status=APPROVED", token: owner.accessToken))
            #expect(list.count == 3)
            #expect(list.allSatisfy { $0["approvedBy"] as? String == owner.userId && $0["approvedAt"] is String })
            let accountId = try #require(UUID(uuidString: owner.accountId))
            // The stored hash is the fingerprint the worker checks before publishing.
            #expect(try await api.count(
                """
                SELECT count(*)::int FROM content_items WHERE account_id = \(accountId)
                AND approved_hash = content_fingerprint(title, caption, hashtags, media_url, platform_targets)
                """
            ) == 3)
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'CONTENT_APPROVED'") == 1)
            #expect(try await api.count(
                "SELECT jsonb_array_length(metadata->'contentItemIds')::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'CONTENT_APPROVED'"
            ) == 3)
            // Nothing is left to approve.
            let again = try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken)
            #expect(again.status == 409)
            #expect(again.errorCode == "nothing_to_approve")
        }
    }

    @Test func partialApprovalApprovesOnlyTheListedDrafts() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let briefId = try await BriefTests.create(api, owner)
            let ids = try await Self.drafts(api, owner, briefId: briefId, count: 4)
            let reply = try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken, json: ["contentIds": [ids[1], ids[2]]])
            #expect(reply.status == 200)
            #expect(Set(reply.json["approved"] as? [String] ?? []) == [ids[1], ids[2]])
            let drafts = Self.items(try await api.call(.get, "\(base)/content?status=DRAFT", token: owner.accessToken))
            #expect(Set(drafts.compactMap { $0["id"] as? String }) == [ids[0], ids[3]])
            // Approving an approved item again is a state-machine refusal, and nothing changes.
            let refused = try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken, json: ["contentIds": [ids[0], ids[1]]])
            #expect(refused.status == 409)
            #expect(refused.errorCode == "content_state_conflict")
            #expect(try await api.call(.get, "\(base)/content/\(ids[0])", token: owner.accessToken).string("status") == "DRAFT")
            // Content of another brief, or no content at all, is a 422.
            let stranger = try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken, json: ["contentIds": [UUID().uuidString]])
            #expect(stranger.status == 422)
            let malformed = try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken, json: ["contentIds": ["nope"]])
            #expect(malformed.status == 422)
        }
    }

    @Test func membersCannotApproveAndAdminsOnlyWhereTheAccountAllows() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let member = try await api.signup(accountName: "Member's own")
            let admin = try await api.signup(accountName: "Admin's own")
            try await api.addMember(member, to: owner.accountId, role: .member, as: owner)
            try await api.addMember(admin, to: owner.accountId, role: .admin, as: owner)
            let base = "/api/accounts/\(owner.accountId)"
            let briefId = try await BriefTests.create(api, owner)
            let ids = try await Self.drafts(api, owner, briefId: briefId, count: 2)
            #expect(try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: member.accessToken).status == 403)
            #expect(try await api.call(.post, "\(base)/content/\(ids[0])/request-changes", token: member.accessToken, json: ["comment": "No"]).status == 403)
            #expect(try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: admin.accessToken).status == 403)
            // A member may still edit drafts.
            #expect(try await api.call(.patch, "\(base)/content/\(ids[0])", token: member.accessToken, json: ["title": "Member's title"]).status == 200)
            let settings = try await api.call(.patch, base, token: owner.accessToken, json: ["settings": ["adminsCanApprove": true]])
            #expect(settings.status == 200)
            let approved = try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: admin.accessToken)
            #expect(approved.status == 200)
            #expect((approved.json["approved"] as? [String])?.count == 2)
        }
    }

    @Test func editingVoidsApprovalCountsEditsAndChecksLimits() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let briefId = try await BriefTests.create(api, owner)
            let ids = try await Self.drafts(api, owner, briefId: briefId, count: 1)
            #expect(try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken).status == 200)
            let edited = try await api.call(
                .patch, "\(base)/content/\(ids[0])", token: owner.accessToken,
                json: ["caption": "Fresh sourdough every morning.", "hashtags": ["#Sourdough", "bakery"]]
            )
            #expect(edited.status == 200)
            #expect(edited.string("status") == "DRAFT")
            #expect(edited.json["editCount"] as? Int == 1)
            #expect(edited.json["approvedAt"] is NSNull && edited.json["approvedBy"] is NSNull)
            #expect(edited.json["hashtags"] as? [String] == ["Sourdough", "bakery"])
            let accountId = try #require(UUID(uuidString: owner.accountId))
            #expect(try await api.count("SELECT count(*)::int FROM content_items WHERE account_id = \(accountId) AND approved_hash IS NOT NULL") == 0)

            let long = String(repeating: "a", count: 2_201)
            let tooLong = try await api.call(.patch, "\(base)/content/\(ids[0])", token: owner.accessToken, json: ["caption": long])
            #expect(tooLong.status == 422)
            #expect(tooLong.errorFields.contains("caption"))
            // Facebook alone allows a longer caption.
            let facebook = try await api.call(.patch, "\(base)/content/\(ids[0])", token: owner.accessToken, json: ["caption": long, "platformTargets": ["FACEBOOK"]])
            #expect(facebook.status == 200)
            let tags = (0...30).map { "tag\($0)" }
            let tooMany = try await api.call(.patch, "\(base)/content/\(ids[0])", token: owner.accessToken, json: ["hashtags": tags])
            #expect(tooMany.status == 422)
            #expect(tooMany.errorFields.contains("hashtags"))
            let badTag = try await api.call(.patch, "\(base)/content/\(ids[0])", token: owner.accessToken, json: ["hashtags": ["two words"]])
            #expect(badTag.status == 422)
            #expect(try await api.call(.patch, "\(base)/content/\(ids[0])", token: owner.accessToken, json: [:]).status == 422)
            // Saving what is there changes nothing.
            let same = try await api.call(.patch, "\(base)/content/\(ids[0])", token: owner.accessToken, json: ["caption": long])
            #expect(same.status == 200 && same.json["editCount"] as? Int == 2)
            // The refused edits changed nothing.
            #expect(try await api.call(.get, "\(base)/content/\(ids[0])", token: owner.accessToken).json["editCount"] as? Int == 2)
        }
    }

    @Test func risksInAnEditedCaptionBecomeFlags() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let briefId = try await BriefTests.create(api, owner)
            let ids = try await Self.drafts(api, owner, briefId: briefId, count: 1)
            let edited = try await api.call(
                .patch, "\(base)/content/\(ids[0])", token: owner.accessToken,
                json: ["caption": "Guaranteed results or your money back! Call 021 555 0199."]
            )
            #expect(edited.status == 200)
            let flags = edited.json["riskFlags"] as? [String] ?? []
            #expect(flags.contains("claim_guarantee") && flags.contains("pii_phone"))
        }
    }

    @Test func scheduledOrPublishedContentCannotBeEditedOrSentBack() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let briefId = try await BriefTests.create(api, owner)
            let ids = try await Self.drafts(api, owner, briefId: briefId, count: 2)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            try await api.services.database.query("UPDATE content_items SET status = 'SCHEDULED' WHERE account_id = \(accountId) AND id = \(UUID(uuidString: ids[0]))")
            try await api.services.database.query("UPDATE content_items SET status = 'PUBLISHED' WHERE account_id = \(accountId) AND id = \(UUID(uuidString: ids[1]))")
            for id in ids {
                let edit = try await api.call(.patch, "\(base)/content/\(id)", token: owner.accessToken, json: ["title": "Late change"])
                #expect(edit.status == 409)
                #expect(edit.errorCode == "content_state_conflict")
                let back = try await api.call(.post, "\(base)/content/\(id)/request-changes", token: owner.accessToken, json: ["comment": "Too late"])
                #expect(back.status == 409)
            }
        }
    }

    @Test func requestingChangesKeepsTheCommentAndAnEditAnswersIt() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let briefId = try await BriefTests.create(api, owner)
            let ids = try await Self.drafts(api, owner, briefId: briefId, count: 2)
            let reply = try await api.call(
                .post, "\(base)/content/\(ids[0])/request-changes", token: owner.accessToken,
                json: ["comment": "Mention the new rye loaf; call me on 021 555 0199"]
            )
            #expect(reply.status == 200)
            #expect(reply.string("status") == "CHANGES_REQUESTED")
            #expect(reply.string("changeRequestComment") == "Mention the new rye loaf; call me on [phone]")
            #expect(try await api.call(.post, "\(base)/content/\(ids[0])/request-changes", token: owner.accessToken, json: ["comment": " "]).status == 422)
            // The default batch approval leaves it alone; listing it explicitly is refused.
            let approved = try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken)
            #expect(approved.json["approved"] as? [String] == [ids[1]])
            #expect(try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken, json: ["contentIds": [ids[0]]]).status == 409)
            let edited = try await api.call(.patch, "\(base)/content/\(ids[0])", token: owner.accessToken, json: ["caption": "Our new rye loaf is here."])
            #expect(edited.string("status") == "DRAFT")
            #expect(try await api.call(.post, "\(base)/briefs/\(briefId)/approve", token: owner.accessToken).json["approved"] as? [String] == [ids[0]])
            // An approved item may be sent back too, which voids its approval.
            let back = try await api.call(.post, "\(base)/content/\(ids[1])/request-changes", token: owner.accessToken, json: ["comment": "Shorter please"])
            #expect(back.string("status") == "CHANGES_REQUESTED")
            #expect(back.json["approvedAt"] is NSNull)
        }
    }

    @Test func listFiltersAndRefusesBadFilters() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let march = try await BriefTests.create(api, owner)
            let april = try await BriefTests.create(api, owner, month: "2027-04")
            _ = try await Self.drafts(api, owner, briefId: march, count: 2)
            _ = try await Self.drafts(api, owner, briefId: april, count: 3)
            #expect(Self.items(try await api.call(.get, "\(base)/content", token: owner.accessToken)).count == 5)
            #expect(Self.items(try await api.call(.get, "\(base)/content?month=2027-04", token: owner.accessToken)).count == 3)
            #expect(Self.items(try await api.call(.get, "\(base)/content?month=2027-04&status=APPROVED", token: owner.accessToken)).isEmpty)
            #expect(try await api.call(.get, "\(base)/content?month=April", token: owner.accessToken).status == 400)
            #expect(try await api.call(.get, "\(base)/content?status=LIVE", token: owner.accessToken).status == 400)
            #expect(try await api.call(.get, "\(base)/content/not-a-uuid", token: owner.accessToken).status == 404)
        }
    }
}
