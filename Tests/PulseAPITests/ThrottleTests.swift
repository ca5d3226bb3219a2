import Foundation
import HTTPTypes
import PulseTestSupport
import Testing

@testable import PulseAPI

@Suite(.serialized) struct ThrottleTests {
    @Test func tenFailuresThenTooManyRequestsWithRetryAfter() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            for _ in 0..<10 {
                let reply = try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": "wrong password!!"])
                #expect(reply.status == 401)
            }
            let blocked = try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": session.password])
            #expect(blocked.status == 429)
            #expect(blocked.errorCode == "rate_limited")
            let retryAfter = try #require(blocked.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...900).contains(retryAfter))
            // Throttling is per email: someone else still logs in.
            let other = try await api.signup()
            #expect(try await api.call(.post, "/api/auth/login", json: ["email": other.email, "password": other.password]).status == 200)
        }
    }

    @Test func theWindowEndsSoTheOwnerIsNeverLockedOutForever() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            for _ in 0..<10 {
                _ = try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": "wrong password!!"])
            }
            #expect(try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": session.password]).status == 429)
            // Expire the window the way time would (the key's TTL runs out).
            let key = "pulseworks:throttle:" + AuthController.throttleKey(session.email)
            #expect(try await api.services.redis.command(["PEXPIRE", key, "1"]).int == 1)
            try await Task.sleep(for: .milliseconds(20))
            #expect(try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": session.password]).status == 200)
        }
    }

    @Test func withRedisDownLoginWorksAndIsThrottledInProcess() async throws {
        try await withAPI(overrides: ["REDIS_URL": deadRedisURL()]) { api in
            let session = try await api.signup()
            #expect(try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": session.password]).status == 200)
            for _ in 0..<10 {
                #expect(try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": "wrong password!!"]).status == 401)
            }
            let blocked = try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": session.password])
            #expect(blocked.status == 429)
            #expect(blocked.headers[.retryAfter] != nil)
        }
    }
}

@Suite(.serialized) struct ConcurrentGuessTests {
    @Test func parallelGuessesAreCountedBeforeTheyAreChecked() async throws {
        try await withAPI { api in
            let session = try await api.signup()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        try await api.call(.post, "/api/auth/login", json: ["email": session.email, "password": "guess number \(index)"]).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count == 10)
            #expect(statuses.filter { $0 == 429 }.count == 20)
        }
    }
}
