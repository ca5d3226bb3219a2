import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOHTTP1
import PulseCore

/// The Stripe API calls PulseWorks makes: customers, Checkout and portal sessions, subscriptions.
///
/// Every POST carries an `Idempotency-Key` derived from the operation itself, so a retry of the
/// same request (after a timeout, say) is answered with the first result instead of doing the
/// work twice, while a different request never collides with it. Every failure is a
/// `StripeError`; the secret key never appears in errors or logs.
public struct StripeClient: Sendable {
    let configuration: StripeConfiguration
    let http: HTTPClient
    let logger: Logger

    /// How long connecting may take; a failure here is `unreachable` and nothing was sent.
    static let connectTimeout: Duration = .seconds(5)

    /// An HTTP client for Stripe: a connect timeout and no redirects. The caller shuts it down.
    public static func makeHTTPClient() -> HTTPClient {
        var http = HTTPClient.Configuration()
        http.timeout = .init(connect: .nanoseconds(Self.connectTimeout.wholeNanoseconds))
        http.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
    }

    /// A client over `http` (from `makeHTTPClient()`, shut down by its owner), logging to `logger`.
    public init(configuration: StripeConfiguration, http: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.http = http
        self.logger = logger
    }

    /// Creates the customer for an account. The key `customer-<account id>` makes a retry (within
    /// Stripe's 24 hours of keys) return the same customer rather than a second one.
    public func createCustomer(accountId: UUID, email: String, name: String) async throws(StripeError) -> StripeCustomer {
        let account = Self.text(accountId)
        let fields: [FormEncoder.Field] = [
            .init("email", email),
            .init("name", name),
            .init("metadata", .fields([.init("account_id", account)])),
        ]
        return try await self.post("/v1/customers", fields: fields, idempotencyKey: { _ in "customer-" + account })
    }

    /// Creates a hosted Checkout session for a subscription to `request.priceIds`.
    public func createCheckoutSession(_ request: CheckoutSessionRequest) async throws(StripeError) -> StripeCheckoutSession {
        let account = Self.text(request.accountId)
        let lineItems = request.priceIds.map { price in
            FormEncoder.Value.fields([.init("price", price), .init("quantity", "1")])
        }
        let extra = request.metadata.filter { $0.key != "account_id" }
        let fields: [FormEncoder.Field] = [
            .init("mode", "subscription"),
            .init("line_items", .list(lineItems)),
            .init("customer", request.customer),
            .init("success_url", request.successURL),
            .init("cancel_url", request.cancelURL),
            .init("client_reference_id", account),
            .init("metadata", .fields([.init("account_id", account)] + FormEncoder.fields(extra))),
        ]
        return try await self.post("/v1/checkout/sessions", fields: fields, idempotencyKey: { "checkout-" + Self.digest($0) + Self.window() })
    }

    /// Creates a customer portal session that returns to `returnURL`.
    public func createPortalSession(customer: String, returnURL: String) async throws(StripeError) -> StripePortalSession {
        let fields: [FormEncoder.Field] = [.init("customer", customer), .init("return_url", returnURL)]
        return try await self.post("/v1/billing_portal/sessions", fields: fields, idempotencyKey: { "portal-" + Self.digest($0) + Self.window() })
    }

    /// The subscription `id` (`sub_…`) as Stripe has it now.
    public func subscription(id: String) async throws(StripeError) -> StripeSubscription {
        guard !id.isEmpty, let segment = id.addingPercentEncoding(withAllowedCharacters: Self.idCharacters) else {
            // An empty id would turn the call into "list all subscriptions".
            throw .invalidRequest(code: "resource_missing", message: "no subscription id given", param: "id")
        }
        return try await self.send(.GET, "/v1/subscriptions/" + segment, form: nil, idempotencyKey: nil)
    }

    // MARK: requests

    /// A POST of `fields`, its idempotency key made from the encoded body.
    private func post<Answer: Decodable>(
        _ path: String, fields: [FormEncoder.Field], idempotencyKey: (String) -> String
    ) async throws(StripeError) -> Answer {
        let form = FormEncoder.encode(fields)
        return try await self.send(.POST, path, form: form, idempotencyKey: idempotencyKey(form))
    }

    /// Lower-case hex SHA-256 of `form`: the same body always gives the same key.
    static func digest(_ form: String) -> String {
        Array(SHA256.hash(data: Array(form.utf8))).hex
    }

    /// A suffix naming the current five-minute window: a retry of the same request within it is
    /// replayed (no second session), while a click an hour later gets a fresh session rather than
    /// Stripe's 24-hour replay of one whose link has expired.
    static func window(now: Date = Date()) -> String {
        "-" + String(Int(now.timeIntervalSince1970) / 300)
    }

    /// The account id as text, lower case as Postgres writes it.
    static func text(_ accountId: UUID) -> String {
        accountId.uuidString.lowercased()
    }

    private static let idCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
}
