import Foundation

/// Everything the Stripe stub remembers, in memory: customers, checkout and portal sessions,
/// subscriptions, the events it emitted with their deliveries, idempotency keys and where
/// webhooks go. An actor like `SandboxStore`, so an action's state change and its events happen
/// as one step.
actor StripeStubStore {
    /// The webhook URL from the configuration; a reset restores it.
    let defaultWebhookURL: String?
    /// Where events are delivered; nil: recorded as skipped.
    var webhookURL: String?
    var customers: [String: StubCustomer] = [:]
    var checkoutSessions: [String: StubCheckoutSession] = [:]
    var portalSessions: [String: StubPortalSession] = [:]
    var subscriptions: [String: StubSubscription] = [:]
    /// In the order they were emitted.
    var events: [StubEventRecord] = []
    /// Idempotency key → the request it was first used with and, once answered, the answer.
    var idempotentRequests: [String: IdempotentRequest] = [:]
    /// Never reset, so a delivery still running across a reset cannot update a newer record.
    var nextDeliveryId = 1
    /// Never reset, so events stay ordered across a reset too.
    var lastEventCreated: Int64 = 0

    init(webhookURL: String?) {
        self.defaultWebhookURL = webhookURL
        self.webhookURL = webhookURL
    }

    /// Forgets everything but the counters, and points webhooks at the configured URL again.
    func reset() {
        self.webhookURL = self.defaultWebhookURL
        self.customers = [:]
        self.checkoutSessions = [:]
        self.portalSessions = [:]
        self.subscriptions = [:]
        self.events = []
        self.idempotentRequests = [:]
    }

    /// Points deliveries at `url` (nil: nowhere) until the next reset.
    func setWebhookURL(_ url: String?) {
        self.webhookURL = url
    }

    /// The `created` of the next event: now, or one second after the previous event when that is
    /// later, so events emitted within one second still order by `created` as they happened.
    func nextEventCreated() -> Int64 {
        self.lastEventCreated = max(Self.now(), self.lastEventCreated + 1)
        return self.lastEventCreated
    }

    /// A new customer.
    func createCustomer(email: String?, name: String?, metadata: [String: String]) -> StubCustomer {
        let customer = StubCustomer(id: "cus_" + RandomIdentifier.alphanumeric(14), email: email, name: name, metadata: metadata, created: Self.now())
        self.customers[customer.id] = customer
        return customer
    }

    /// A new open checkout session whose hosted page is under `baseURL`; the customer, when
    /// named, must exist.
    func createCheckoutSession(
        customer: String?, lineItems: [StubCheckoutSession.LineItem], clientReferenceId: String?, metadata: [String: String],
        successURL: String?, cancelURL: String?, baseURL: String
    ) throws(StripeStubError) -> StubCheckoutSession {
        if let customer, self.customers[customer] == nil { throw .noSuch("customer", customer, param: "customer") }
        let id = "cs_test_" + RandomIdentifier.alphanumeric(24)
        let session = StubCheckoutSession(
            id: id, url: baseURL + "/sandbox/stripe/checkout/" + id, customer: customer, clientReferenceId: clientReferenceId,
            metadata: metadata, status: "open", paymentStatus: "unpaid", subscription: nil, successUrl: successURL, cancelUrl: cancelURL,
            created: Self.now(), lineItems: lineItems
        )
        self.checkoutSessions[id] = session
        return session
    }

    /// A new portal session for an existing customer, its page under `baseURL`.
    func createPortalSession(customer: String, returnURL: String?, baseURL: String) throws(StripeStubError) -> StubPortalSession {
        guard self.customers[customer] != nil else { throw .noSuch("customer", customer, param: "customer") }
        let id = "bps_" + RandomIdentifier.alphanumeric(24)
        let session = StubPortalSession(
            id: id, url: baseURL + "/sandbox/stripe/portal/" + id, customer: customer, returnUrl: returnURL, created: Self.now()
        )
        self.portalSessions[id] = session
        return session
    }

    func subscription(_ id: String) -> StubSubscription? {
        self.subscriptions[id]
    }

    func checkoutSession(_ id: String) -> StubCheckoutSession? {
        self.checkoutSessions[id]
    }

    func portalSession(_ id: String) -> StubPortalSession? {
        self.portalSessions[id]
    }

    /// The customer's subscriptions, oldest first.
    func subscriptions(customer: String) -> [StubSubscription] {
        self.subscriptions.values.filter { $0.customer == customer }.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
    }

    /// Unix seconds.
    static func now() -> Int64 {
        Int64(Date().timeIntervalSince1970)
    }
}
