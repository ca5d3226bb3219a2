import Foundation
import HTTPTypes
import PostgresNIO
import PulseCore
import PulseIntegrations
import PulseTestSupport
import Testing

@testable import PulseAPI

/// `…/billing` and the plan limits, without Stripe: roles, the trial, usage, limits at, under
/// and over their values, and refused webhook signatures.
@Suite(.serialized) struct BillingTests {
    @Test func aNewAccountTrialsEssentialWithoutPublishing() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let reply = try await api.call(.get, "/api/accounts/\(owner.accountId)/billing", token: owner.accessToken)
            #expect(reply.status == 200)
            #expect(reply.string("plan") == "ESSENTIAL")
            #expect(reply.string("status") == "TRIALING")
            #expect(reply.json["postingAddon"] as? Bool == false)
            #expect(reply.json["publishingAllowed"] as? Bool == false)
            let trialEnd = try #require(reply.string("trialEndsAt").flatMap(Timestamp.parse))
            #expect(abs(trialEnd.timeIntervalSinceNow - 14 * 86_400) < 120)
            let limits = try #require(reply.json["limits"] as? [String: Any])
            #expect(limits["postsPerMonth"] as? Int == 8 && limits["members"] as? Int == 3 && limits["connectedPlatforms"] as? Int == 1)
            let usage = try #require(reply.json["usage"] as? [String: Any])
            #expect(usage["members"] as? Int == 1 && usage["posts"] as? Int == 0 && usage["connectedPlatforms"] as? Int == 0)
        }
    }

    @Test func billingRoutesAreForOwnersOnly() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let admin = try await api.signup(accountName: "Admin's own")
            let member = try await api.signup(accountName: "Member's own")
            try await api.addMember(admin, to: owner.accountId, role: .admin, as: owner)
            try await api.addMember(member, to: owner.accountId, role: .member, as: owner)
            let base = "/api/accounts/\(owner.accountId)/billing"
            for session in [admin, member] {
                #expect(try await api.call(.get, base, token: session.accessToken).status == 403)
                #expect(try await api.call(.post, base + "/checkout", token: session.accessToken, json: ["plan": "GROWTH"]).status == 403)
                #expect(try await api.call(.post, base + "/portal", token: session.accessToken).status == 403)
            }
            let bad = try await api.call(.post, base + "/checkout", token: owner.accessToken, json: ["plan": "PLATINUM"])
            #expect(bad.status == 422)
            #expect(bad.errorFields == ["plan"])
            let portal = try await api.call(.post, base + "/portal", token: owner.accessToken)
            #expect(portal.status == 409)
            #expect(portal.errorCode == "no_billing_account")
        }
    }

    @Test(arguments: [("ESSENTIAL", 3), ("GROWTH", 5), ("AUTHORITY", 10)])
    func membersAreLimitedByThePlan(plan: String, limit: Int) async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            try await api.setPlan(owner, plan)
            // Just under the limit, then at it: both fine; one more is refused.
            for _ in 1..<limit {
                try await api.addMember(try await api.signup(accountName: "Colleague"), to: owner.accountId, role: .member, as: owner)
            }
            let extra = try await api.signup(accountName: "One too many")
            let refused = try await api.call(
                .post, "/api/accounts/\(owner.accountId)/members", token: owner.accessToken, json: ["email": extra.email, "role": "MEMBER"]
            )
            #expect(refused.status == 409)
            #expect(refused.errorCode == "plan_limit_reached")
            let accountId = try #require(UUID(uuidString: owner.accountId))
            #expect(try await api.count("SELECT count(*)::int FROM memberships WHERE account_id = \(accountId)") == limit)
            // A downgrade keeps everyone and only stops growth.
            try await api.setPlan(owner, "ESSENTIAL")
            #expect(try await api.count("SELECT count(*)::int FROM memberships WHERE account_id = \(accountId)") == limit)
        }
    }

    @Test func connectedPlatformsAreLimitedByThePlan() async throws {
        try await withAPI { api in
            let owner = try await api.signup()
            let accountId = try #require(UUID(uuidString: owner.accountId))
            let userId = try #require(UUID(uuidString: owner.userId))
            let social = api.services.social
            let both = [
                LinkedSocialAccount(platform: .facebook, platformAccountId: "fb", displayName: nil),
                LinkedSocialAccount(platform: .instagram, platformAccountId: "ig", displayName: nil),
            ]
            // ESSENTIAL: one platform. The second linked one is not stored.
            let essential = try await social.syncConnections(accountId: accountId, actor: userId, refId: "ref-limit", linked: both)
            #expect(essential.filter { $0.status == "CONNECTED" }.map(\.platform) == [.facebook])
            // Swapping the one platform for the other is within the limit.
            let swapped = try await social.syncConnections(accountId: accountId, actor: userId, refId: "ref-limit", linked: [both[1]])
            #expect(swapped.filter { $0.status == "CONNECTED" }.map(\.platform) == [.instagram])
            // GROWTH: both.
            try await api.setPlan(owner, "GROWTH")
            let growth = try await social.syncConnections(accountId: accountId, actor: userId, refId: "ref-limit", linked: both)
            #expect(Set(growth.filter { $0.status == "CONNECTED" }.map(\.platform)) == [.facebook, .instagram])
            // A downgrade disconnects nothing.
            try await api.setPlan(owner, "ESSENTIAL")
            let kept = try await social.syncConnections(accountId: accountId, actor: userId, refId: "ref-limit", linked: both)
            #expect(kept.filter { $0.status == "CONNECTED" }.count == 2)
        }
    }

    @Test func aBadlySignedStripeEventIs400AndStoresNothing() async throws {
        try await withAPI { api in
            let body = #"{"id":"evt_bad_\#(UUID().uuidString)","object":"event","type":"customer.subscription.updated","created":1,"data":{"object":{"object":"subscription","id":"sub_x","customer":"cus_x"}}}"#
            let now = Int64(Date().timeIntervalSince1970)
            let cases: [String?] = [
                nil, "garbage", "t=\(now)",
                StripeSignature.header(body: Array(body.utf8), timestamp: now, secrets: [Secret("whsec_other")]),
                StripeSignature.header(body: Array(body.utf8), timestamp: now - 301, secrets: api.services.configuration.stripeWebhookSecrets),
                StripeSignature.header(body: Array((body + " ").utf8), timestamp: now, secrets: api.services.configuration.stripeWebhookSecrets),
            ]
            for header in cases {
                var headers = HTTPFields()
                if let header { headers[HTTPField.Name("Stripe-Signature")!] = header }
                let reply = try await api.call(.post, "/api/webhooks/stripe", raw: body, headers: headers)
                #expect(reply.status == 400, "\(header ?? "none")")
                #expect(reply.errorCode == "invalid_signature")
            }
            #expect(try await api.count("SELECT count(*)::int FROM webhook_events WHERE source = 'stripe' AND event_id LIKE 'evt_bad_%'") == 0)
        }
    }
}
