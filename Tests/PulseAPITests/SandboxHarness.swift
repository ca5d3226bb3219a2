import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PulseAPI
import PulseCore
import PulseSandbox
import PulseTestSupport
import Testing

/// The sandbox's admin API, as tests drive it.
struct SandboxAdmin: Sendable {
    let client: any TestClientProtocol

    func call(_ method: HTTPRequest.Method, _ path: String, json: [String: any Sendable]? = nil) async throws -> Reply {
        var headers: HTTPFields = [.authorization: "Bearer \(PulseConfiguration.sandboxAPIKey)"]
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        }
        return try await self.client.execute(uri: path, method: method, headers: headers, body: body) { response in
            Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
        }
    }

    func link(_ refId: String, _ platform: String, id: String, name: String) async throws {
        let reply = try await self.call(.post, "/sandbox/profiles/\(refId)/link", json: ["platform": platform, "id": id, "displayName": name])
        try #require((200..<300).contains(reply.status), "link failed: \(reply.body)")
    }

    func unlink(_ refId: String, _ platform: String) async throws {
        let reply = try await self.call(.post, "/sandbox/profiles/\(refId)/unlink", json: ["platform": platform])
        try #require((200..<300).contains(reply.status), "unlink failed: \(reply.body)")
    }

    /// `GET /sandbox/profiles` as JSON objects.
    func profiles() async throws -> [[String: Any]] {
        let reply = try await self.call(.get, "/sandbox/profiles")
        return (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8))) as? [[String: Any]] ?? []
    }
}

/// Runs the sandbox and the API as real servers on free ports; the API talks to the sandbox and
/// the sandbox delivers its signed webhooks to the API.
func withSandboxAndAPI(
    overrides: [String: String] = [:], logHandler: LogRecorder? = nil, stripe: Bool = false,
    _ body: @Sendable (API, SandboxAdmin) async throws -> Void
) async throws {
    try await TestMigrations.shared.ensureMigrated()
    let sandbox = buildSandboxApplication(
        SandboxConfiguration(webhookRetryDelays: [.milliseconds(100), .milliseconds(200)]), logger: TestEnvironment.logger("sandbox")
    )
    try await sandbox.test(.live) { sandboxClient in
        let sandboxPort = try #require(sandboxClient.port)
        var variables = ["AYRSHARE_BASE_URL": "http://localhost:\(sandboxPort)/api"]
        if stripe {
            variables["STRIPE_BASE_URL"] = "http://localhost:\(sandboxPort)"
        }
        variables.merge(overrides) { _, new in new }
        let configuration = try TestEnvironment.configuration(overrides: variables)
        var logger = TestEnvironment.logger()
        if let logHandler {
            logger = logHandler.logger(label: "pulseworks.test")
        }
        let services = try await WebServices(configuration: configuration, logger: logger)
        let app = buildApplication(services, logger: logger)
        try await app.test(.live) { apiClient in
            let apiPort = try #require(apiClient.port)
            let admin = SandboxAdmin(client: sandboxClient)
            for action in ["social", "scheduled"] {
                let registered = try await admin.call(
                    .post, "/api/hook/webhook", json: ["action": action, "url": "http://localhost:\(apiPort)/api/webhooks/ayrshare"]
                )
                try #require(registered.status == 200, "webhook registration failed: \(registered.body)")
            }
            if stripe {
                let hook = try await admin.call(.post, "/sandbox/stripe/webhook", json: ["url": "http://localhost:\(apiPort)/api/webhooks/stripe"])
                try #require(hook.status == 200, "pointing the Stripe webhook failed: \(hook.body)")
            }
            try await body(API(client: apiClient, services: services), admin)
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

import Logging
