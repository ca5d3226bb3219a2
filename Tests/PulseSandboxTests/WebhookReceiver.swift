import Foundation
import Hummingbird
import HummingbirdTesting
import PulseCore
import PulseIntegrations
import Testing

/// A real HTTP server that receives the sandbox's webhooks, checks every signature with
/// `WebhookSignature.verify` and records what arrived. It can answer the first deliveries with 500.
struct WebhookReceiver: Sendable {
    static let secret = Secret("receiver-test-secret")

    /// One delivery as it arrived.
    struct Received: Sendable {
        let path: String
        let body: String
        let signatureValid: Bool
        let contentType: String?

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(self.body.utf8))) as? [String: Any] ?? [:]
        }
    }

    /// What arrived, and how many of the next deliveries to refuse.
    actor Log {
        /// Accepted deliveries with valid signatures.
        private(set) var received: [Received] = []
        /// Deliveries whose signature did not verify (answered 401).
        private(set) var rejected: [Received] = []
        /// Every delivery attempt, accepted or not.
        private(set) var attempts = 0
        private var failuresLeft: Int

        init(failures: Int) {
            self.failuresLeft = failures
        }

        /// Records an attempt and decides its answer: 401 for a bad signature, 500 while
        /// failures are left, else 200.
        func record(_ delivery: Received) -> HTTPResponse.Status {
            self.attempts += 1
            guard delivery.signatureValid else {
                self.rejected.append(delivery)
                return .unauthorized
            }
            guard self.failuresLeft == 0 else {
                self.failuresLeft -= 1
                return .internalServerError
            }
            self.received.append(delivery)
            return .ok
        }
    }

    let log: Log
    let baseURL: String

    /// The URL of `path` on this receiver.
    func url(_ path: String = "/hooks/ayrshare") -> String {
        self.baseURL + path
    }

    /// Deliveries that arrived with a valid signature and were accepted.
    func received() async -> [Received] {
        await self.log.received
    }

    /// Waits for the accepted deliveries to reach `count`; none may have had a bad signature.
    func waitFor(_ count: Int) async throws -> [Received] {
        let arrived = try await eventually { await self.log.received.count >= count }
        let rejected = await self.log.rejected
        #expect(rejected.isEmpty, "deliveries with a bad signature: \(rejected.map(\.body))")
        let received = await self.log.received
        try #require(arrived, "expected \(count) webhook deliveries, got \(received.count)")
        return received
    }
}

/// Runs a webhook receiver on a free port for `body`; deliveries are checked against `secrets`.
func withWebhookReceiver(
    secrets: [Secret] = [WebhookReceiver.secret], failures: Int = 0, _ body: @Sendable (WebhookReceiver) async throws -> Void
) async throws {
    let log = WebhookReceiver.Log(failures: failures)
    let router = Router()
    router.post("/**") { request, context -> Response in
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let bytes = Array(buffer.readableBytesView)
        let signatureValid: Bool
        do {
            try WebhookSignature.verify(
                body: bytes,
                timestamp: request.headers.first { $0.name.canonicalName == WebhookSignature.timestampHeader.lowercased() }?.value,
                signature: request.headers.first { $0.name.canonicalName == WebhookSignature.signatureHeader.lowercased() }?.value,
                secrets: secrets
            )
            signatureValid = true
        } catch {
            signatureValid = false
        }
        let delivery = WebhookReceiver.Received(
            path: request.uri.path, body: String(decoding: bytes, as: UTF8.self),
            signatureValid: signatureValid, contentType: request.headers[.contentType]
        )
        return Response(status: await log.record(delivery))
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: testLogger("receiver"))
    try await app.test(.live) { client in
        let port = try #require(client.port)
        try await body(WebhookReceiver(log: log, baseURL: "http://127.0.0.1:\(port)"))
    }
}
