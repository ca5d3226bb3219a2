/// What an admin action did: the events it emitted, in logical order, and the subscription after it.
struct StripeActionOutcome: Sendable {
    let events: [StubEvent]
    let subscription: StubSubscription
}

extension StripeStubStore {
    /// Completes an open checkout session as a paying customer would: creates the subscription
    /// (and the customer, when the session named none) and emits `checkout.session.completed`,
    /// `customer.subscription.created` and `invoice.paid`.
    func completeCheckout(_ id: String) throws(SandboxError) -> StripeActionOutcome {
        guard var session = self.checkoutSessions[id] else { throw .notFound("No such checkout session: \(id).") }
        guard session.status == "open" else { throw SandboxError(.conflict, "Checkout session \(id) is already \(session.status).") }
        let customer = session.customer ?? self.createCustomer(email: nil, name: nil, metadata: [:]).id
        let start = Self.now()
        let subscriptionId = "sub_" + RandomIdentifier.alphanumeric(24)
        var subscription = StubSubscription(
            id: subscriptionId, status: "active", customer: customer, metadata: session.metadata,
            items: StubSubscription.items(subscription: subscriptionId, lines: session.lineItems, start: start), created: start
        )
        let invoice = StubInvoice(subscription: subscription, status: "paid", created: start)
        subscription.latestInvoice = invoice.id
        session.customer = customer
        session.subscription = subscriptionId
        session.status = "complete"
        session.paymentStatus = "paid"
        session.url = nil
        self.checkoutSessions[id] = session
        self.subscriptions[subscriptionId] = subscription
        return self.emit(
            [
                ("checkout.session.completed", .checkoutSession(session), nil),
                ("customer.subscription.created", .subscription(subscription), nil),
                ("invoice.paid", .invoice(invoice), nil),
            ],
            subscription: subscription
        )
    }

    /// A renewal payment fails: the subscription goes `past_due`; emits `invoice.payment_failed`
    /// and `customer.subscription.updated`.
    func failPayment(_ id: String) throws(SandboxError) -> StripeActionOutcome {
        var subscription = try self.existingSubscription(id)
        guard subscription.status == "active" || subscription.status == "trialing" else {
            throw SandboxError(.conflict, "Subscription \(id) is \(subscription.status); only an active or trialing one can fail a payment.")
        }
        let previous = subscription.status
        let invoice = StubInvoice(subscription: subscription, status: "open", created: Self.now())
        subscription.status = "past_due"
        subscription.latestInvoice = invoice.id
        self.subscriptions[id] = subscription
        return self.emit(
            [
                ("invoice.payment_failed", .invoice(invoice), nil),
                ("customer.subscription.updated", .subscription(subscription), StubEvent.PreviousAttributes(status: previous)),
            ],
            subscription: subscription
        )
    }

    /// The subscription ends at once: `canceled`; emits `customer.subscription.deleted`.
    func cancelSubscription(_ id: String) throws(SandboxError) -> StripeActionOutcome {
        var subscription = try self.existingSubscription(id)
        guard subscription.status != "canceled" else { throw SandboxError(.conflict, "Subscription \(id) is already canceled.") }
        subscription.status = "canceled"
        subscription.canceledAt = Self.now()
        self.subscriptions[id] = subscription
        return self.emit([("customer.subscription.deleted", .subscription(subscription), nil)], subscription: subscription)
    }

    /// Changes the status and/or the prices (a plan change), keeping the current period; emits
    /// `customer.subscription.updated` with what changed in `previous_attributes`.
    func updateSubscription(_ id: String, status: String?, priceIds: [String]?) throws(SandboxError) -> StripeActionOutcome {
        var subscription = try self.existingSubscription(id)
        guard subscription.status != "canceled" else { throw SandboxError(.conflict, "Subscription \(id) is canceled and cannot be updated.") }
        guard status != nil || priceIds != nil else { throw SandboxError(.badRequest, "Give status, priceIds or both.") }
        var previous = StubEvent.PreviousAttributes()
        if let status {
            guard StubSubscription.statuses.contains(status) else {
                throw SandboxError(.badRequest, "status must be one of \(StubSubscription.statuses.sorted().joined(separator: ", ")).")
            }
            if status != subscription.status { previous.status = subscription.status }
            subscription.status = status
        }
        if let priceIds {
            guard !priceIds.isEmpty, priceIds.allSatisfy({ !$0.isEmpty }) else {
                throw SandboxError(.badRequest, "priceIds must list at least one price id.")
            }
            let start = subscription.items.data.first?.currentPeriodStart ?? Self.now()
            previous.items = subscription.items
            let lines = priceIds.map { StubCheckoutSession.LineItem(price: $0, quantity: 1) }
            subscription.items = StubSubscription.items(subscription: id, lines: lines, start: start)
        }
        self.subscriptions[id] = subscription
        return self.emit([("customer.subscription.updated", .subscription(subscription), previous)], subscription: subscription)
    }

    private func existingSubscription(_ id: String) throws(SandboxError) -> StubSubscription {
        guard let subscription = self.subscriptions[id] else { throw .notFound("No such subscription: \(id).") }
        return subscription
    }

    /// Records events for `parts` in order, each `created` after the one before.
    private func emit(
        _ parts: [(type: String, object: StubEvent.Object, previous: StubEvent.PreviousAttributes?)], subscription: StubSubscription
    ) -> StripeActionOutcome {
        let events = parts.map { StubEvent(type: $0.type, created: self.nextEventCreated(), object: $0.object, previousAttributes: $0.previous) }
        self.events.append(contentsOf: events.map { StubEventRecord(event: $0) })
        return StripeActionOutcome(events: events, subscription: subscription)
    }
}
