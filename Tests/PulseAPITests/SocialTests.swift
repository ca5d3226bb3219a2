import Foundation
import HTTPTypes
import PulseCore
import PulseAPI
import PulseIntegrations
import PulseTestSupport
import Testing

@Suite(.serialized) struct SocialTests {
    /// Create profile → link Facebook and Instagram in the sandbox → sync → verify → unlink through
    /// a signed webhook → NEEDS_RECONNECT.
    @Test func connectionFlowEndToEnd() async throws {
        let logs = LogRecorder()
        try await withSandboxAndAPI(logHandler: logs) { api, sandbox in
            let owner = try await api.signup()
            try await api.setPlan(owner, "GROWTH")
            let base = "/api/accounts/\(owner.accountId)"
            let created = try await api.call(.post, "\(base)/social/profile", token: owner.accessToken)
            #expect(created.status == 201)
            let refId = try #require(created.string("providerProfileId"))
            let again = try await api.call(.post, "\(base)/social/profile", token: owner.accessToken)
            #expect(again.status == 200)
            #expect(again.string("providerProfileId") == refId)
            #expect(try await sandbox.profiles().filter { $0["refId"] as? String == refId }.count == 1)

            let empty = try await api.call(.get, "\(base)/social/connections", token: owner.accessToken)
            #expect((empty.json["connections"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await api.call(.get, "\(base)/publishing-profile", token: owner.accessToken).string("status") == "UNVERIFIED")

            try await sandbox.link(refId, "facebook", id: "fb-page-1", name: "Kiwi Bakery")
            try await sandbox.link(refId, "instagram", id: "ig-1", name: "kiwibakery")
            let synced = try await api.call(.get, "\(base)/social/connections?refresh=true", token: owner.accessToken)
            let connections = synced.json["connections"] as? [[String: Any]] ?? []
            #expect(Set(connections.compactMap { $0["platformAccountId"] as? String }) == ["fb-page-1", "ig-1"])
            #expect(connections.allSatisfy { $0["status"] as? String == "CONNECTED" })

            let wrong = try await api.call(
                .post, "\(base)/publishing-profile/verify", token: owner.accessToken,
                json: ["facebookAccountId": "fb-page-1", "instagramAccountId": "ig-someone-else"]
            )
            #expect(wrong.status == 422)
            #expect(wrong.errorFields == ["instagramAccountId"])
            let verified = try await api.call(
                .post, "\(base)/publishing-profile/verify", token: owner.accessToken,
                json: ["facebookAccountId": "fb-page-1", "instagramAccountId": "ig-1"]
            )
            #expect(verified.status == 200)
            #expect(verified.string("status") == "VERIFIED")
            #expect(verified.string("verifiedBy") == owner.userId)
            #expect(verified.string("providerProfileId") == refId)

            // The owner unlinks Instagram at the provider: the signed `social` webhook arrives.
            try await sandbox.unlink(refId, "instagram")
            let reconnect = try await eventually {
                try await api.call(.get, "\(base)/publishing-profile", token: owner.accessToken).string("status") == "NEEDS_RECONNECT"
            }
            #expect(reconnect)
            let audit = try await api.call(.get, "\(base)/audit", token: owner.accessToken)
            let types = (audit.json["events"] as? [[String: Any]] ?? []).compactMap { $0["eventType"] as? String }
            for expected in ["PROVIDER_PROFILE_CREATED", "SOCIAL_CONNECTED", "PUBLISHING_PROFILE_VERIFIED", "SOCIAL_DISCONNECTED", "PUBLISHING_PROFILE_NEEDS_RECONNECT"] {
                #expect(types.contains(expected), "\(expected)")
            }

            // Replacing the Facebook Page with another one (a link event) also breaks verification.
            try await sandbox.link(refId, "instagram", id: "ig-1", name: "kiwibakery")
            #expect(try await api.call(
                .post, "\(base)/publishing-profile/verify", token: owner.accessToken,
                json: ["facebookAccountId": "fb-page-1", "instagramAccountId": "ig-1"]
            ).string("status") == "VERIFIED")
            try await sandbox.link(refId, "facebook", id: "fb-page-2", name: "Another Page")
            #expect(try await eventually {
                try await api.call(.get, "\(base)/publishing-profile", token: owner.accessToken).string("status") == "NEEDS_RECONNECT"
            })

            // The profile key never leaves the server: not in a response, not in a log line.
            let key = try #require(try await sandbox.profiles().first { $0["refId"] as? String == refId }?["profileKey"] as? String)
            for reply in [created, again, synced, verified] {
                #expect(!reply.body.contains(key))
            }
            #expect(!logs.lines.contains { $0.contains(key) })
            #expect(!logs.lines.isEmpty)
        }
    }

    @Test func disconnectingAVerifiedAccountNeedsReconnect() async throws {
        try await withSandboxAndAPI { api, sandbox in
            let owner = try await api.signup()
            try await api.setPlan(owner, "GROWTH")
            let base = "/api/accounts/\(owner.accountId)"
            let refId = try #require(try await api.call(.post, "\(base)/social/profile", token: owner.accessToken).string("providerProfileId"))
            try await sandbox.link(refId, "facebook", id: "fb-9", name: "Page")
            try await sandbox.link(refId, "instagram", id: "ig-9", name: "Insta")
            #expect(try await api.call(
                .post, "\(base)/publishing-profile/verify", token: owner.accessToken, json: ["facebookAccountId": "fb-9", "instagramAccountId": "ig-9"]
            ).status == 200)
            let connections = try await api.call(.get, "\(base)/social/connections", token: owner.accessToken)
            let facebook = try #require((connections.json["connections"] as? [[String: Any]])?.first { $0["platform"] as? String == "FACEBOOK" }?["id"] as? String)
            let member = try await api.signup()
            try await api.addMember(member, to: owner.accountId, role: .member, as: owner)
            #expect(try await api.call(.delete, "\(base)/social/connections/\(facebook)", token: member.accessToken).status == 403)
            // Another tenant naming this connection under its own account finds nothing.
            let other = try await api.signup()
            #expect(try await api.call(.delete, "/api/accounts/\(other.accountId)/social/connections/\(facebook)", token: other.accessToken).status == 404)
            #expect(try await api.call(.delete, "\(base)/social/connections/\(facebook)", token: owner.accessToken).status == 204)
            #expect(try await api.call(.delete, "\(base)/social/connections/\(facebook)", token: owner.accessToken).status == 404)
            #expect(try await api.call(.get, "\(base)/publishing-profile", token: owner.accessToken).string("status") == "NEEDS_RECONNECT")
            // It is unlinked at the provider too, so the next sync does not bring it back.
            let linked = try await sandbox.profiles().first { $0["refId"] as? String == refId }?["linked"] as? [[String: Any]]
            #expect(linked?.map { $0["platform"] as? String } == ["instagram"])
            let resynced = try await api.call(.get, "\(base)/social/connections?refresh=true", token: owner.accessToken)
            #expect((resynced.json["connections"] as? [[String: Any]])?.first { $0["platform"] as? String == "FACEBOOK" }?["status"] as? String == "DISCONNECTED")
        }
    }

    @Test func concurrentProfileCreationMakesOneProfile() async throws {
        try await withSandboxAndAPI { api, sandbox in
            let owner = try await api.signup()
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await api.call(.post, "/api/accounts/\(owner.accountId)/social/profile", token: owner.accessToken) }
                }
                return try await group.reduce(into: [Reply]()) { $0.append($1) }
            }
            #expect(replies.map(\.status).sorted() == [200, 200, 201])
            #expect(Set(replies.compactMap { $0.string("providerProfileId") }).count == 1)
            let titles = try await sandbox.profiles().compactMap { $0["title"] as? String }.filter { $0.contains(owner.accountId) }
            #expect(titles.count == 1)
        }
    }

    @Test func theServiceRegistersItsWebhookWhenAskedTo() async throws {
        try await withSandboxAndAPI(overrides: ["AYRSHARE_REGISTER_WEBHOOKS": "true", "PUBLIC_BASE_URL": "http://registered.invalid/"]) { api, sandbox in
            let owner = try await api.signup()
            let refId = try #require(try await api.call(.post, "/api/accounts/\(owner.accountId)/social/profile", token: owner.accessToken).string("providerProfileId"))
            try await sandbox.link(refId, "facebook", id: "fb-r", name: "Page")
            #expect(try await eventually {
                let deliveries = try await sandbox.call(.get, "/sandbox/webhooks")
                return deliveries.body.contains("http://registered.invalid/api/webhooks/ayrshare")
            })
        }
    }

    @Test func verifyingWithoutAProfileOrWithBadInputFails() async throws {
        try await withSandboxAndAPI { api, _ in
            let owner = try await api.signup()
            let base = "/api/accounts/\(owner.accountId)"
            let none = try await api.call(
                .post, "\(base)/publishing-profile/verify", token: owner.accessToken, json: ["facebookAccountId": "a", "instagramAccountId": "b"]
            )
            #expect(none.status == 409)
            #expect(none.errorCode == "no_provider_profile")
            let blank = try await api.call(
                .post, "\(base)/publishing-profile/verify", token: owner.accessToken, json: ["facebookAccountId": " ", "instagramAccountId": 3]
            )
            #expect(blank.status == 422)
            for body in [[:], ["facebookAccountId": NSNull(), "instagramAccountId": NSNull()]] as [[String: any Sendable]] {
                let neither = try await api.call(.post, "\(base)/publishing-profile/verify", token: owner.accessToken, json: body)
                #expect(neither.status == 422, "\(body)")
                #expect(neither.errorFields == ["facebookAccountId"])
            }
        }
    }

    /// A profile may name one platform; the other is then not published to, and unlinking it
    /// does not break the profile.
    @Test func aProfileMayNameOnePlatform() async throws {
        try await withSandboxAndAPI { api, sandbox in
            let owner = try await api.signup()
            try await api.setPlan(owner, "GROWTH")
            let base = "/api/accounts/\(owner.accountId)"
            let refId = try #require(try await api.call(.post, "\(base)/social/profile", token: owner.accessToken).string("providerProfileId"))
            try await sandbox.link(refId, "facebook", id: "fb-1", name: "Page")
            try await sandbox.link(refId, "instagram", id: "ig-1", name: "Insta")
            let verified = try await api.call(.post, "\(base)/publishing-profile/verify", token: owner.accessToken, json: ["facebookAccountId": "fb-1"])
            #expect(verified.status == 200)
            #expect(verified.string("facebookAccountId") == "fb-1")
            #expect(verified.json["instagramAccountId"] == nil)
            let accountId = try #require(UUID(uuidString: owner.accountId))
            try await sandbox.unlink(refId, "instagram")
            #expect(try await eventually {
                try await api.count(
                    "SELECT count(*)::int FROM social_connections WHERE account_id = \(accountId) AND platform = 'INSTAGRAM' AND status = 'DISCONNECTED'"
                ) == 1
            })
            #expect(try await AyrshareWebhookTests.status(api, owner) == "VERIFIED")
            try await sandbox.unlink(refId, "facebook")
            #expect(try await eventually { try await AyrshareWebhookTests.status(api, owner) == "NEEDS_RECONNECT" })
        }
    }

    @Test func providerOutagesAreServiceUnavailableNotErrors() async throws {
        try await withAPI(overrides: ["AYRSHARE_BASE_URL": "http://127.0.0.1:1/api"]) { api in
            let owner = try await api.signup()
            let reply = try await api.call(.post, "/api/accounts/\(owner.accountId)/social/profile", token: owner.accessToken)
            #expect(reply.status == 503)
            #expect(reply.headers[.retryAfter] != nil)
            let connections = try await api.call(.get, "/api/accounts/\(owner.accountId)/social/connections", token: owner.accessToken)
            #expect(connections.status == 200)
        }
    }
}

/// Signed deliveries straight to the webhook route, without the sandbox.
@Suite(.serialized) struct AyrshareWebhookTests {
    static let path = "/api/webhooks/ayrshare"

    static func signed(_ body: String, secret: String = PulseConfiguration.sandboxWebhookSecret, at time: Date = Date()) -> HTTPFields {
        let timestamp = Int64(time.timeIntervalSince1970)
        return [
            HTTPField.Name(WebhookSignature.timestampHeader)!: String(timestamp),
            HTTPField.Name(WebhookSignature.signatureHeader)!: WebhookSignature.sign(body: Array(body.utf8), timestamp: timestamp, secret: Secret(secret)),
        ]
    }

    /// An account with a provider profile and a verified publishing profile, set up in the database.
    static func verifiedAccount(_ api: API) async throws -> (Session, String) {
        let owner = try await api.signup()
        let accountId = try #require(UUID(uuidString: owner.accountId))
        let userId = try #require(UUID(uuidString: owner.userId))
        let refId = "ref-" + UUID().uuidString.lowercased()
        // Both platforms: a plan with room for two.
        try await api.services.database.query("UPDATE accounts SET plan = 'GROWTH' WHERE id = \(accountId)")
        let sealed = try api.services.secrets.seal("profile-key-\(UUID())", context: ConnectionSync.sealingContext(accountId))
        _ = try await api.services.social.saveProviderProfile(
            accountId: accountId, actor: userId, refId: refId, title: "t-\(refId)", sealedKey: sealed.combined, keyID: sealed.keyID
        )
        _ = try await api.services.social.syncConnections(
            accountId: accountId, actor: userId, refId: refId,
            linked: [
                LinkedSocialAccount(platform: .facebook, platformAccountId: "fb", displayName: nil),
                LinkedSocialAccount(platform: .instagram, platformAccountId: "ig", displayName: nil),
            ]
        )
        _ = try await api.services.social.verifyPublishingProfile(accountId: accountId, actor: userId, facebookAccountId: "fb", instagramAccountId: "ig")
        return (owner, refId)
    }

    static func unlinkBody(_ refId: String, nonce: String = UUID().uuidString) -> String {
        #"{"action":"social","created":"\#(nonce)","code":200,"platform":"instagram","refId":"\#(refId)","displayName":"x","source":"user","type":"unlink"}"#
    }

    static func status(_ api: API, _ owner: Session) async throws -> String? {
        try await api.call(.get, "/api/accounts/\(owner.accountId)/publishing-profile", token: owner.accessToken).string("status")
    }

    @Test func badSignaturesAreRefusedAndStoreNothing() async throws {
        try await withAPI { api in
            let (owner, refId) = try await Self.verifiedAccount(api)
            let body = Self.unlinkBody(refId)
            let before = try await api.count("SELECT count(*)::int8 FROM webhook_events")
            var attempts: [(String, HTTPFields)] = [
                ("no headers", [:]),
                ("wrong secret", Self.signed(body, secret: "not-the-secret")),
                ("stale", Self.signed(body, at: Date().addingTimeInterval(-330))),
                ("future", Self.signed(body, at: Date().addingTimeInterval(330))),  // well past 300 s: a slow run must not bring it back inside
            ]
            var tampered = Self.signed(body)
            tampered[HTTPField.Name(WebhookSignature.signatureHeader)!] = String(repeating: "0", count: 64)
            attempts.append(("zero signature", tampered))
            for (name, headers) in attempts {
                let reply = try await api.call(.post, Self.path, raw: body, headers: headers)
                #expect(reply.status == 401, "\(name)")
                #expect(reply.errorCode == "invalid_signature")
            }
            // Signed, then altered.
            let altered = try await api.call(.post, Self.path, raw: body.replacingOccurrences(of: "instagram", with: "facebook"), headers: Self.signed(body))
            #expect(altered.status == 401)
            #expect(try await api.count("SELECT count(*)::int8 FROM webhook_events") == before)
            #expect(try await AyrshareWebhookTests.status(api, owner) == "VERIFIED")
        }
    }

    @Test func aReplayedDeliveryIsAppliedOnce() async throws {
        try await withAPI { api in
            let (owner, refId) = try await Self.verifiedAccount(api)
            let body = Self.unlinkBody(refId)
            let first = try await api.call(.post, Self.path, raw: body, headers: Self.signed(body))
            #expect(first.status == 200)
            #expect(first.string("status") == "ok")
            let replay = try await api.call(.post, Self.path, raw: body, headers: Self.signed(body))
            #expect(replay.status == 200)
            #expect(replay.string("status") == "duplicate")
            #expect(try await AyrshareWebhookTests.status(api, owner) == "NEEDS_RECONNECT")
            let disconnects = try await api.count(
                "SELECT count(*)::int8 FROM audit_events WHERE account_id = \(UUID(uuidString: owner.accountId)!) AND event_type = 'SOCIAL_DISCONNECTED'"
            )
            #expect(disconnects == 1)
        }
    }

    @Test func rotatedSecretsAreAllAccepted() async throws {
        try await withAPI(overrides: ["AYRSHARE_WEBHOOK_SECRETS": "new-secret,old-secret"]) { api in
            let (_, refId) = try await Self.verifiedAccount(api)
            for secret in ["new-secret", "old-secret"] {
                let body = Self.unlinkBody(refId)
                #expect(try await api.call(.post, Self.path, raw: body, headers: Self.signed(body, secret: secret)).status == 200, "\(secret)")
            }
            let body = Self.unlinkBody(refId)
            #expect(try await api.call(.post, Self.path, raw: body, headers: Self.signed(body, secret: PulseConfiguration.sandboxWebhookSecret)).status == 401)
        }
    }

    @Test func deliveriesOnlyEverTouchTheAccountTheyName() async throws {
        try await withAPI { api in
            let (first, firstRef) = try await Self.verifiedAccount(api)
            let (second, _) = try await Self.verifiedAccount(api)
            let body = Self.unlinkBody(firstRef)
            #expect(try await api.call(.post, Self.path, raw: body, headers: Self.signed(body)).status == 200)
            #expect(try await Self.status(api, first) == "NEEDS_RECONNECT")
            #expect(try await Self.status(api, second) == "VERIFIED")
            // An unknown profile is acknowledged (so the provider stops retrying) and applied nowhere.
            let unknown = Self.unlinkBody("ref-nobody-\(UUID())")
            let reply = try await api.call(.post, Self.path, raw: unknown, headers: Self.signed(unknown))
            #expect(reply.status == 200)
            #expect(try await Self.status(api, second) == "VERIFIED")
        }
    }

    @Test func scheduledEventsAreStoredForThePublishingEngine() async throws {
        try await withAPI { api in
            let (owner, refId) = try await Self.verifiedAccount(api)
            let body = #"{"action":"scheduled","created":"\#(UUID())","code":200,"refId":"\#(refId)","status":"success","id":"p1","errors":[],"postIds":[]}"#
            #expect(try await api.call(.post, Self.path, raw: body, headers: Self.signed(body)).status == 200)
            let stored = try await api.count(
                "SELECT count(*)::int8 FROM webhook_events WHERE account_id = \(UUID(uuidString: owner.accountId)!) AND event_type = 'scheduled' AND applied_at IS NULL"
            )
            #expect(stored == 1)
            let malformed = "not json"
            #expect(try await api.call(.post, Self.path, raw: malformed, headers: Self.signed(malformed)).status == 400)
        }
    }
}
