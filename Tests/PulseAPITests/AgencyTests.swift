import Foundation
import HTTPTypes
import PulseCore
import PulseTestSupport
import Testing

@Suite(.serialized) struct AgencyTests {
    /// One agency user: OWNER of their own client, ADMIN of a second, MEMBER of a third.
    @Test func oneUserThreeAccountsThreeRoles() async throws {
        try await withAPI { api in
            let agency = try await api.signup(accountName: "Agency Own Client")
            let ownerB = try await api.signup(accountName: "Client B")
            let ownerC = try await api.signup(accountName: "Client C")
            try await api.addMember(agency, to: ownerB.accountId, role: .admin, as: ownerB)
            try await api.addMember(agency, to: ownerC.accountId, role: .member, as: ownerC)

            let me = try await api.call(.get, "/api/auth/me", token: agency.accessToken)
            let roles = Dictionary(
                uniqueKeysWithValues: (me.json["accounts"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["role"] as? String ?? "") }
            )
            #expect(roles == [agency.accountId: "OWNER", ownerB.accountId: "ADMIN", ownerC.accountId: "MEMBER"])
            let list = try await api.call(.get, "/api/accounts", token: agency.accessToken)
            #expect((list.json["accounts"] as? [[String: Any]])?.count == 3)
            #expect((list.json["accounts"] as? [[String: Any]])?.allSatisfy { $0["timezone"] as? String == "Pacific/Auckland" } == true)

            // Profile edits: OWNER and ADMIN yes, MEMBER no.
            for (account, expected) in [(agency.accountId, 200), (ownerB.accountId, 200), (ownerC.accountId, 403)] {
                let reply = try await api.call(.patch, "/api/accounts/\(account)", token: agency.accessToken, json: ["name": "Renamed by agency"])
                #expect(reply.status == expected, "PATCH \(account)")
            }
            // Settings: OWNER only.
            #expect(try await api.call(.patch, "/api/accounts/\(ownerB.accountId)", token: agency.accessToken, json: ["settings": ["adminsCanApprove": true]]).status == 403)
            let settings = try await api.call(.patch, "/api/accounts/\(ownerB.accountId)", token: ownerB.accessToken, json: ["settings": ["adminsCanApprove": true]])
            #expect(settings.status == 200)
            #expect((settings.json["settings"] as? [String: Any])?["adminsCanApprove"] as? Bool == true)
            // Audit: OWNER and ADMIN yes, MEMBER no.
            #expect(try await api.call(.get, "/api/accounts/\(ownerB.accountId)/audit", token: agency.accessToken).status == 200)
            #expect(try await api.call(.get, "/api/accounts/\(ownerC.accountId)/audit", token: agency.accessToken).status == 403)
            // Members: only the OWNER manages them, everyone reads them.
            let newcomer = try await api.signup()
            #expect(try await api.call(.post, "/api/accounts/\(ownerB.accountId)/members", token: agency.accessToken, json: ["email": newcomer.email, "role": "MEMBER"]).status == 403)
            #expect(try await api.call(.get, "/api/accounts/\(ownerC.accountId)/members", token: agency.accessToken).status == 200)
        }
    }

    @Test func anAgencyCreatesClientAccountsItOwns() async throws {
        try await withAPI { api in
            let agency = try await api.signup()
            let created = try await api.call(
                .post, "/api/accounts", token: agency.accessToken,
                json: ["name": "Dental Studio", "timezone": "America/New_York", "websiteUrl": "https://dental.example"]
            )
            #expect(created.status == 201)
            #expect(created.string("role") == "OWNER")
            #expect(created.string("timezone") == "America/New_York")
            let id = try #require(created.string("id"))
            let audit = try await api.call(.get, "/api/accounts/\(id)/audit", token: agency.accessToken)
            #expect((audit.json["events"] as? [[String: Any]])?.map { $0["eventType"] as? String } == ["ACCOUNT_CREATED"])
            let clear = try await api.call(.patch, "/api/accounts/\(id)", token: agency.accessToken, json: ["websiteUrl": NSNull()])
            #expect(clear.status == 200)
            #expect(clear.json["websiteUrl"] is NSNull)
        }
    }

    @Test func theLastOwnerCannotLeaveOrBeDemoted() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)/members/\(owner.userId)"
            let demote = try await api.call(.patch, base, token: owner.accessToken, json: ["role": "ADMIN"])
            #expect(demote.status == 409)
            #expect(demote.errorCode == "last_owner")
            #expect(try await api.call(.delete, base, token: owner.accessToken).errorCode == "last_owner")

            let partner = try await api.signup()
            try await api.addMember(partner, to: owner.accountId, role: .owner, as: owner)
            #expect(try await api.call(.patch, base, token: owner.accessToken, json: ["role": "ADMIN"]).status == 200)
            // Now the partner is the last OWNER.
            let partnerPath = "/api/accounts/\(owner.accountId)/members/\(partner.userId)"
            #expect(try await api.call(.delete, partnerPath, token: partner.accessToken).status == 409)
        }
    }

    @Test func membersCanLeaveButNotRemoveOthers() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let one = try await api.signup()
            let two = try await api.signup()
            try await api.addMember(one, to: owner.accountId, role: .member, as: owner)
            try await api.addMember(two, to: owner.accountId, role: .admin, as: owner)
            #expect(try await api.call(.delete, "/api/accounts/\(owner.accountId)/members/\(one.userId)", token: two.accessToken).status == 403)
            #expect(try await api.call(.delete, "/api/accounts/\(owner.accountId)/members/\(one.userId)", token: one.accessToken).status == 204)
            #expect(try await api.call(.get, "/api/accounts/\(owner.accountId)", token: one.accessToken).status == 404)
            #expect(try await api.call(.delete, "/api/accounts/\(owner.accountId)/members/\(two.userId)", token: owner.accessToken).status == 204)
            let members = try await api.call(.get, "/api/accounts/\(owner.accountId)/members", token: owner.accessToken)
            #expect((members.json["members"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func addingMembersChecksTheUserAndDuplicates() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let path = "/api/accounts/\(owner.accountId)/members"
            let unknown = try await api.call(.post, path, token: owner.accessToken, json: ["email": "ghost-\(UUID())@example.com", "role": "MEMBER"])
            #expect(unknown.status == 422)
            #expect(unknown.errorFields == ["email"])
            let badRole = try await api.call(.post, path, token: owner.accessToken, json: ["email": owner.email, "role": "SUPERUSER"])
            #expect(badRole.errorFields == ["role"])
            let member = try await api.signup()
            try await api.addMember(member, to: owner.accountId, role: .member, as: owner)
            let again = try await api.call(.post, path, token: owner.accessToken, json: ["email": member.email.uppercased(), "role": "ADMIN"])
            #expect(again.status == 409)
            #expect(again.errorCode == "already_member")
        }
    }

    @Test func auditIsNewestFirstFilteredAndPaginated() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            for index in 0..<3 {
                #expect(try await api.call(.patch, "/api/accounts/\(owner.accountId)", token: owner.accessToken, json: ["name": "Name \(index)"]).status == 200)
            }
            let all = try await api.call(.get, "/api/accounts/\(owner.accountId)/audit", token: owner.accessToken)
            let types = (all.json["events"] as? [[String: Any]] ?? []).compactMap { $0["eventType"] as? String }
            // Signup's two events share a transaction; their order between themselves is not promised.
            #expect(types.count == 5)
            #expect(Array(types.prefix(3)) == ["ACCOUNT_UPDATED", "ACCOUNT_UPDATED", "ACCOUNT_UPDATED"])
            #expect(Set(types.suffix(2)) == ["USER_SIGNED_UP", "ACCOUNT_CREATED"])
            #expect(all.json["next"] is NSNull)

            var seen: [String] = []
            var cursor: String?
            repeat {
                let query = cursor.map { "&before=\($0)" } ?? ""
                let page = try await api.call(.get, "/api/accounts/\(owner.accountId)/audit?limit=2\(query)", token: owner.accessToken)
                #expect(page.status == 200)
                let events = page.json["events"] as? [[String: Any]] ?? []
                #expect(events.count <= 2)
                seen += events.compactMap { $0["id"] as? String }
                cursor = page.json["next"] as? String
            } while cursor != nil
            #expect(seen == (all.json["events"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            #expect(Set(seen).count == seen.count)

            let filtered = try await api.call(.get, "/api/accounts/\(owner.accountId)/audit?type=ACCOUNT_UPDATED", token: owner.accessToken)
            #expect((filtered.json["events"] as? [[String: Any]])?.count == 3)
            let changed = ((filtered.json["events"] as? [[String: Any]])?.first?["metadata"] as? [String: Any])?["changed"] as? [String]
            #expect(changed == ["name"])
        }
    }
}
