import Foundation
import Testing

@Suite("Sandbox idempotency keys")
struct IdempotencyTests {
    @Test("a repeated idempotencyKey answers with the first result and publishes once")
    func replay() async throws {
        try await withSandbox { sandbox in
            try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
            let body: [String: any Sendable] = ["post": "Hi", "platforms": ["facebook"], "idempotencyKey": "schedule-item-1"]
            let first = try await sandbox.call(.post, "/api/post", json: body)
            let second = try await sandbox.call(.post, "/api/post", json: body)
            #expect(first.status == 200)
            #expect(second.status == 200)
            #expect(first.body == second.body)
            let posts = try await sandbox.posts()
            #expect(posts.count == 1)
            #expect(posts.first?["publishCount"] as? Int == 1)
            #expect(posts.first?["idempotencyKey"] as? String == "schedule-item-1")
            #expect(posts.first?["id"] as? String == first.json["id"] as? String)
        }
    }

    @Test("concurrent identical posts publish once and all get the same id")
    func concurrentReplays() async throws {
        try await withSandbox { sandbox in
            try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let reply = try await sandbox.call(
                            .post, "/api/post", json: ["post": "Hi", "platforms": ["facebook"], "idempotencyKey": "same-key"]
                        )
                        return reply.json["id"] as? String
                    }
                }
                var ids: [String?] = []
                for try await id in group { ids.append(id) }
                return ids
            }
            #expect(ids.count == 12)
            #expect(Set(ids.compactMap { $0 }).count == 1)
            #expect(!ids.contains(nil))
            let posts = try await sandbox.posts()
            #expect(posts.count == 1)
            #expect(posts.first?["publishCount"] as? Int == 1)
        }
    }

    @Test("keys are per profile, and posts without a key always publish")
    func scopes() async throws {
        try await withSandbox { sandbox in
            try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
            let (refId, key) = try await sandbox.createProfile("Kiwi Bakery")
            try await sandbox.link(refId, "facebook")
            let body: [String: any Sendable] = ["post": "Hi", "platforms": ["facebook"], "idempotencyKey": "k"]
            let primary = try await sandbox.call(.post, "/api/post", json: body)
            let client = try await sandbox.call(.post, "/api/post", json: body, profileKey: key)
            #expect(primary.json["id"] as? String != client.json["id"] as? String)

            let plain: [String: any Sendable] = ["post": "Hi", "platforms": ["facebook"]]
            let one = try await sandbox.call(.post, "/api/post", json: plain)
            let two = try await sandbox.call(.post, "/api/post", json: plain)
            #expect(one.json["id"] as? String != two.json["id"] as? String)
            #expect(try await sandbox.posts().count == 4)
        }
    }
}
