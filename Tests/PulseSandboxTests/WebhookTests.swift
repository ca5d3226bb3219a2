import Foundation
import PulseCore
import Testing

@Suite("Sandbox webhook deliveries")
struct WebhookTests {
    @Test("link and unlink send signed social webhooks that verify")
    func socialWebhooks() async throws {
        try await withWebhookReceiver { receiver in
            let configuration = testConfiguration(defaultWebhookURLs: ["social": receiver.url(), "scheduled": receiver.url()])
            try await withSandbox(configuration) { sandbox in
                let refId = try await sandbox.primaryRefId()
                try await sandbox.link(refId, "facebook", id: "104923", displayName: "Kiwi Bakery")
                let unlink = try await sandbox.call(.post, "/sandbox/profiles/\(refId)/unlink", json: ["platform": "facebook"])
                #expect(unlink.status == 200)

                // Deliveries run concurrently, so they may arrive in either order.
                let received = try await receiver.waitFor(2)
                #expect(received.allSatisfy { $0.signatureValid })
                #expect(received.allSatisfy { $0.contentType == "application/json" })
                #expect(Set(received.compactMap { $0.json["type"] as? String }) == ["link", "unlink"])
                let link = try #require(received.first { $0.json["type"] as? String == "link" }?.json)
                #expect(link["action"] as? String == "social")
                #expect(link["platform"] as? String == "facebook")
                #expect(link["refId"] as? String == refId)
                #expect(link["displayName"] as? String == "Kiwi Bakery")
                #expect(link["source"] as? String == "user")
                #expect(link["code"] as? Int == 200)
                #expect(link["created"] is String)
                #expect(received.first { $0.json["type"] as? String == "unlink" }?.json["displayName"] as? String == "Kiwi Bakery")

                // The receiver answers before the sandbox records the outcome.
                #expect(try await eventually { try await sandbox.deliveries().allSatisfy { $0["status"] as? String == "delivered" } })
                let deliveries = try await sandbox.deliveries()
                #expect(deliveries.map { $0["status"] as? String } == ["delivered", "delivered"])
                #expect(deliveries.map { $0["attempts"] as? Int } == [1, 1])
                #expect(deliveries.first?["url"] as? String == receiver.url())
            }
        }
    }

    @Test("a published post sends a signed scheduled webhook; a replay sends none")
    func scheduledWebhook() async throws {
        try await withWebhookReceiver { receiver in
            let configuration = testConfiguration(defaultWebhookURLs: ["scheduled": receiver.url()])
            try await withSandbox(configuration) { sandbox in
                let refId = try await sandbox.primaryRefId()
                try await sandbox.link(refId, "facebook")
                let body: [String: any Sendable] = ["post": "Hi", "platforms": ["facebook"], "idempotencyKey": "k"]
                let post = try await sandbox.call(.post, "/api/post", json: body)
                _ = try await sandbox.call(.post, "/api/post", json: body)

                let received = try await receiver.waitFor(1)
                let hook = received[0].json
                #expect(hook["action"] as? String == "scheduled")
                #expect(hook["status"] as? String == "success")
                #expect(hook["code"] as? Int == 200)
                #expect(hook["refId"] as? String == refId)
                #expect(hook["id"] as? String == post.json["id"] as? String)
                #expect((hook["errors"] as? [Any])?.isEmpty == true)
                #expect((hook["postIds"] as? [[String: Any]])?.first?["platform"] as? String == "facebook")
                // The social webhook of the link had no URL registered: recorded as skipped.
                let recorded = try await eventually { try await sandbox.deliveries().last?["status"] as? String == "delivered" }
                #expect(recorded)
                let deliveries = try await sandbox.deliveries()
                #expect(deliveries.map { $0["status"] as? String } == ["skipped", "delivered"])
                #expect(try await sandbox.posts().first?["publishCount"] as? Int == 1)
            }
        }
    }

    @Test("POST /api/hook/webhook registers a URL with its own secret; DELETE unregisters")
    func registration() async throws {
        let ownSecret = Secret("own-secret-for-social")
        try await withWebhookReceiver(secrets: [ownSecret]) { receiver in
            try await withSandbox { sandbox in
                let refId = try await sandbox.primaryRefId()
                let registered = try await sandbox.call(
                    .post, "/api/hook/webhook", json: ["action": "social", "url": receiver.url("/own"), "secret": ownSecret.value]
                )
                #expect(registered.status == 200)
                #expect(registered.json["status"] as? String == "success")
                #expect(registered.json["action"] as? String == "social")
                #expect(registered.json["url"] as? String == receiver.url("/own"))

                try await sandbox.link(refId, "instagram")
                let received = try await receiver.waitFor(1)
                #expect(received[0].path == "/own")

                let removed = try await sandbox.call(.delete, "/api/hook/webhook", json: ["action": "social"])
                #expect(removed.status == 200)
                try await sandbox.link(refId, "facebook")
                #expect(try await sandbox.deliveries().last?["status"] as? String == "skipped")
                #expect(try await sandbox.call(.post, "/api/hook/webhook", json: ["action": "social"]).status == 400)
            }
        }
    }

    @Test("a failed delivery is retried after each delay until it succeeds")
    func retried() async throws {
        try await withWebhookReceiver(failures: 2) { receiver in
            let configuration = testConfiguration(defaultWebhookURLs: ["social": receiver.url()])
            try await withSandbox(configuration) { sandbox in
                try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
                let received = try await receiver.waitFor(1)
                #expect(received.count == 1)
                #expect(await receiver.log.attempts == 3)
                let delivered = try await eventually { try await sandbox.deliveries().first?["status"] as? String == "delivered" }
                #expect(delivered)
                let record = try #require(try await sandbox.deliveries().first)
                #expect(record["attempts"] as? Int == 3)
                #expect(record["responseStatus"] as? Int == 200)
            }
        }
    }

    @Test("a delivery that never succeeds is recorded as failed after every retry")
    func givesUp() async throws {
        try await withWebhookReceiver(failures: 100) { receiver in
            let configuration = testConfiguration(defaultWebhookURLs: ["social": receiver.url()], retryDelays: [.milliseconds(10), .milliseconds(10)])
            try await withSandbox(configuration) { sandbox in
                try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
                let failed = try await eventually { try await sandbox.deliveries().first?["status"] as? String == "failed" }
                #expect(failed)
                let record = try #require(try await sandbox.deliveries().first)
                #expect(record["attempts"] as? Int == 3)
                #expect(record["responseStatus"] as? Int == 500)
                #expect(await receiver.log.attempts == 3)
            }
        }
    }
}
