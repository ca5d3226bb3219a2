import Foundation
import Hummingbird
import HummingbirdTesting
import PulseCore
import PulseIntegrations
import Testing

@testable import PulseSandbox

@Suite("Sandbox Stripe")
struct StripeSandboxTests {
    static let key = "sk_test_sandbox_tests"
    static let secrets = [Secret("whsec_current"), Secret("whsec_rolling")]

    @Test("form bodies: bracket nesting, percent-encoding and +, lists in index order")
    func formBody() throws {
        let form = try StripeFormBody(parsing: "name=Ada+Lovelace&metadata%5Baccount_id%5D=acc%2F1&items[1][p]=b&items[0][p]=a&ids[]=x&ids[]=y")
        #expect(try form.string("name") == "Ada Lovelace")
        #expect(try form.hash("metadata") == ["account_id": "acc/1"])
        #expect(try form.list("items").map { try $0.string("p") } == ["a", "b"])
        #expect(form.strings("ids") == ["x", "y"])
        #expect(throws: StripeStubError.self) { try StripeFormBody(parsing: "a=1&a[b]=2") }
        #expect(throws: StripeStubError.self) { try StripeFormBody(parsing: "a=%zz") }
    }

    @Test("customers, checkout, portal and subscriptions round-trip with form bodies")
    func roundTrip() async throws {
        try await withStripeSandbox { sandbox in
            let customer = try await sandbox.stripe("/v1/customers", "email=ada%2Bbilling%40example.com&name=Ada+Lovelace&metadata%5Baccount_id%5D=acc_1")
            #expect(customer.status == 200)
            let customerId = try #require(customer.json["id"] as? String)
            #expect(customerId.hasPrefix("cus_"))
            #expect(customer.json["object"] as? String == "customer")
            #expect(customer.json["email"] as? String == "ada+billing@example.com")
            #expect(customer.json["name"] as? String == "Ada Lovelace")
            #expect(customer.json["metadata"] as? [String: String] == ["account_id": "acc_1"])

            let session = try await sandbox.checkout(customer: customerId)
            let sessionId = try #require(session["id"] as? String)
            #expect(sessionId.hasPrefix("cs_"))
            #expect(session["object"] as? String == "checkout.session")
            #expect((session["url"] as? String)?.hasSuffix("/sandbox/stripe/checkout/\(sessionId)") == true)
            #expect(session["customer"] as? String == customerId)
            #expect(session["client_reference_id"] as? String == "acc_1")
            #expect(session["metadata"] as? [String: String] == ["account_id": "acc_1", "plan": "pro"])
            #expect(session["status"] as? String == "open")
            let page = try await sandbox.call(.get, "/sandbox/stripe/checkout/\(sessionId)", bearer: nil)
            #expect(page.status == 200 && page.body.contains("/sandbox/stripe/checkout/\(sessionId)/complete"))

            let portal = try await sandbox.stripe("/v1/billing_portal/sessions", "customer=\(customerId)&return_url=https%3A%2F%2Fapp.example%2Fbilling")
            let portalId = try #require(portal.json["id"] as? String)
            #expect(portalId.hasPrefix("bps_"))
            #expect((portal.json["url"] as? String)?.hasSuffix("/sandbox/stripe/portal/\(portalId)") == true)

            let completed = try await sandbox.call(.post, "/sandbox/stripe/checkout/\(sessionId)/complete", bearer: nil)
            let subscriptionId = try #require((completed.json["subscription"] as? [String: Any])?["id"] as? String)
            let subscription = try await sandbox.call(.get, "/v1/subscriptions/\(subscriptionId)", bearer: Self.key).json
            #expect(subscription["object"] as? String == "subscription")
            #expect(subscription["status"] as? String == "active")
            #expect(subscription["customer"] as? String == customerId)
            #expect(subscription["cancel_at_period_end"] as? Bool == false)
            #expect(subscription["metadata"] as? [String: String] == ["account_id": "acc_1", "plan": "pro"])
            let items = try #require((subscription["items"] as? [String: Any])?["data"] as? [[String: Any]])
            #expect(items.compactMap { ($0["price"] as? [String: Any])?["id"] as? String } == ["price_pro", "price_seat"])
            let periodEnd = try #require(items.first?["current_period_end"] as? Int)
            #expect(abs(periodEnd - Int(Date().timeIntervalSince1970) - 30 * 86400) < 60)

            let missing = try await sandbox.call(.get, "/v1/subscriptions/sub_nope", bearer: Self.key)
            #expect(missing.status == 404)
            #expect(missing.stripeError?["code"] as? String == "resource_missing")
            #expect(missing.stripeError?["param"] as? String == "id")
        }
    }

    @Test("invalid requests get Stripe-shaped 400s")
    func validation() async throws {
        try await withStripeSandbox { sandbox in
            let noMode = try await sandbox.stripe("/v1/checkout/sessions", "line_items[0][price]=p&line_items[0][quantity]=1")
            #expect(noMode.status == 400)
            #expect(noMode.stripeError?["type"] as? String == "invalid_request_error")
            #expect(noMode.stripeError?["code"] as? String == "parameter_missing")
            #expect(noMode.stripeError?["param"] as? String == "mode")
            let unknown = try await sandbox.stripe("/v1/customers", "emial=a%40b.c")
            #expect(unknown.stripeError?["code"] as? String == "parameter_unknown")
            let noQuantity = try await sandbox.stripe("/v1/checkout/sessions", "mode=subscription&line_items[0][price]=p")
            #expect(noQuantity.stripeError?["param"] as? String == "line_items[0][quantity]")
            let noCustomer = try await sandbox.stripe("/v1/billing_portal/sessions", "customer=cus_nope")
            #expect(noCustomer.stripeError?["code"] as? String == "resource_missing")
        }
    }

    @Test("Idempotency-Key: the same request replays the first answer, a different one is a 409")
    func idempotency() async throws {
        try await withStripeSandbox { sandbox in
            let first = try await sandbox.stripe("/v1/customers", "email=a%40example.com", idempotencyKey: "key-1")
            let replay = try await sandbox.stripe("/v1/customers", "email=a%40example.com", idempotencyKey: "key-1")
            #expect(first.status == 200 && replay.status == 200)
            #expect(replay.body == first.body)
            #expect(replay.header("Idempotent-Replayed") == "true")
            let other = try await sandbox.stripe("/v1/customers", "email=b%40example.com", idempotencyKey: "key-1")
            #expect(other.status == 409)
            #expect(other.stripeError?["type"] as? String == "idempotency_error")
            // A refused request keeps no answer: corrected, it may use its key again.
            #expect(try await sandbox.stripe("/v1/customers", "bogus=1", idempotencyKey: "key-2").status == 400)
            #expect(try await sandbox.stripe("/v1/customers", "email=c%40example.com", idempotencyKey: "key-2").status == 200)
        }
    }

    @Test("without the secret key Stripe calls are refused; the OpenAI stub under /v1 is not affected")
    func authentication() async throws {
        try await withStripeSandbox { sandbox in
            let none = try await sandbox.call(.post, "/v1/customers", bearer: nil)
            #expect(none.status == 401)
            #expect(none.stripeError?["type"] as? String == "invalid_request_error")
            #expect(try await sandbox.stripe("/v1/customers", "", key: "sk_test_wrong").status == 401)
            #expect(try await sandbox.call(.get, "/v1/subscriptions/sub_x", bearer: "sk_test_wrong").status == 401)
            let openAI = try await sandbox.call(.post, "/v1/chat/completions", json: ["model": "x"], bearer: "sk-openai")
            #expect(openAI.status == 400 && openAI.stripeError?["message"] is String)
        }
    }

    @Test("complete emits three signed events, in order, each verifying under every secret")
    func complete() async throws {
        try await withStripeReceiver { receiver in
            try await withStripeSandbox(webhookURL: receiver.url) { sandbox in
                let session = try await sandbox.checkout(customer: nil)
                let reply = try await sandbox.call(.post, "/sandbox/stripe/checkout/\(session["id"] as? String ?? "")/complete", bearer: nil)
                let emitted = try #require(reply.json["events"] as? [[String: Any]])
                #expect(emitted.compactMap { $0["type"] as? String } == ["checkout.session.completed", "customer.subscription.created", "invoice.paid"])

                let received = try await receiver.waitFor(3)
                #expect(received.map(\.type) == ["checkout.session.completed", "customer.subscription.created", "invoice.paid"])
                #expect(received.map(\.id) == emitted.compactMap { $0["id"] as? String })
                for delivery in received {
                    for secret in Self.secrets {
                        #expect(throws: Never.self) {
                            try StripeSignature.verify(body: Array(delivery.body.utf8), header: delivery.signature, secrets: [secret])
                        }
                    }
                    #expect(delivery.json["api_version"] as? String == "2025-03-31.basil")
                    #expect(delivery.json["livemode"] as? Bool == false)
                }
                #expect(received.map(\.created) == received.map(\.created).sorted() && Set(received.map(\.created)).count == 3)
                let completed = try #require(received.first?.object)
                let subscriptionId = try #require(completed["subscription"] as? String)
                #expect(completed["status"] as? String == "complete")
                #expect(completed["client_reference_id"] as? String == "acc_1")
                #expect((completed["customer"] as? String)?.hasPrefix("cus_") == true)
                #expect(completed["metadata"] as? [String: String] == ["account_id": "acc_1", "plan": "pro"])
                #expect(received[1].object["id"] as? String == subscriptionId)
                #expect(received[2].object["object"] as? String == "invoice")
                #expect(received[2].object["subscription"] as? String == subscriptionId)
                #expect(received[2].object["status"] as? String == "paid")
                #expect(try await eventually { try await sandbox.stripeEvents().allSatisfy { $0["status"] as? String == "delivered" } })
            }
        }
    }

    @Test("duplicate delivers every event twice; reverse delivers them in reverse order")
    func duplicateAndReverse() async throws {
        try await withStripeReceiver { receiver in
            try await withStripeSandbox(webhookURL: receiver.url) { sandbox in
                let first = try #require(try await sandbox.checkout(customer: nil)["id"] as? String)
                _ = try await sandbox.call(.post, "/sandbox/stripe/checkout/\(first)/complete", json: ["duplicate": true], bearer: nil)
                let doubled = try await receiver.waitFor(6)
                #expect(doubled.map(\.type) == ["checkout.session.completed", "checkout.session.completed", "customer.subscription.created",
                                                 "customer.subscription.created", "invoice.paid", "invoice.paid"])
                #expect(Set(doubled.map(\.id)).count == 3)

                let second = try #require(try await sandbox.checkout(customer: nil)["id"] as? String)
                _ = try await sandbox.call(.post, "/sandbox/stripe/checkout/\(second)/complete", json: ["reverse": true], bearer: nil)
                let reversed = Array(try await receiver.waitFor(9).suffix(3))
                #expect(reversed.map(\.type) == ["invoice.paid", "customer.subscription.created", "checkout.session.completed"])
                #expect(reversed.map(\.created) == reversed.map(\.created).sorted(by: >))
            }
        }
    }

    @Test("fail-payment, update and cancel move the subscription and emit ordered events")
    func lifecycle() async throws {
        try await withStripeReceiver { receiver in
            try await withStripeSandbox(webhookURL: receiver.url) { sandbox in
                let session = try #require(try await sandbox.checkout(customer: nil)["id"] as? String)
                let completed = try await sandbox.call(.post, "/sandbox/stripe/checkout/\(session)/complete", bearer: nil)
                let id = try #require((completed.json["subscription"] as? [String: Any])?["id"] as? String)
                // Separate actions deliver concurrently, as Stripe may: wait for each before the next.
                _ = try await receiver.waitFor(3)
                let failed = try await sandbox.call(.post, "/sandbox/stripe/subscriptions/\(id)/fail-payment", bearer: nil)
                #expect((failed.json["subscription"] as? [String: Any])?["status"] as? String == "past_due")
                _ = try await receiver.waitFor(5)
                let change: [String: any Sendable] = ["status": "active", "priceIds": ["price_agency"]]
                let updated = try await sandbox.call(.post, "/sandbox/stripe/subscriptions/\(id)/update", json: change, bearer: nil)
                #expect(updated.status == 200)
                _ = try await receiver.waitFor(6)
                #expect(try await sandbox.call(.post, "/sandbox/stripe/subscriptions/\(id)/cancel", bearer: nil).status == 200)
                #expect(try await sandbox.call(.post, "/sandbox/stripe/subscriptions/\(id)/cancel", bearer: nil).status == 409)
                #expect(try await sandbox.call(.get, "/v1/subscriptions/\(id)", bearer: Self.key).json["status"] as? String == "canceled")

                let received = try await receiver.waitFor(7)
                #expect(received.suffix(4).map(\.type) == [
                    "invoice.payment_failed", "customer.subscription.updated", "customer.subscription.updated", "customer.subscription.deleted",
                ])
                #expect(received[4].previous?["status"] as? String == "active")
                #expect(received[4].object["status"] as? String == "past_due")
                #expect(received[5].previous?["status"] as? String == "past_due")
                #expect(received[5].previous?["items"] != nil)
                #expect(received[6].object["status"] as? String == "canceled")
                #expect(zip(received, received.dropFirst()).allSatisfy { $0.created < $1.created })
            }
        }
    }

    @Test("reset forgets Stripe state and restores the configured webhook URL")
    func reset() async throws {
        try await withStripeSandbox(webhookURL: "http://127.0.0.1:9/configured") { sandbox in
            #expect(try await sandbox.call(.post, "/sandbox/stripe/webhook", json: ["url": "http://127.0.0.1:9/other"], bearer: nil).status == 200)
            let session = try #require(try await sandbox.checkout(customer: nil)["id"] as? String)
            _ = try await sandbox.call(.post, "/sandbox/stripe/checkout/\(session)/complete", bearer: nil)
            #expect(try await sandbox.stripeEvents().count == 3)
            #expect(try await sandbox.call(.post, "/sandbox/reset", bearer: nil).status == 200)
            #expect(try await sandbox.stripeEvents().isEmpty)
            #expect(try await sandbox.call(.get, "/sandbox/stripe/checkout/\(session)", bearer: nil).status == 404)
            let again = try #require(try await sandbox.checkout(customer: nil)["id"] as? String)
            _ = try await sandbox.call(.post, "/sandbox/stripe/checkout/\(again)/complete", bearer: nil)
            let deliveries = try await sandbox.stripeEvents().first?["deliveries"] as? [[String: Any]]
            #expect(deliveries?.first?["url"] as? String == "http://127.0.0.1:9/configured")
        }
    }
}

extension Sandbox {
    /// A form-encoded POST to the Stripe API with the test key (or `key`).
    func stripe(_ path: String, _ form: String, key: String? = StripeSandboxTests.key, idempotencyKey: String? = nil) async throws -> Reply {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let key { headers[.authorization] = "Bearer \(key)" }
        if let idempotencyKey, let name = HTTPFields.Element.Name("Idempotency-Key") { headers[name] = idempotencyKey }
        return try await self.client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: form)) { response in
            Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
        }
    }

    /// A subscription-mode checkout session with two line items, for `acc_1`.
    func checkout(customer: String?) async throws -> [String: Any] {
        let form = (customer.map { "customer=\($0)&" } ?? "") + "mode=subscription&line_items%5B0%5D%5Bprice%5D=price_pro&line_items%5B0%5D%5Bquantity%5D=1"
            + "&line_items[1][price]=price_seat&line_items[1][quantity]=3&success_url=https%3A%2F%2Fapp.example%2Fok&cancel_url=https%3A%2F%2Fapp.example%2Fno"
            + "&client_reference_id=acc_1&metadata[account_id]=acc_1&metadata[plan]=pro"
        let reply = try await self.stripe("/v1/checkout/sessions", form)
        try #require(reply.status == 200, "checkout failed: \(reply.body)")
        return reply.json
    }

    func stripeEvents() async throws -> [[String: Any]] {
        try await self.call(.get, "/sandbox/stripe/events").array
    }
}

extension Reply {
    /// `error` of a Stripe (or OpenAI) error body.
    var stripeError: [String: Any]? { self.json["error"] as? [String: Any] }
}

/// Runs a sandbox whose Stripe expects the test key, signs with both test secrets and delivers to `webhookURL`.
func withStripeSandbox(webhookURL: String? = nil, _ body: @Sendable (Sandbox) async throws -> Void) async throws {
    var configuration = testConfiguration()
    configuration.stripeSecretKey = Secret(StripeSandboxTests.key)
    configuration.stripeWebhookSecrets = StripeSandboxTests.secrets
    configuration.stripeWebhookURL = webhookURL
    try await withSandbox(configuration, body)
}

/// A real HTTP server standing in for PulseWorks's Stripe webhook endpoint: records each delivery
/// with its `Stripe-Signature` header, in the order they arrive.
struct StripeReceiver: Sendable {
    struct Delivery: Sendable {
        let body: String
        let signature: String?

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(self.body.utf8))) as? [String: Any] ?? [:] }
        var id: String { self.json["id"] as? String ?? "" }
        var type: String { self.json["type"] as? String ?? "" }
        var created: Int { self.json["created"] as? Int ?? 0 }
        var object: [String: Any] { (self.json["data"] as? [String: Any])?["object"] as? [String: Any] ?? [:] }
        var previous: [String: Any]? { (self.json["data"] as? [String: Any])?["previous_attributes"] as? [String: Any] }
    }

    actor Log {
        private(set) var deliveries: [Delivery] = []
        func append(_ delivery: Delivery) { self.deliveries.append(delivery) }
    }

    let log: Log
    let url: String

    /// Waits for `count` deliveries and returns them in arrival order.
    func waitFor(_ count: Int) async throws -> [Delivery] {
        let arrived = try await eventually { await self.log.deliveries.count >= count }
        let deliveries = await self.log.deliveries
        try #require(arrived, "expected \(count) Stripe deliveries, got \(deliveries.count)")
        return deliveries
    }
}

func withStripeReceiver(_ body: @Sendable (StripeReceiver) async throws -> Void) async throws {
    let log = StripeReceiver.Log()
    let router = Router()
    router.post("/**") { request, _ -> HTTPResponse.Status in
        let buffer = try await request.body.collect(upTo: 1 << 20)
        await log.append(.init(body: String(buffer: buffer), signature: request.headers.first { $0.name.canonicalName == "stripe-signature" }?.value))
        return .ok
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: testLogger("stripe-receiver"))
    try await app.test(.live) { client in
        try await body(StripeReceiver(log: log, url: "http://127.0.0.1:\(try #require(client.port))/api/webhooks/stripe"))
    }
}
