import AsyncHTTPClient
import Foundation
import Hummingbird
import Testing

@Suite("Sandbox fault injection")
struct FaultTests {
    @Test("errorRate 1 answers every /api request with 500 or 503 before doing anything")
    func errorRate() async throws {
        try await withSandbox { sandbox in
            try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
            try await sandbox.setFaults(["errorRate": 1])
            for _ in 0..<5 {
                let reply = try await sandbox.call(.post, "/api/post", json: ["post": "Hi", "platforms": ["facebook"]])
                #expect([500, 503].contains(reply.status))
                #expect(reply.code == reply.status)
                #expect(reply.json["status"] as? String == "error")
            }
            #expect(try await sandbox.posts().isEmpty)
            // The admin API is never faulted.
            #expect(try await sandbox.call(.get, "/sandbox/posts").status == 200)
        }
    }

    @Test("a seed makes the random choices repeat")
    func seedIsDeterministic() async throws {
        try await withSandbox { sandbox in
            func statuses() async throws -> [Int] {
                try await sandbox.setFaults(["errorRate": 0.5, "seed": 42])
                var statuses: [Int] = []
                for _ in 0..<30 {
                    statuses.append(try await sandbox.call(.get, "/api/user").status)
                }
                return statuses
            }
            let first = try await statuses()
            let second = try await statuses()
            #expect(first == second)
            #expect(first.contains(200))
            #expect(first.contains { $0 >= 500 })
        }
    }

    @Test("rateLimitPerMinute answers 429 with Retry-After, per profile")
    func rateLimit() async throws {
        try await withSandbox { sandbox in
            let (_, key) = try await sandbox.createProfile("Kiwi Bakery")
            try await sandbox.setFaults(["rateLimitPerMinute": 2])
            #expect(try await sandbox.call(.get, "/api/user").status == 200)
            #expect(try await sandbox.call(.get, "/api/user").status == 200)
            let limited = try await sandbox.call(.get, "/api/user")
            #expect(limited.status == 429)
            #expect(limited.code == 429)
            let retryAfter = try #require(limited.header("Retry-After").flatMap(Int.init))
            #expect((1...60).contains(retryAfter))
            // Another profile has its own budget.
            #expect(try await sandbox.call(.get, "/api/user", profileKey: key).status == 200)
            // Clearing the faults lifts the limit.
            try await sandbox.setFaults([:])
            #expect(try await sandbox.call(.get, "/api/user").status == 200)
        }
    }

    @Test("latencyMs delays /api answers")
    func latency() async throws {
        try await withSandbox { sandbox in
            try await sandbox.setFaults(["latencyMs": 300])
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await sandbox.call(.get, "/api/user")
            let elapsed = clock.now - start
            #expect(reply.status == 200)
            #expect(elapsed >= .milliseconds(300))
        }
    }

    @Test("out-of-range fault values are 400; the faults read back as set")
    func validation() async throws {
        try await withSandbox { sandbox in
            #expect(try await sandbox.call(.post, "/sandbox/faults", json: ["errorRate": 2]).status == 400)
            #expect(try await sandbox.call(.post, "/sandbox/faults", json: ["rateLimitPerMinute": 0]).status == 400)
            try await sandbox.setFaults(["latencyMs": 5, "wrapResponses": true])
            let faults = try await sandbox.call(.get, "/sandbox/faults").json
            #expect(faults["latencyMs"] as? Int == 5)
            #expect(faults["wrapResponses"] as? Bool == true)
        }
    }

    @Test("hangAfterAcceptRate 1 records and publishes the post but never answers, without blocking shutdown")
    func hangAfterAccept() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        try await withSandbox(setup: .live) { sandbox in
            let port = try #require(sandbox.client.port)
            try await sandbox.link(try await sandbox.primaryRefId(), "facebook")
            try await sandbox.setFaults(["hangAfterAcceptRate": 1])

            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/post")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(Sandbox.apiKey)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"post":"Hi","platforms":["facebook"],"idempotencyKey":"lost-answer"}"#))
            await #expect(throws: (any Error).self) {
                _ = try await HTTPClient.shared.execute(request, timeout: .milliseconds(800))
            }

            let posts = try await sandbox.posts()
            #expect(posts.count == 1)
            #expect(posts.first?["publishCount"] as? Int == 1)
            #expect(try await sandbox.deliveries().map { $0["action"] as? String } == ["social", "scheduled"])

            // Once the fault is gone, retrying with the same key finds the post that was accepted.
            try await sandbox.setFaults([:])
            let retry = try await sandbox.call(
                .post, "/api/post", json: ["post": "Hi", "platforms": ["facebook"], "idempotencyKey": "lost-answer"]
            )
            #expect(retry.status == 200)
            #expect(retry.json["id"] as? String == posts.first?["id"] as? String)
            #expect(try await sandbox.posts().first?["publishCount"] as? Int == 1)
        }
        // The hanging handler waits up to 15 minutes unless shutdown ends it.
        #expect(clock.now - start < .seconds(30))
    }
}
