import Hummingbird

/// The Stripe stub's part of the admin API, under `/sandbox/stripe` (no authentication, like the
/// rest of `/sandbox`): the hosted checkout and portal pages, the actions that stand in for a
/// paying (or failing, or leaving) customer and emit signed events, the event log, and where
/// events are delivered.
struct StripeAdminController {
    let webhooks: StripeStubDeliverer

    private var store: StripeStubStore { self.webhooks.store }

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.get("checkout/:id", use: self.checkoutPage)
        group.get("portal/:id", use: self.portalPage)
        group.post("checkout/:id/complete", use: self.complete)
        group.post("subscriptions/:id/fail-payment", use: self.failPayment)
        group.post("subscriptions/:id/cancel", use: self.cancel)
        group.post("subscriptions/:id/update", use: self.update)
        group.get("events", use: self.events)
        group.post("webhook", use: self.setWebhook)
    }

    @Sendable func checkoutPage(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let session = await self.store.checkoutSession(id) else { throw SandboxError.notFound("No such checkout session: \(id).") }
        return StripeStubPages.checkout(session)
    }

    @Sendable func portalPage(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let session = await self.store.portalSession(id) else { throw SandboxError.notFound("No such billing portal session: \(id).") }
        return StripeStubPages.portal(session, subscriptions: await self.store.subscriptions(customer: session.customer))
    }

    /// Pays for the session: `checkout.session.completed`, `customer.subscription.created`, `invoice.paid`.
    /// A browser is sent on to the session's `success_url`.
    @Sendable func complete(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await StripeActionBody.read(request, context: context)
        let outcome = try await self.store.completeCheckout(id)
        let session = await self.store.checkoutSession(id)
        let successURL = session?.successUrl?.replacingOccurrences(of: "{CHECKOUT_SESSION_ID}", with: id)
        let location = successURL ?? "/sandbox/stripe/checkout/\(id)"
        return try await self.finish(outcome, body: body, request: request, context: context, browserGoesTo: location)
    }

    /// `past_due`: `invoice.payment_failed`, `customer.subscription.updated`.
    @Sendable func failPayment(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await StripeActionBody.read(request, context: context)
        let outcome = try await self.store.failPayment(id)
        return try await self.finish(outcome, body: body, request: request, context: context, browserGoesTo: request.headers[.referer])
    }

    /// `canceled`: `customer.subscription.deleted`.
    @Sendable func cancel(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await StripeActionBody.read(request, context: context)
        let outcome = try await self.store.cancelSubscription(id)
        return try await self.finish(outcome, body: body, request: request, context: context, browserGoesTo: request.headers[.referer])
    }

    /// `{status?, priceIds?}`: `customer.subscription.updated`, as a plan change or dunning would send it.
    @Sendable func update(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await StripeActionBody.read(request, context: context)
        let outcome = try await self.store.updateSubscription(id, status: body.status, priceIds: body.priceIds)
        return try await self.finish(outcome, body: body, request: request, context: context, browserGoesTo: request.headers[.referer])
    }

    /// Every event emitted since the last reset, oldest first, with its deliveries.
    @Sendable func events(_ request: Request, context: SandboxRequestContext) async throws -> [StripeEventListing] {
        await self.store.allEvents().map(StripeEventListing.init)
    }

    /// `{url}`: delivers events to `url` from now on (null or empty: nowhere) until the next reset.
    @Sendable func setWebhook(_ request: Request, context: SandboxRequestContext) async throws -> StripeWebhookSetting {
        let setting = try await request.decodeBody(as: StripeWebhookSetting.self, context: context)
        let url = setting.url.flatMap { $0.isEmpty ? nil : $0 }
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw SandboxError(.badRequest, "url must be an http:// or https:// URL.")
        }
        await self.store.setWebhookURL(url)
        context.logger.info("Stripe webhook URL set", metadata: ["url": "\(url ?? "none")"])
        return StripeWebhookSetting(url: url)
    }

    /// Queues the outcome's events and answers with them; a browser's form post is redirected instead.
    private func finish(
        _ outcome: StripeActionOutcome, body: StripeActionBody, request: Request, context: SandboxRequestContext, browserGoesTo location: String?
    ) async throws -> Response {
        await self.webhooks.send(outcome.events, duplicate: body.duplicate ?? false, reverse: body.reverse ?? false)
        context.logger.info(
            "Stripe events emitted",
            metadata: ["subscription": "\(outcome.subscription.id)", "events": "\(outcome.events.map(\.type).joined(separator: ","))"]
        )
        if body.fromForm, request.headers[.accept]?.contains("text/html") == true, let location {
            return Response(status: .seeOther, headers: [.location: location])
        }
        return try StripeActionResponse(outcome).response(from: request, context: context)
    }
}
