import AsyncHTTPClient
import Foundation
import Logging
import PulseCore
import PulseIntegrations
import ServiceLifecycle

/// Sends the Stripe stub's events in the background, signed with `Stripe-Signature` under every
/// configured secret, retrying failures after the same delays as the Ayrshare webhooks. The
/// events of one action go out one after another in the order given (so `reverse` really
/// reverses their arrival); a failed one is retried alongside, as Stripe would.
final class StripeStubDeliverer: Service, Sendable {
    /// One POST of one event.
    struct Delivery: Sendable {
        let id: Int
        let type: String
        let url: String
        let body: [UInt8]
    }

    let store: StripeStubStore
    private let secrets: [Secret]
    private let retryDelays: [Duration]
    private let timeout: Duration
    private let logger: Logger
    private let queue: AsyncStream<[Delivery]>
    private let continuation: AsyncStream<[Delivery]>.Continuation

    init(store: StripeStubStore, secrets: [Secret], retryDelays: [Duration], timeout: Duration, logger: Logger) {
        self.store = store
        self.secrets = secrets
        self.retryDelays = retryDelays
        self.timeout = timeout
        self.logger = logger
        (self.queue, self.continuation) = AsyncStream.makeStream(of: [Delivery].self)
    }

    /// Records and queues one action's events: in reverse when `reverse`, each twice in a row
    /// (same event id) when `duplicate`. Returns at once.
    func send(_ events: [StubEvent], duplicate: Bool, reverse: Bool) async {
        var batch: [Delivery] = []
        for event in reverse ? events.reversed() : events {
            let body = SandboxJSON.encode(event)
            for _ in 0..<(duplicate ? 2 : 1) {
                let (id, url) = await self.store.beginDelivery(eventId: event.id)
                guard let url else { continue }
                batch.append(Delivery(id: id, type: event.type, url: url, body: body))
            }
        }
        if batch.isEmpty {
            self.logger.debug("no Stripe webhook URL: deliveries skipped", metadata: ["events": "\(events.count)"])
            return
        }
        self.continuation.yield(batch)
    }

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            await withDiscardingTaskGroup { group in
                for await batch in self.queue.cancelOnGracefulShutdown() {
                    group.addTask { await self.deliver(batch, with: client) }
                }
                // Retries still waiting would hold up shutdown; a development sandbox drops them.
                group.cancelAll()
            }
        }
        self.continuation.finish()
    }

    /// First attempts strictly in order; each failure then retries on its own.
    private func deliver(_ batch: [Delivery], with client: HTTPClient) async {
        await withDiscardingTaskGroup { retries in
            for delivery in batch {
                if await self.attempt(delivery, number: 0, with: client) { continue }
                retries.addTask { await self.retry(delivery, with: client) }
            }
        }
    }

    /// The attempts after the first, one after each retry delay, until one succeeds.
    private func retry(_ delivery: Delivery, with client: HTTPClient) async {
        for (index, delay) in self.retryDelays.enumerated() {
            do { try await Task.sleep(for: delay) } catch { return }
            if await self.attempt(delivery, number: index + 1, with: client) { return }
        }
        self.logger.warning("Stripe webhook delivery failed", metadata: ["type": "\(delivery.type)", "attempts": "\(self.retryDelays.count + 1)"])
    }

    /// One signed POST, recorded; a fresh timestamp each time, as a real retry would have.
    private func attempt(_ delivery: Delivery, number: Int, with client: HTTPClient) async -> Bool {
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "Stripe/1.0 (+https://stripe.com/docs/webhooks; PulseWorks-Sandbox)")
        request.headers.add(
            name: StripeSignature.header,
            value: StripeSignature.header(body: delivery.body, timestamp: StripeStubStore.now(), secrets: self.secrets)
        )
        request.body = .bytes(delivery.body)
        var responseStatus: Int?
        var failure: String?
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(self.timeout.wholeNanoseconds))
            // Read the answer to the end so the connection can be reused.
            _ = try? await response.body.collect(upTo: 1 << 16)
            responseStatus = Int(response.status.code)
            if !(200..<300).contains(Int(response.status.code)) { failure = "HTTP \(response.status.code)" }
        } catch {
            failure = String(String(describing: error).prefix(200))
        }
        let last = number == self.retryDelays.count
        let status: WebhookDeliveryRecord.Outcome = failure == nil ? .delivered : (last ? .failed : .pending)
        await self.store.recordAttempt(id: delivery.id, status: status, responseStatus: responseStatus, error: failure)
        if let failure {
            self.logger.debug(
                "Stripe webhook attempt failed", metadata: ["type": "\(delivery.type)", "attempt": "\(number + 1)", "error": "\(failure)"]
            )
        }
        return failure == nil
    }
}
