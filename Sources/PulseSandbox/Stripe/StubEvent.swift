import PulseIntegrations

/// A Stripe event as delivered to the webhook endpoint:
/// `{id, object: "event", type, created, livemode, api_version, data: {object, previous_attributes?}}`.
struct StubEvent: Encodable, Sendable {
    /// The object an event is about.
    enum Object: Encodable, Sendable {
        case checkoutSession(StubCheckoutSession)
        case subscription(StubSubscription)
        case invoice(StubInvoice)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .checkoutSession(let session): try session.encode(to: encoder)
            case .subscription(let subscription): try subscription.encode(to: encoder)
            case .invoice(let invoice): try invoice.encode(to: encoder)
            }
        }
    }

    /// The fields an update changed, with their values before it; only those present are written.
    struct PreviousAttributes: Encodable, Sendable {
        var status: String?
        var items: StubSubscription.Items?
    }

    /// `data`: the object as it is after the event, and what an update changed.
    struct Payload: Encodable, Sendable {
        let object: Object
        let previousAttributes: PreviousAttributes?

        private enum CodingKeys: String, CodingKey {
            case object
            case previousAttributes = "previous_attributes"
        }
    }

    let id: String
    let object = "event"
    let type: String
    /// Unix seconds, strictly increasing across the sandbox's events (see `StripeStubStore.nextEventCreated`).
    let created: Int64
    let livemode = false
    let apiVersion = StripeConfiguration.pinnedAPIVersion
    let data: Payload

    init(type: String, created: Int64, object: Object, previousAttributes: PreviousAttributes? = nil) {
        self.id = "evt_" + RandomIdentifier.alphanumeric(24)
        self.type = type
        self.created = created
        self.data = Payload(object: object, previousAttributes: previousAttributes)
    }

    private enum CodingKeys: String, CodingKey {
        case id, object, type, created, livemode, data
        case apiVersion = "api_version"
    }
}

/// An event the sandbox emitted and what became of each delivery of it, for `GET /sandbox/stripe/events`.
struct StubEventRecord: Sendable {
    /// One POST of the event (twice as many for a `duplicate` action).
    struct Delivery: Encodable, Sendable {
        let id: Int
        let url: String?
        var status: WebhookDeliveryRecord.Outcome
        var attempts = 0
        /// The HTTP status of the last answer, if one arrived.
        var responseStatus: Int?
        /// Why the last attempt failed.
        var lastError: String?
    }

    let event: StubEvent
    var deliveries: [Delivery] = []

    /// `skipped` without deliveries, else the least finished of them: pending, then failed, then delivered.
    var status: WebhookDeliveryRecord.Outcome {
        let statuses = self.deliveries.map(\.status)
        if statuses.isEmpty || statuses.allSatisfy({ $0 == .skipped }) { return .skipped }
        if statuses.contains(.pending) { return .pending }
        return statuses.contains(.failed) ? .failed : .delivered
    }
}
