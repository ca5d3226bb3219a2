import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PulseCore
import PulseSandbox
import Testing

@testable import PulseIntegrations

/// The client against the running sandbox over real HTTP: every call and every fault class.
@Suite(.serialized) struct AyrshareClientSandboxTests {
    struct Harness: Sendable {
        let client: AyrshareClient
        let admin: any TestClientProtocol

        func admin(_ method: HTTPRequest.Method, _ path: String, _ json: [String: any Sendable]? = nil) async throws -> String {
            let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
            return try await self.admin.execute(uri: path, method: method, headers: [.contentType: "application/json"], body: body) {
                String(buffer: $0.body)
            }
        }

        func faults(_ json: [String: any Sendable]) async throws {
            _ = try await self.admin(.post, "/sandbox/faults", json)
        }

        func publishCount(idempotencyKey: String) async throws -> Int? {
            let posts = try JSONSerialization.jsonObject(with: Data(try await self.admin(.get, "/sandbox/posts").utf8)) as? [[String: Any]] ?? []
            return posts.first { $0["idempotencyKey"] as? String == idempotencyKey }?["publishCount"] as? Int
        }

        /// A new profile with Facebook linked; returns its key.
        func linkedProfile(instagram: Bool = false) async throws -> (AyrshareCreatedProfile, Secret) {
            let profile = try await self.client.createProfile(title: "test-\(UUID())")
            _ = try await self.admin(.post, "/sandbox/profiles/\(profile.refId)/link", ["platform": "facebook", "id": "fb-\(UUID())", "displayName": "Page"])
            if instagram {
                _ = try await self.admin(.post, "/sandbox/profiles/\(profile.refId)/link", ["platform": "instagram", "id": "ig-1", "displayName": "Insta"])
            }
            return (profile, Secret(profile.profileKey))
        }
    }

    static func withSandbox(requestTimeout: Duration = .seconds(5), _ body: @Sendable (Harness) async throws -> Void) async throws {
        let app = buildSandboxApplication(SandboxConfiguration(apiKey: Secret("test-key")), logger: Logger(label: "sandbox"))
        try await app.test(.live) { admin in
            let port = try #require(admin.port)
            let configuration = AyrshareConfiguration(
                baseURL: "http://localhost:\(port)/api", apiKey: Secret("test-key"), requestTimeout: requestTimeout
            )
            let http = AyrshareClient.makeHTTPClient(configuration)
            let client = AyrshareClient(configuration: configuration, http: http, logger: Logger(label: "ayrshare"))
            do {
                try await body(Harness(client: client, admin: admin))
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    @Test func everyCallRoundTrips() async throws {
        try await Self.withSandbox { harness in
            let (profile, key) = try await harness.linkedProfile()
            #expect(!profile.profileKey.isEmpty)
            let user = try await harness.client.user(profileKey: key)
            #expect(user.linkedAccounts.map(\.platform) == ["facebook"])
            #expect(user.refId == profile.refId)

            let idempotencyKey = UUID().uuidString
            let request = AyrshareClient.PostRequest(post: "Fresh bread", platforms: ["facebook"], idempotencyKey: idempotencyKey)
            let posted = try await harness.client.post(request, profileKey: key)
            #expect(posted.status == "success")
            #expect(posted.postIds.first?.platform == "facebook")
            #expect(posted.postIds.first?.postUrl != nil)
            // The same idempotency key answers with the first result and publishes nothing new.
            let replayed = try await harness.client.post(request, profileKey: key)
            #expect(replayed.id == posted.id)
            #expect(try await harness.publishCount(idempotencyKey: idempotencyKey) == 1)

            let fetched = try await harness.client.post(id: posted.id, profileKey: key)
            #expect(fetched.id == posted.id)
            #expect(fetched.status == "success")
            #expect(try await harness.client.history(profileKey: key, lastDays: 7).map(\.id).contains(posted.id))
            try await harness.client.deletePost(id: posted.id, profileKey: key)
            #expect(try await harness.client.post(id: posted.id, profileKey: key).status == "deleted")
            try await harness.client.registerWebhook(action: "scheduled", url: "http://localhost:1/hook", profileKey: nil)

            // Wrapped answers decode to the same thing.
            try await harness.faults(["wrapResponses": true])
            let wrapped = try await harness.client.post(AyrshareClient.PostRequest(post: "Wrapped", platforms: ["facebook"]), profileKey: key)
            #expect(wrapped.status == "success")
            #expect(try await harness.client.history(profileKey: key).count >= 2)
        }
    }

    @Test func providerRefusalsClassify() async throws {
        try await Self.withSandbox { harness in
            let (_, key) = try await harness.linkedProfile()
            await #expect(throws: AyrshareFailure.self) {
                try await harness.client.post(AyrshareClient.PostRequest(post: "x", platforms: ["instagram"]), profileKey: key)
            }
            do {
                _ = try await harness.client.post(AyrshareClient.PostRequest(post: "x", platforms: ["instagram"]), profileKey: key)
            } catch let error as AyrshareFailure {
                guard case .needsReconnect(156, "instagram", _) = error else {
                    Issue.record("an unlinked platform must need reconnecting, got \(error)")
                    return
                }
            }
            let (_, both) = try await harness.linkedProfile(instagram: true)
            do {
                _ = try await harness.client.post(AyrshareClient.PostRequest(post: "no image", platforms: ["instagram"]), profileKey: both)
                Issue.record("Instagram without media must fail")
            } catch let error as AyrshareFailure {
                guard case .permanent(138, _) = error else {
                    Issue.record("Instagram without media is permanent, got \(error)")
                    return
                }
            }
            do {
                _ = try await harness.client.user(profileKey: Secret("not-a-profile-key"))
                Issue.record("an unknown profile key must fail")
            } catch let error as AyrshareFailure {
                guard case .permanent = error else {
                    Issue.record("an unknown profile key is permanent, got \(error)")
                    return
                }
            }
        }
    }

    @Test func aPartialSuccessIsReturnedNotThrown() async throws {
        try await Self.withSandbox { harness in
            let (_, key) = try await harness.linkedProfile()
            // Facebook is linked, Instagram is not: Facebook publishes, Instagram fails with 156.
            let post = try await harness.client.post(
                AyrshareClient.PostRequest(post: "half", platforms: ["facebook", "instagram"], mediaUrls: ["https://example.com/a.png"]),
                profileKey: key
            )
            #expect(post.postIds.contains { $0.platform == "facebook" && $0.status == "success" })
            #expect(post.errors.contains { $0.code == 156 && $0.platform == "instagram" })
        }
    }

    @Test func serverErrorsAndRateLimitsAreRetryable() async throws {
        try await Self.withSandbox { harness in
            let (_, key) = try await harness.linkedProfile()
            try await harness.faults(["errorRate": 1])
            do {
                _ = try await harness.client.user(profileKey: key)
                Issue.record("expected a 5xx")
            } catch let error as AyrshareFailure {
                guard case .retryable(_, nil) = error else {
                    Issue.record("5xx must be retryable, got \(error)")
                    return
                }
            }
            try await harness.faults(["rateLimitPerMinute": 1])
            _ = try await harness.client.user(profileKey: key)
            do {
                _ = try await harness.client.user(profileKey: key)
                Issue.record("expected a 429")
            } catch let error as AyrshareFailure {
                guard case .retryable(_, let retryAfter?) = error else {
                    Issue.record("429 must be retryable with Retry-After, got \(error)")
                    return
                }
                #expect(retryAfter > .zero && retryAfter <= .seconds(60))
            }
        }
    }

    @Test func acceptedThenHangingIsAmbiguousAndReconcilable() async throws {
        try await Self.withSandbox(requestTimeout: .seconds(1)) { harness in
            let (_, key) = try await harness.linkedProfile()
            try await harness.faults(["hangAfterAcceptRate": 1])
            let idempotencyKey = UUID().uuidString
            let request = AyrshareClient.PostRequest(post: "hang", platforms: ["facebook"], idempotencyKey: idempotencyKey)
            do {
                _ = try await harness.client.post(request, profileKey: key)
                Issue.record("expected no answer")
            } catch let error as AyrshareFailure {
                guard case .ambiguous = error else {
                    Issue.record("a timeout after sending must be ambiguous, got \(error)")
                    return
                }
            }
            // The provider did publish: reconciling by idempotency key finds it, and a retry
            // with the same key publishes nothing more.
            try await harness.faults([:])
            #expect(try await harness.publishCount(idempotencyKey: idempotencyKey) == 1)
            let history = try await harness.client.history(profileKey: key)
            #expect(history.contains { $0.idempotencyKey == idempotencyKey })
            _ = try await harness.client.post(request, profileKey: key)
            #expect(try await harness.publishCount(idempotencyKey: idempotencyKey) == 1)
        }
    }

    @Test func connectionRefusedIsRetryable() async throws {
        let configuration = AyrshareConfiguration(baseURL: "http://127.0.0.1:1/api", apiKey: Secret("k"))
        let http = AyrshareClient.makeHTTPClient(configuration)
        let client = AyrshareClient(configuration: configuration, http: http, logger: Logger(label: "ayrshare"))
        do {
            _ = try await client.post(AyrshareClient.PostRequest(post: "x", platforms: ["facebook"]), profileKey: nil)
            Issue.record("expected a connection failure")
        } catch {
            if case .retryable = error {} else { Issue.record("connection refused must be retryable, got \(error)") }
        }
        try await http.shutdown()
    }

    @Test func errorsNeverContainTheKeys() async throws {
        try await Self.withSandbox { harness in
            do {
                _ = try await harness.client.user(profileKey: Secret("secret-profile-key-123"))
            } catch let error as AyrshareFailure {
                #expect(!"\(error)".contains("secret-profile-key-123"))
                #expect(!"\(error)".contains("test-key"))
            }
        }
    }
}
