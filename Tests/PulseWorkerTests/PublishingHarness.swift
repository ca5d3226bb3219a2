import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PulseCore
import PulseIntegrations
import PulseSandbox
import PulseSecurity
import PulseStore
import PulseTestSupport
import ServiceLifecycle
import Testing

@testable import PulseWorker

/// A scratch database (migrated), a live sandbox, and helpers to create accounts whose
/// publishing profiles are verified against sandbox profiles, content, and schedule items.
struct PublishingHarness: Sendable {
    let database: Database
    let databaseURL: String
    let sandboxURL: String
    let http: HTTPClient
    let ayrshare: AyrshareClient
    let secrets: SecretBox
    let queueKey = "pulseworks:dispatch:test-" + UUID().uuidString.lowercased()

    static func run(_ body: @Sendable (PublishingHarness) async throws -> Void) async throws {
        try await withScratchDatabase { database, url in
            try await MigrationRunner(database: database, migrations: try Migration.load(directory: TestEnvironment.migrationsDirectory)).migrate()
            let sandbox = buildSandboxApplication(SandboxConfiguration(), logger: TestEnvironment.logger("sandbox"))
            try await sandbox.test(.live) { client in
                let port = try #require(client.port)
                let base = "http://127.0.0.1:\(port)"
                let configuration = AyrshareConfiguration(baseURL: base + "/api", apiKey: Secret(PulseConfiguration.sandboxAPIKey))
                let http = AyrshareClient.makeHTTPClient(configuration)
                let harness = PublishingHarness(
                    database: database, databaseURL: url, sandboxURL: base, http: http,
                    ayrshare: AyrshareClient(configuration: configuration, http: http, logger: TestEnvironment.logger()),
                    secrets: SecretBox(keys: try TestEnvironment.configuration().encryptionKeys)
                )
                do {
                    try await body(harness)
                    try await http.shutdown()
                } catch {
                    try? await http.shutdown()
                    throw error
                }
            }
        }
    }

    struct Account: Sendable {
        let id: UUID
        let userId: UUID
        let refId: String
        let facebook: String
        let instagram: String
    }

    /// An account allowed to publish, with a sandbox profile whose accounts on `platforms` (a
    /// Facebook Page and an Instagram account by default) are linked and verified.
    func account(plan: Plan = .growth, platforms: Set<SocialPlatform> = [.facebook, .instagram]) async throws -> Account {
        let id = UUID()
        let userId = UUID()
        try await self.database.query(
            "INSERT INTO accounts (id, name, plan, posting_addon, billing_status) VALUES (\(id), 'Worker test', \(plan.rawValue), true, 'ACTIVE')"
        )
        try await self.database.query(
            "INSERT INTO users (id, email, password_hash) VALUES (\(userId), \("u-\(userId.text)@example.com"), 'x')"
        )
        try await self.database.query("INSERT INTO memberships (account_id, user_id, role) VALUES (\(id), \(userId), 'OWNER')")
        let created = try await self.ayrshare.createProfile(title: "acct-\(id.text)")
        let (facebook, instagram) = ("fb-\(id.text.prefix(8))", "ig-\(id.text.prefix(8))")
        let ids: [SocialPlatform: String] = [.facebook: facebook, .instagram: instagram]
        var linked: [LinkedSocialAccount] = []
        for platform in SocialPlatform.allCases where platforms.contains(platform) {
            let account = ids[platform] ?? ""
            try await self.admin(.POST, "/sandbox/profiles/\(created.refId)/link", ["platform": platform.providerName, "id": account, "displayName": "Linked"])
            linked.append(LinkedSocialAccount(platform: platform, platformAccountId: account, displayName: nil))
        }
        let sealed = try self.secrets.seal(created.profileKey, context: ProviderProfileRecord.sealingContext(id))
        let social = PostgresSocialRepository(database: self.database)
        _ = try await social.saveProviderProfile(
            accountId: id, actor: userId, refId: created.refId, title: created.title, sealedKey: sealed.combined, keyID: sealed.keyID
        )
        _ = try await social.syncConnections(accountId: id, actor: userId, refId: created.refId, linked: linked)
        _ = try await social.verifyPublishingProfile(
            accountId: id, actor: userId, facebookAccountId: platforms.contains(.facebook) ? facebook : nil,
            instagramAccountId: platforms.contains(.instagram) ? instagram : nil
        )
        return Account(id: id, userId: userId, refId: created.refId, facebook: facebook, instagram: instagram)
    }

    static let image = "https://media.example.com/post.png"

    /// `count` approved content items with one schedule item each on `platform`, QUEUED, due at `due`.
    @discardableResult
    func items(_ count: Int, for account: Account, due: Date, platform: SocialPlatform = .facebook) async throws -> [UUID] {
        var ids: [UUID] = []
        for index in 0..<count {
            let content = UUID()
            let item = UUID()
            try await self.database.query(
                """
                INSERT INTO content_items (account_id, id, month, title, caption, hashtags, media_url, platform_targets, status, approved_by, approved_at, approved_hash, position)
                VALUES (\(account.id), \(content), '2026-12', 'Post', \("Caption \(index) for \(item.text)"), ARRAY['bakery'], \(Self.image),
                        ARRAY[\(platform.rawValue)], 'SCHEDULED', \(account.userId), now(),
                        content_fingerprint('Post', \("Caption \(index) for \(item.text)"), ARRAY['bakery'], \(Self.image), ARRAY[\(platform.rawValue)]),
                        \(Int32(index)))
                """
            )
            try await self.database.query(
                """
                INSERT INTO schedule_items (account_id, id, content_item_id, month, platform, scheduled_for, due_at, provider_profile_id, target_account_id, status)
                VALUES (\(account.id), \(item), \(content), '2026-12', \(platform.rawValue), \(due), \(due), \(account.refId),
                        \(platform == .facebook ? account.facebook : account.instagram), 'QUEUED')
                """
            )
            ids.append(item)
        }
        return ids
    }

    /// A worker with test-speed settings; `adjust` changes them further.
    func worker(redisURL: String? = nil, _ adjust: (inout PublishingSettings) -> Void = { _ in }) throws -> WorkerServices {
        var overrides = ["DATABASE_URL": self.databaseURL, "AYRSHARE_BASE_URL": self.sandboxURL + "/api", "WORKER_METRICS_PORT": "0"]
        if let redisURL { overrides["REDIS_URL"] = redisURL }
        let configuration = try TestEnvironment.configuration(overrides: overrides)
        var settings = PublishingSettings(
            tickInterval: .milliseconds(500), alignTicks: false, lease: .seconds(20), pollInterval: .milliseconds(20),
            reconcileInterval: .milliseconds(300), reconcileRetry: .milliseconds(500), reconcileAfter: .seconds(1), gracePeriod: .seconds(5),
            retryPolicy: RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(200), maxDelay: .seconds(1), window: .seconds(3600)),
            queueKey: self.queueKey
        )
        adjust(&settings)
        return try WorkerServices(configuration: configuration, logger: TestEnvironment.logger("worker"), settings: settings)
    }

    /// Runs the workers until `done` holds (or `timeout`), then shuts them down gracefully.
    func running(_ workers: [WorkerServices], timeout: Duration = .seconds(120), until done: @Sendable () async throws -> Bool) async throws -> Bool {
        let groups = workers.map { ServiceGroup(services: $0.services(logger: TestEnvironment.logger("worker")), logger: TestEnvironment.logger("worker")) }
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            for group in groups {
                tasks.addTask { try await group.run() }
            }
            let deadline = ContinuousClock.now + timeout
            var finished = false
            while ContinuousClock.now < deadline {
                if try await done() {
                    finished = true
                    break
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            for group in groups {
                await group.triggerGracefulShutdown()
            }
            try await tasks.waitForAll()
            return finished
        }
    }

    /// Counts of items by status.
    func statuses() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for try await (status, count) in try await self.database.query("SELECT status, count(*)::int FROM schedule_items GROUP BY status").decode((String, Int).self) {
            counts[status] = count
        }
        return counts
    }

    func count(_ query: PostgresQuery) async throws -> Int {
        for try await value in try await self.database.query(query).decode(Int.self) {
            return value
        }
        return -1
    }

    /// `GET /sandbox/posts`: every post the sandbox holds, with how often each was really published.
    func sandboxPosts() async throws -> [[String: Any]] {
        let body = try await self.admin(.GET, "/sandbox/posts", nil)
        return (try JSONSerialization.jsonObject(with: Data(body.utf8))) as? [[String: Any]] ?? []
    }

    func faults(_ settings: [String: any Sendable]) async throws {
        try await self.admin(.POST, "/sandbox/faults", settings)
    }

    @discardableResult
    func admin(_ method: NIOHTTP1.HTTPMethod, _ path: String, _ json: [String: any Sendable]?) async throws -> String {
        var request = HTTPClientRequest(url: self.sandboxURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(PulseConfiguration.sandboxAPIKey)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        }
        let response = try await self.http.execute(request, timeout: .seconds(10))
        let body = String(buffer: try await response.body.collect(upTo: 64 << 20))
        try #require((200..<300).contains(Int(response.status.code)), "sandbox \(path) failed: \(body)")
        return body
    }
}

import NIOHTTP1
import PostgresNIO
