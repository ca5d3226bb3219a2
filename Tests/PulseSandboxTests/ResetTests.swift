import Foundation
import Testing

@Suite("Sandbox reset")
struct ResetTests {
    @Test("reset forgets profiles, posts, faults, deliveries and registrations, keeping the configured webhooks")
    func reset() async throws {
        var configuration = testConfiguration(defaultWebhookURLs: ["social": "http://127.0.0.1:9/default"])
        configuration.webhookRetryDelays = []
        configuration.webhookTimeout = .milliseconds(200)
        try await withSandbox(configuration) { sandbox in
            let oldPrimary = try await sandbox.primaryRefId()
            try await sandbox.link(oldPrimary, "facebook")
            _ = try await sandbox.createProfile("Kiwi Bakery")
            _ = try await sandbox.call(.post, "/api/post", json: ["post": "Hi", "platforms": ["facebook"], "idempotencyKey": "k"])
            _ = try await sandbox.call(.post, "/api/hook/webhook", json: ["action": "social", "url": "http://127.0.0.1:9/other"])
            try await sandbox.setFaults(["latencyMs": 1, "wrapResponses": true])

            let reply = try await sandbox.call(.post, "/sandbox/reset")
            #expect(reply.status == 200)

            let profiles = try await sandbox.profiles()
            #expect(profiles.count == 1)
            #expect(profiles.first?["title"] as? String == "primary")
            #expect(profiles.first?["refId"] as? String != oldPrimary)
            #expect((profiles.first?["linked"] as? [Any])?.isEmpty == true)
            #expect(try await sandbox.posts().isEmpty)
            #expect(try await sandbox.deliveries().isEmpty)
            #expect(try await sandbox.call(.get, "/sandbox/faults").json.isEmpty)
            #expect(try await sandbox.call(.get, "/api/history").array.isEmpty)

            // The configured registration is back in place of the one made before the reset.
            try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
            #expect(try await sandbox.deliveries().first?["url"] as? String == "http://127.0.0.1:9/default")
        }
    }
}
