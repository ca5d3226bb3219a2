import Hummingbird

/// The Stripe API calls PulseWorks makes, under `/v1` behind `StripeGateMiddleware`: customers,
/// subscription-mode checkout sessions, billing portal sessions and reading a subscription.
/// Bodies are form-encoded; every POST honours `Idempotency-Key`.
struct StripeAPIController {
    let store: StripeStubStore
    /// The sandbox's address for hosted-page URLs, when a request carries no `Host`.
    let fallbackBaseURL: String

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.post("customers", use: self.createCustomer)
        group.post("checkout/sessions", use: self.createCheckoutSession)
        group.post("billing_portal/sessions", use: self.createPortalSession)
        group.get("subscriptions/:id", use: self.subscription)
    }

    /// `email`, `name`, `metadata[…]`.
    @Sendable func createCustomer(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        try await self.idempotent(request, context: context) { form in
            try form.requireOnly(["email", "name", "metadata", "expand"])
            return await self.store.createCustomer(
                email: try form.string("email"), name: try form.string("name"), metadata: try form.hash("metadata")
            )
        }
    }

    /// `mode=subscription`, `line_items[i][price|quantity]`, `customer`, `success_url`,
    /// `cancel_url`, `client_reference_id`, `metadata[…]`.
    @Sendable func createCheckoutSession(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let baseURL = self.baseURL(of: request)
        return try await self.idempotent(request, context: context) { form in
            try form.requireOnly(["mode", "line_items", "customer", "success_url", "cancel_url", "client_reference_id", "metadata", "expand"])
            guard let mode = try form.string("mode") else { throw StripeStubError.missing("mode") }
            guard mode == "subscription" else {
                throw StripeStubError.invalidRequest("The sandbox supports only mode=subscription, not \(mode).", param: "mode")
            }
            return try await self.store.createCheckoutSession(
                customer: try form.string("customer"), lineItems: try Self.lineItems(form), clientReferenceId: try form.string("client_reference_id"),
                metadata: try form.hash("metadata"), successURL: try form.string("success_url"), cancelURL: try form.string("cancel_url"),
                baseURL: baseURL
            )
        }
    }

    /// `customer`, `return_url`.
    @Sendable func createPortalSession(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let baseURL = self.baseURL(of: request)
        return try await self.idempotent(request, context: context) { form in
            try form.requireOnly(["customer", "return_url", "expand"])
            guard let customer = try form.string("customer") else { throw StripeStubError.missing("customer") }
            return try await self.store.createPortalSession(customer: customer, returnURL: try form.string("return_url"), baseURL: baseURL)
        }
    }

    @Sendable func subscription(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let subscription = await self.store.subscription(id) else {
            throw StripeStubError.noSuch("subscription", id, param: "id", status: .notFound)
        }
        return SandboxJSON.response(subscription)
    }

    /// The `line_items` list: at least one, each with a price and a positive integer quantity.
    static func lineItems(_ form: StripeFormBody) throws(StripeStubError) -> [StubCheckoutSession.LineItem] {
        let items = try form.list("line_items")
        guard !items.isEmpty else { throw .missing("line_items") }
        var lines: [StubCheckoutSession.LineItem] = []
        for (index, item) in items.enumerated() {
            let prefix = "line_items[\(index)]"
            try item.requireOnly(["price", "quantity"], prefix: prefix)
            guard let price = try item.string("price") else { throw .missing("\(prefix)[price]") }
            guard let text = try item.string("quantity") else { throw .missing("\(prefix)[quantity]") }
            guard let quantity = Int(text), quantity >= 1 else {
                throw StripeStubError(
                    .badRequest, code: "parameter_invalid_integer", "Invalid positive integer: \(text)", param: "\(prefix)[quantity]"
                )
            }
            lines.append(.init(price: price, quantity: quantity))
        }
        return lines
    }

    /// `http://<Host>` of the request: the address the client reached the sandbox at.
    private func baseURL(of request: Request) -> String {
        request.head.authority.map { "http://\($0)" } ?? self.fallbackBaseURL
    }
}
