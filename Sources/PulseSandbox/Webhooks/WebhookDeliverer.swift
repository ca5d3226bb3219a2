import AsyncHTTPClient
import Foundation
import Logging
import PulseCore
import PulseIntegrations
import ServiceLifecycle

/// Sends the sandbox's webhooks in the background, signed as PulseWorks verifies them, retrying
/// failures. It owns the HTTP client it sends with: the client lives exactly as long as `run()`,
/// so it is shut down gracefully with the application.
final class WebhookDeliverer: Service, Sendable {
    /// One webhook on its way.
    struct Delivery: Sendable {
        let id: Int
        let action: String
        let url: String
        let secret: Secret
        let body: [UInt8]
    }

    private let store: SandboxStore
    private let secret: Secret
    private let retryDelays: [Duration]
    private let timeout: Duration
    private let logger: Logger
    private let queue: AsyncStream<Delivery>
    private let continuation: AsyncStream<Delivery>.Continuation

    init(store: SandboxStore, secret: Secret, retryDelays: [Duration], timeout: Duration, logger: Logger) {
        self.store = store
        self.secret = secret
        self.retryDelays = retryDelays
        self.timeout = timeout
        self.logger = logger
        (self.queue, self.continuation) = AsyncStream.makeStream(of: Delivery.self)
    }

    /// Records `payload` as a delivery of `action` and queues it for the registered URL; returns
    /// at once, so no request waits for a webhook.
    func send(action: String, payload: some Encodable) async {
        let body = SandboxJSON.encode(payload)
        let (id, registration) = await self.store.beginDelivery(action: action, body: String(decoding: body, as: UTF8.self))
        guard let registration else {
            self.logger.debug("no webhook registered: delivery skipped", metadata: ["action": "\(action)"])
            return
        }
        self.continuation.yield(Delivery(id: id, action: action, url: registration.url, secret: registration.secret ?? self.secret, body: body))
    }

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            await withDiscardingTaskGroup { group in
                for await delivery in self.queue.cancelOnGracefulShutdown() {
                    group.addTask { await self.deliver(delivery, with: client) }
                }
                // Retries still waiting would hold up shutdown; a development sandbox drops them.
                group.cancelAll()
            }
        }
        self.continuation.finish()
    }

    /// Attempts `delivery` once and once more after each retry delay, until an attempt succeeds.
    private func deliver(_ delivery: Delivery, with client: HTTPClient) async {
        let attempts = self.retryDelays.count + 1
        for attempt in 0..<attempts {
            if attempt > 0 {
                do { try await Task.sleep(for: self.retryDelays[attempt - 1]) } catch { return }
            }
            let result = await self.attempt(delivery, with: client)
            let status: WebhookDeliveryRecord.Outcome = result.delivered ? .delivered : (attempt == attempts - 1 ? .failed : .pending)
            await self.store.recordAttempt(id: delivery.id, status: status, responseStatus: result.responseStatus, error: result.error)
            if result.delivered { return }
            self.logger.debug(
                "webhook delivery attempt failed",
                metadata: ["action": "\(delivery.action)", "attempt": "\(attempt + 1)", "error": "\(result.error ?? "")"]
            )
        }
        self.logger.warning("webhook delivery failed", metadata: ["action": "\(delivery.action)", "attempts": "\(attempts)"])
    }

    /// One signed POST of the delivery; a fresh timestamp each time, as a real retry would have.
    private func attempt(_ delivery: Delivery, with client: HTTPClient) async -> (delivered: Bool, responseStatus: Int?, error: String?) {
        let timestamp = Int64(Date().timeIntervalSince1970)
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "PulseWorks-Sandbox")
        request.headers.add(name: WebhookSignature.timestampHeader, value: String(timestamp))
        request.headers.add(
            name: WebhookSignature.signatureHeader,
            value: WebhookSignature.sign(body: delivery.body, timestamp: timestamp, secret: delivery.secret)
        )
        request.body = .bytes(delivery.body)
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(self.timeout.wholeNanoseconds))
            // Read the answer to the end so the connection can be reused.
            _ = try? await response.body.collect(upTo: 1 << 16)
            let code = Int(response.status.code)
            return ((200..<300).contains(code), code, (200..<300).contains(code) ? nil : "HTTP \(code)")
        } catch {
            return (false, nil, String(String(describing: error).prefix(200)))
        }
    }
}
