import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PulseCore
import PulseSandbox
import Testing

/// An answer as the tests see it.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: String

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(self.body.utf8))) as? [String: Any] ?? [:]
    }

    /// The body as a JSON array of objects (empty when it is not one).
    var array: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(self.body.utf8))) as? [[String: Any]] ?? []
    }

    /// The Ayrshare error code of an error body.
    var code: Int? { self.json["code"] as? Int }

    /// The header called `name`, in any case.
    func header(_ name: String) -> String? {
        self.headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }
}

/// Drives the sandbox through a Hummingbird test client: `/api` with a bearer token (and a
/// profile key when given), `/sandbox` as is.
struct Sandbox: Sendable {
    static let apiKey = "test-api-key"

    let client: any TestClientProtocol

    func call(
        _ method: HTTPRequest.Method, _ path: String, json: [String: any Sendable]? = nil,
        profileKey: String? = nil, bearer: String? = Sandbox.apiKey
    ) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if let profileKey, let name = HTTPFields.Element.Name("Profile-Key") { headers[name] = profileKey }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        }
        return try await self.client.execute(uri: path, method: method, headers: headers, body: body) { response in
            Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
        }
    }

    /// Every profile, the primary first.
    func profiles() async throws -> [[String: Any]] {
        try await self.call(.get, "/sandbox/profiles").array
    }

    /// The refId of the primary profile.
    func primaryRefId() async throws -> String {
        try #require(try await self.profiles().first?["refId"] as? String)
    }

    /// Creates a profile and returns its (refId, profileKey).
    func createProfile(_ title: String) async throws -> (refId: String, profileKey: String) {
        let reply = try await self.call(.post, "/api/profiles", json: ["title": title])
        try #require(reply.status == 200, "create profile failed: \(reply.body)")
        return (try #require(reply.json["refId"] as? String), try #require(reply.json["profileKey"] as? String))
    }

    func link(_ refId: String, _ platform: String, id: String = "104923", displayName: String = "Kiwi Bakery") async throws {
        let reply = try await self.call(.post, "/sandbox/profiles/\(refId)/link", json: ["platform": platform, "id": id, "displayName": displayName])
        try #require(reply.status == 200, "link failed: \(reply.body)")
    }

    func setFaults(_ faults: [String: any Sendable]) async throws {
        let reply = try await self.call(.post, "/sandbox/faults", json: faults)
        try #require(reply.status == 200, "faults failed: \(reply.body)")
    }

    func posts() async throws -> [[String: Any]] {
        try await self.call(.get, "/sandbox/posts").array
    }

    func deliveries() async throws -> [[String: Any]] {
        try await self.call(.get, "/sandbox/webhooks").array
    }
}

/// A quiet logger unless LOG_LEVEL asks for more.
func testLogger(_ label: String = "pulseworks.sandbox.test") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "") ?? .warning
    return logger
}

/// A sandbox configuration for tests: a known API key and short retry delays.
func testConfiguration(
    defaultWebhookURLs: [String: String] = [:],
    retryDelays: [Duration] = [.milliseconds(20), .milliseconds(40), .milliseconds(80)]
) -> SandboxConfiguration {
    SandboxConfiguration(
        host: "127.0.0.1", port: 0, apiKey: Secret(Sandbox.apiKey), webhookSecret: WebhookReceiver.secret,
        defaultWebhookURLs: defaultWebhookURLs, webhookRetryDelays: retryDelays, webhookTimeout: .seconds(2)
    )
}

/// Runs a fresh sandbox for `body`.
func withSandbox(
    _ configuration: SandboxConfiguration = testConfiguration(), setup: TestingSetup = .router,
    _ body: @Sendable (Sandbox) async throws -> Void
) async throws {
    try await buildSandboxApplication(configuration, logger: testLogger()).test(setup) { client in
        try await body(Sandbox(client: client))
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
