import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PulseCore
import PulseTestSupport
import Testing

@testable import PulseIntegrations

/// `StripeClient` over real HTTP against a stub that records each request and answers like Stripe.
/// Expected bodies and hashes come from stripe-python 16.1 (`urlencode(_api_encode(params))`).
@Suite(.serialized) struct StripeClientTests {
    static let secretKey = "sk_test_51HarbourSecretKeyValue0123456789"
    static let account = UUID(uuidString: "6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F")!
    static let checkoutBody =
        "mode=subscription&line_items%5B0%5D%5Bprice%5D=price_growth&line_items%5B0%5D%5Bquantity%5D=1"
        + "&line_items%5B1%5D%5Bprice%5D=price_addon&line_items%5B1%5D%5Bquantity%5D=1&customer=cus_123"
        + "&success_url=https%3A%2F%2Fapp.example.com%2Fbilling%3Fdone%3D1%26note%3Dcaf%C3%A9+ok"
        + "&cancel_url=https%3A%2F%2Fapp.example.com%2Fbilling&client_reference_id=6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
        + "&metadata%5Baccount_id%5D=6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f&metadata%5Bplan%5D=growth&metadata%5Bposting_addon%5D=true"

    /// A canned answer; `stall` sends part of the body and then waits.
    struct Answer: Sendable {
        var status: HTTPResponse.Status = .ok
        var body: String
        var headers: HTTPFields = [:]
        var delay: Duration? = nil
        var stall = false
    }

    /// One request as the stub saw it; header names in lower case.
    struct Seen: Sendable {
        let method: String
        let path: String
        let headers: [String: String]
        let body: String
    }

    /// What the stub saw, and the answers queued for the next requests (default answers after).
    actor Stub {
        private(set) var seen: [Seen] = []
        private var queued: [Answer] = []

        func queue(_ answers: Answer...) { self.queued += answers }

        func take(_ request: Seen) -> Answer? {
            self.seen.append(request)
            return self.queued.isEmpty ? nil : self.queued.removeFirst()
        }
    }

    struct Harness: Sendable {
        let client: StripeClient
        let stub: Stub
        let logs: LogRecorder

        /// The failure `call` throws, or nil when it succeeds.
        func failure<T>(_ call: @Sendable (StripeClient) async throws -> T) async -> StripeError? {
            do {
                _ = try await call(self.client)
                return nil
            } catch let error as StripeError {
                return error
            } catch {
                Issue.record("not a StripeError: \(error)")
                return nil
            }
        }
    }

    static let defaults: [String: String] = [
        "/v1/customers": #"{"id":"cus_123","object":"customer","email":"owner+shop@example.com"}"#,
        "/v1/checkout/sessions": #"{"id":"cs_test_1","object":"checkout.session","url":"https://checkout.stripe.com/c/pay/cs_test_1"}"#,
        "/v1/billing_portal/sessions": #"{"id":"bps_1","object":"billing_portal.session","url":"https://billing.stripe.com/p/session/test_1"}"#,
        "/v1/subscriptions/sub_123": """
            {"id":"sub_123","object":"subscription","status":"active","customer":"cus_123","cancel_at_period_end":true,
             "metadata":{"account_id":"6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f","plan":"growth"},
             "items":{"object":"list","data":[
               {"id":"si_1","price":{"id":"price_growth"},"current_period_end":1769904000},
               {"id":"si_2","price":{"id":"price_addon"},"current_period_end":1767225600}]}}
            """,
        "/v1/subscriptions/sub_old": """
            {"id":"sub_old","status":"past_due","customer":{"id":"cus_9","object":"customer"},"current_period_end":1700000000,
             "items":{"object":"list","data":[{"id":"si_9","price":{"id":"price_starter"}}]}}
            """,
    ]

    static func respond(_ request: Request, stub: Stub) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        let headers = Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { first, _ in first })
        let seen = Seen(method: request.method.rawValue, path: request.uri.path, headers: headers, body: String(buffer: body))
        let answer = await stub.take(seen) ?? Answer(body: Self.defaults[seen.path] ?? #"{"error":{"type":"invalid_request_error"}}"#)
        if let delay = answer.delay { try await Task.sleep(for: delay) }
        var fields = answer.headers
        fields[.contentType] = "application/json"
        guard answer.stall else { return Response(status: answer.status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: answer.body))) }
        return Response(status: answer.status, headers: fields, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: String(answer.body.prefix(5))))
            try await Task.sleep(for: .seconds(2))
            try await writer.finish(nil)
        })
    }

    static func withStub(timeout: Duration = .seconds(5), _ body: @Sendable (Harness) async throws -> Void) async throws {
        let stub = Stub()
        let router = Router()
        router.post("/v1/customers") { request, _ in try await Self.respond(request, stub: stub) }
        router.post("/v1/checkout/sessions") { request, _ in try await Self.respond(request, stub: stub) }
        router.post("/v1/billing_portal/sessions") { request, _ in try await Self.respond(request, stub: stub) }
        router.get("/v1/subscriptions/:id") { request, _ in try await Self.respond(request, stub: stub) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { tester in
            let port = try #require(tester.port)
            let logs = LogRecorder()
            let configuration = StripeConfiguration(baseURL: "http://127.0.0.1:\(port)/", secretKey: Secret(Self.secretKey), requestTimeout: timeout)
            let http = StripeClient.makeHTTPClient()
            let client = StripeClient(configuration: configuration, http: http, logger: logs.logger(label: "stripe"))
            do {
                try await body(Harness(client: client, stub: stub, logs: logs))
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    static func checkout(prices: [String] = ["price_growth", "price_addon"]) -> CheckoutSessionRequest {
        CheckoutSessionRequest(
            accountId: Self.account, customer: "cus_123", priceIds: prices,
            successURL: "https://app.example.com/billing?done=1&note=café ok", cancelURL: "https://app.example.com/billing",
            metadata: ["posting_addon": "true", "plan": "growth", "account_id": "someone-else"]
        )
    }

    @Test func aCustomerIsCreatedOncePerAccount() async throws {
        try await Self.withStub { harness in
            #expect(try await harness.client.createCustomer(accountId: Self.account, email: "owner+shop@example.com", name: "Harbour Cuts").id == "cus_123")
            let seen = try #require(await harness.stub.seen.first)
            #expect(seen.method == "POST" && seen.path == "/v1/customers")
            #expect(seen.body == "email=owner%2Bshop%40example.com&name=Harbour+Cuts&metadata%5Baccount_id%5D=6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f")
            #expect(seen.headers["authorization"] == "Bearer \(Self.secretKey)")
            #expect(seen.headers["stripe-version"] == "2025-03-31.basil")
            #expect(seen.headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(seen.headers["idempotency-key"] == "customer-6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f")
        }
    }

    @Test func checkoutSessionsEncodeExactlyWithAKeyFromTheBody() async throws {
        try await Self.withStub { harness in
            let session = try await harness.client.createCheckoutSession(Self.checkout())
            #expect(session == StripeCheckoutSession(id: "cs_test_1", url: "https://checkout.stripe.com/c/pay/cs_test_1"))
            _ = try await harness.client.createCheckoutSession(Self.checkout())
            _ = try await harness.client.createCheckoutSession(Self.checkout(prices: ["price_growth"]))
            let seen = await harness.stub.seen
            try #require(seen.count == 3)
            #expect(seen[0].path == "/v1/checkout/sessions" && seen[0].body == Self.checkoutBody)
            // The body's digest and the five-minute window: the same request retried soon is the same key.
            #expect(Self.keyBody(seen[0]) == "checkout-100cbab01545043ec4594a212902b24ec5ff8cab694a6183244550808eca26a9")
            #expect(seen[1].body == seen[0].body && Self.keyBody(seen[1]) == Self.keyBody(seen[0]))
            #expect(Self.keyBody(seen[2]) == "checkout-1e59df79e57c23424c1219ce97ae247a6af87502e3e7ad976c3c2cd96241aa47")
            #expect(seen.allSatisfy { $0.headers["authorization"] == "Bearer \(Self.secretKey)" && $0.headers["stripe-version"] == "2025-03-31.basil" })
        }
    }

    /// An idempotency key without its time-window suffix (checked to be a window number).
    static func keyBody(_ request: Seen) -> String? {
        guard let key = request.headers["idempotency-key"], let dash = key.lastIndex(of: "-"),
            Int(key[key.index(after: dash)...]) == Int(Date().timeIntervalSince1970) / 300
                || Int(key[key.index(after: dash)...]) == Int(Date().timeIntervalSince1970) / 300 - 1
        else { return nil }
        return String(key[..<dash])
    }

    @Test func portalSessionsAndSubscriptionsDecode() async throws {
        try await Self.withStub { harness in
            let portal = try await harness.client.createPortalSession(customer: "cus_123", returnURL: "https://app.example.com/settings/billing")
            #expect(portal == StripePortalSession(id: "bps_1", url: "https://billing.stripe.com/p/session/test_1"))
            let subscription = try await harness.client.subscription(id: "sub_123")
            #expect(subscription.id == "sub_123" && subscription.status == "active" && subscription.customer == "cus_123")
            #expect(subscription.priceIds == ["price_growth", "price_addon"])
            #expect(subscription.currentPeriodEnd == Date(timeIntervalSince1970: 1_769_904_000))
            #expect(subscription.cancelAtPeriodEnd)
            #expect(subscription.metadata == ["account_id": "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f", "plan": "growth"])
            let older = try await harness.client.subscription(id: "sub_old")
            #expect(older.customer == "cus_9" && older.priceIds == ["price_starter"] && !older.cancelAtPeriodEnd && older.metadata.isEmpty)
            #expect(older.currentPeriodEnd == Date(timeIntervalSince1970: 1_700_000_000))

            let seen = await harness.stub.seen
            #expect(seen[0].body == "customer=cus_123&return_url=https%3A%2F%2Fapp.example.com%2Fsettings%2Fbilling")
            #expect(Self.keyBody(seen[0]) == "portal-30f5151a206f5cc2d8c04e3635b3cbdcb5d3b9b76fa65d746129f8ab73b99831")
            #expect(seen[1].method == "GET" && seen[1].path == "/v1/subscriptions/sub_123" && seen[1].body.isEmpty)
            #expect(seen[1].headers["idempotency-key"] == nil && seen[1].headers["stripe-version"] == "2025-03-31.basil")
        }
    }

    @Test func everyErrorClassIsRecognisedAndNoneCarriesTheKey() async throws {
        try await Self.withStub { harness in
            func error(_ type: String, code: String? = nil, message: String, param: String? = nil, decline: String? = nil) throws -> String {
                var detail = ["type": type, "message": message]
                detail["code"] = code
                detail["param"] = param
                detail["decline_code"] = decline
                return String(decoding: try JSONSerialization.data(withJSONObject: ["error": detail]), as: UTF8.self)
            }
            await harness.stub.queue(
                Answer(status: .badRequest, body: try error("invalid_request_error", code: "parameter_missing", message: "Missing line_items", param: "line_items")),
                Answer(status: .notFound, body: try error("invalid_request_error", code: "resource_missing", message: "No such subscription: 'sub_x'", param: "id")),
                Answer(status: .unauthorized, body: try error("invalid_request_error", message: "Invalid API Key provided: sk_test_****6789")),
                Answer(status: .init(code: 402), body: try error("card_error", code: "card_declined", message: "Your card has insufficient funds.", decline: "insufficient_funds")),
                Answer(status: .conflict, body: try error("idempotency_error", message: "Keys for idempotent requests can only be used with the same parameters")),
                Answer(status: .tooManyRequests, body: try error("invalid_request_error", code: "rate_limit", message: "Too many requests"), headers: [.retryAfter: "7"]),
                Answer(status: .internalServerError, body: try error("api_error", message: "Something went wrong")),
                Answer(status: .serviceUnavailable, body: "<html>down</html>"),
                Answer(status: .badRequest, body: try error("invalid_request_error", message: "Bad key \(Self.secretKey) used")),
                Answer(body: #"{"id":"cs_1"}"#)
            )
            let expected: [StripeError] = [
                .invalidRequest(code: "parameter_missing", message: "Missing line_items", param: "line_items"),
                .invalidRequest(code: "resource_missing", message: "No such subscription: 'sub_x'", param: "id"),
                .authentication,
                .cardError(code: "card_declined", declineCode: "insufficient_funds", message: "Your card has insufficient funds."),
                .idempotency(message: "Keys for idempotent requests can only be used with the same parameters"),
                .rateLimited(retryAfter: .seconds(7)),
                .server(status: 500),
                .server(status: 503),
                .invalidRequest(code: nil, message: "Bad key <redacted> used", param: nil),
            ]
            for want in expected {
                let got = await harness.failure { try await $0.subscription(id: "sub_123") }
                #expect(got == want)
            }
            let malformed = try #require(await harness.failure { try await $0.createCheckoutSession(Self.checkout()) })
            guard case .malformedResponse = malformed else { Issue.record("a session without url is malformed, got \(malformed)"); return }
            #expect((expected + [malformed]).map(\.isRetryable) == [false, false, false, false, false, true, true, true, false, false])
            for failure in expected + [malformed] {
                #expect(!failure.message.contains(Self.secretKey) && !"\(failure)".contains("sk_test_"))
            }
            #expect(harness.logs.lines.filter { $0.contains("stripe call failed") }.count == expected.count + 1)
            #expect(!harness.logs.lines.contains { $0.contains(Self.secretKey) || $0.contains("sk_test_") })
        }
    }

    @Test(arguments: [false, true]) func aHangingAnswerTimesOut(stallBody: Bool) async throws {
        try await Self.withStub(timeout: .milliseconds(300)) { harness in
            await harness.stub.queue(stallBody ? Answer(body: Self.defaults["/v1/customers"]!, stall: true) : Answer(body: "{}", delay: .seconds(2)))
            let started = ContinuousClock.now
            let failure = await harness.failure { try await $0.subscription(id: "sub_123") }
            #expect(failure == .timedOut)
            #expect(ContinuousClock.now - started < .seconds(1.5))
            #expect(StripeError.timedOut.isRetryable)
        }
    }

    @Test func aRefusedConnectionIsUnreachable() async throws {
        let logs = LogRecorder()
        let http = StripeClient.makeHTTPClient()
        let configuration = StripeConfiguration(baseURL: "http://127.0.0.1:1", secretKey: Secret(Self.secretKey))
        let client = StripeClient(configuration: configuration, http: http, logger: logs.logger())
        let failure = await Harness(client: client, stub: Stub(), logs: logs).failure { try await $0.createPortalSession(customer: "cus_1", returnURL: "https://x") }
        try await http.shutdown()
        // AsyncHTTPClient retries the connect until its timeout, then reports the refusal.
        #expect(failure == .unreachable(reason: "connection refused"))
        #expect(failure?.isRetryable == true)
        #expect(!logs.lines.isEmpty && !logs.lines.contains { $0.contains(Self.secretKey) })
    }

    @Test func formEncodingNestsAndEscapes() {
        let fields: [FormEncoder.Field] = [
            .init("a b", "x+y=z&w/é~-._*"),
            .init("items", .list([.fields([.init("tags", .list([.text("1"), .text("2")]))])])),
            .init("empty", .list([])),
        ]
        #expect(FormEncoder.encode(fields) == "a+b=x%2By%3Dz%26w%2F%C3%A9~-._%2A&items%5B0%5D%5Btags%5D%5B0%5D=1&items%5B0%5D%5Btags%5D%5B1%5D=2")
        #expect(FormEncoder.fields(["b": "2", "a": "1"]) == [.init("a", "1"), .init("b", "2")])
    }
}
