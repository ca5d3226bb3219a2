import Foundation
import HTTPTypes
import PostgresNIO
import PulseCore
import PulseIntegrations
import PulseTestSupport
import Testing

@testable import PulseAPI

/// Checkout to cancellation through the sandbox's Stripe: its signed events reach the API's
/// webhook, including duplicated and reordered deliveries.
@Suite(.serialized) struct BillingFlowTests {
    /// The sandbox and the API, with Stripe pointed at the sandbox and its events at the API.
    static func withStripe(_ body: @Sendable (API, SandboxAdmin) async throws -> Void) async throws {
        try await withSandboxAndAPI(stripe: true, body)
    }

    /// Starts a checkout for `plan` and returns the session id from its URL.
    static func checkout(_ api: API, _ owner: Session, plan: String, addon: Bool) async throws -> String {
        let reply = try await api.call(
            .post, "/api/accounts/\(owner.accountId)/billing/checkout", token: owner.accessToken, json: ["plan": plan, "postingAddon": addon]
        )
        try #require(reply.status == 200, "checkout failed: \(reply.body)")
        let url = try #require(reply.string("url"))
        return try #require(url.split(separator: "/").last.map(String.init))
    }

    static func billing(_ api: API, _ owner: Session) async throws -> Reply {
        try await api.call(.get, "/api/accounts/\(owner.accountId)/billing", token: owner.accessToken)
    }

    static func subscription(_ api: API, _ owner: Session) async throws -> String? {
        let accountId = try #require(UUID(uuidString: owner.accountId))
        return try await api.services.database.query("SELECT stripe_subscription_id FROM accounts WHERE id = \(accountId)")
            .collect().first?.decode(String?.self)
    }

    /// Waits until the account's billing status is `status`.
    static func becomes(_ api: API, _ owner: Session, _ status: String) async throws -> Bool {
        try await eventually { try await Self.billing(api, owner).string("status") == status }
    }

    @Test func checkoutThenPaymentFailureThenCancellation() async throws {
        try await Self.withStripe { api, admin in
            let (owner, _) = try await AyrshareWebhookTests.verifiedAccount(api)
            let base = "/api/accounts/\(owner.accountId)"
            try await api.services.database.query("UPDATE accounts SET plan = 'ESSENTIAL' WHERE id = \(UUID(uuidString: owner.accountId))")
            let session = try await Self.checkout(api, owner, plan: "GROWTH", addon: true)
            let completed = try await admin.call(.post, "/sandbox/stripe/checkout/\(session)/complete", json: [:])
            #expect(completed.status == 200)
            #expect(try await Self.becomes(api, owner, "ACTIVE"))
            var billing = try await Self.billing(api, owner)
            #expect(billing.string("plan") == "GROWTH")
            #expect(billing.json["postingAddon"] as? Bool == true)
            #expect(billing.json["publishingAllowed"] as? Bool == true)
            #expect(billing.string("periodEnd") != nil)
            // Publishing is allowed: scheduling gets past the plan check (it then needs rules).
            let scheduled = try await api.call(.post, "\(base)/schedule", token: owner.accessToken, json: ["month": ScheduleTests.nextMonth.description])
            #expect(scheduled.errorCode == "posting_rules_missing")
            // A second checkout while subscribed goes to the portal instead.
            let again = try await api.call(.post, "\(base)/billing/checkout", token: owner.accessToken, json: ["plan": "AUTHORITY"])
            #expect(again.status == 409)
            #expect(again.errorCode == "subscription_exists")
            let portal = try await api.call(.post, "\(base)/billing/portal", token: owner.accessToken)
            #expect(portal.status == 200 && portal.string("url") != nil)

            let subscription = try #require(try await Self.subscription(api, owner))
            #expect(try await admin.call(.post, "/sandbox/stripe/subscriptions/\(subscription)/fail-payment", json: [:]).status == 200)
            #expect(try await Self.becomes(api, owner, "PAST_DUE"))
            billing = try await Self.billing(api, owner)
            #expect(billing.json["publishingAllowed"] as? Bool == false)
            let refused = try await api.call(.post, "\(base)/schedule", token: owner.accessToken, json: ["month": ScheduleTests.nextMonth.description])
            #expect(refused.status == 409)
            #expect(refused.errorCode == "plan_does_not_allow_publishing")

            #expect(try await admin.call(.post, "/sandbox/stripe/subscriptions/\(subscription)/cancel", json: [:]).status == 200)
            #expect(try await Self.becomes(api, owner, "CANCELED"))
            billing = try await Self.billing(api, owner)
            #expect(billing.string("plan") == "ESSENTIAL")
            #expect(billing.json["postingAddon"] as? Bool == false)
            // Back to drafting only: briefs still work.
            #expect(try await api.call(.post, "\(base)/briefs", token: owner.accessToken, json: BriefTests.body()).status == 201)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'BILLING_UPDATED'") >= 3)
            #expect(try await api.count("SELECT count(*)::int FROM accounts WHERE id = \(accountId) AND stripe_customer_id LIKE 'cus_%'") == 1)
        }
    }

    /// ESSENTIAL allows one connected platform: with the add-on it verifies that platform alone
    /// and schedules there, while content for the other platform gets no items for it.
    @Test func anEssentialAccountWithTheAddOnSchedulesOnItsOnePlatform() async throws {
        try await Self.withStripe { api, admin in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let session = try await Self.checkout(api, owner, plan: "ESSENTIAL", addon: true)
            #expect(try await admin.call(.post, "/sandbox/stripe/checkout/\(session)/complete", json: [:]).status == 200)
            #expect(try await Self.becomes(api, owner, "ACTIVE"))
            #expect(try await Self.billing(api, owner).json["publishingAllowed"] as? Bool == true)

            let refId = try #require(try await api.call(.post, "\(base)/social/profile", token: owner.accessToken).string("providerProfileId"))
            try await admin.link(refId, "instagram", id: "ig-only", name: "Insta")
            try await admin.link(refId, "facebook", id: "fb-over-limit", name: "Page")
            let synced = try await api.call(.get, "\(base)/social/connections?refresh=true", token: owner.accessToken)
            let stored = (synced.json["connections"] as? [[String: Any]] ?? []).compactMap { $0["platformAccountId"] as? String }
            #expect(stored.count == 1, "ESSENTIAL stores one connection: \(stored)")
            let kept = try #require(stored.first)
            let keptInstagram = kept == "ig-only"
            // The platform over the limit was not stored, so it cannot be verified.
            let both = try await api.call(
                .post, "\(base)/publishing-profile/verify", token: owner.accessToken,
                json: ["facebookAccountId": "fb-over-limit", "instagramAccountId": "ig-only"]
            )
            #expect(both.status == 422)
            #expect(both.errorFields == [keptInstagram ? "facebookAccountId" : "instagramAccountId"])
            let verified = try await api.call(
                .post, "\(base)/publishing-profile/verify", token: owner.accessToken,
                json: [keptInstagram ? "instagramAccountId" : "facebookAccountId": kept]
            )
            #expect(verified.status == 200, "\(verified.body)")
            #expect(verified.string("status") == "VERIFIED")
            #expect(verified.json[keptInstagram ? "facebookAccountId" : "instagramAccountId"] == nil)

            let rule = try await api.call(
                .put, "\(base)/posting-rules", token: owner.accessToken,
                json: ["frequency": "TWICE_WEEKLY", "daysOfWeek": [2, 4], "timeWindow": "MORNING"]
            )
            #expect(rule.status == 200)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            try await ScheduleTests.approve(api, 2, accountId: accountId, userId: try #require(UUID(uuidString: owner.userId)), month: ScheduleTests.nextMonth)
            let scheduled = try await api.call(.post, "\(base)/schedule", token: owner.accessToken, json: ["month": ScheduleTests.nextMonth.description])
            #expect(scheduled.status == 201, "\(scheduled.body)")
            let items = ScheduleTests.items(scheduled)
            #expect(items.count == 2)
            #expect(Set(items.compactMap { $0["platform"] as? String }) == [keptInstagram ? "INSTAGRAM" : "FACEBOOK"])
            #expect(Set(items.compactMap { $0["targetAccountId"] as? String }) == [kept])
        }
    }

    @Test func duplicatedAndReversedDeliveriesEndInTheRightState() async throws {
        try await Self.withStripe { api, admin in
            let owner = try await api.signup()
            let accountId = try #require(UUID(uuidString: owner.accountId))
            let session = try await Self.checkout(api, owner, plan: "AUTHORITY", addon: false)
            let completed = try await admin.call(.post, "/sandbox/stripe/checkout/\(session)/complete", json: ["duplicate": true, "reverse": true])
            let events = (completed.json["events"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(events.count == 3)
            #expect(try await eventually {
                try await api.count("SELECT count(*)::int FROM webhook_events WHERE source = 'stripe' AND account_id = \(accountId) AND applied_at IS NOT NULL") == 3
            })
            #expect(try await Self.becomes(api, owner, "ACTIVE"))
            #expect(try await Self.billing(api, owner).string("plan") == "AUTHORITY")
            // Each event once, and the state changed once however many deliveries.
            #expect(try await api.count("SELECT count(*)::int FROM audit_events WHERE account_id = \(accountId) AND event_type = 'BILLING_UPDATED'") == 1)

            // Deleted, then an older "updated" delivered late: the account stays cancelled.
            let subscription = try #require(try await Self.subscription(api, owner))
            #expect(try await admin.call(.post, "/sandbox/stripe/subscriptions/\(subscription)/cancel", json: ["duplicate": true]).status == 200)
            #expect(try await Self.becomes(api, owner, "CANCELED"))
            let late = """
                {"id":"evt_late_\(UUID().uuidString)","object":"event","type":"customer.subscription.updated","created":1,"livemode":false,\
                "data":{"object":{"object":"subscription","id":"\(subscription)","customer":"x","status":"active"}}}
                """
            var headers = HTTPFields()
            headers[HTTPField.Name("Stripe-Signature")!] = StripeSignature.header(
                body: Array(late.utf8), timestamp: Int64(Date().timeIntervalSince1970), secrets: api.services.configuration.stripeWebhookSecrets
            )
            let reply = try await api.call(.post, "/api/webhooks/stripe", raw: late, headers: headers)
            #expect(reply.status == 200)
            #expect(try await Self.billing(api, owner).string("status") == "CANCELED")
            // The same delivery again is acknowledged as a duplicate.
            #expect(try await api.call(.post, "/api/webhooks/stripe", raw: late, headers: headers).string("status") == "duplicate")
        }
    }
}
