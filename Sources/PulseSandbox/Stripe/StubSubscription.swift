/// A subscription in the shape of API version 2025-03-31.basil, where the billing period lives on
/// each item rather than on the subscription.
struct StubSubscription: Encodable, Sendable {
    /// `{id, object}`: the price an item bills.
    struct Price: Encodable, Sendable, Equatable {
        let id: String
        let object = "price"

        private enum CodingKeys: String, CodingKey { case id, object }
    }

    /// One subscription item: a price, its quantity and its current period.
    struct Item: Encodable, Sendable {
        let id: String
        let object = "subscription_item"
        let price: Price
        let quantity: Int
        let currentPeriodStart: Int64
        let currentPeriodEnd: Int64

        private enum CodingKeys: String, CodingKey {
            case id, object, price, quantity
            case currentPeriodStart = "current_period_start"
            case currentPeriodEnd = "current_period_end"
        }
    }

    /// `items`, a Stripe list object.
    struct Items: Encodable, Sendable {
        let object = "list"
        let data: [Item]
        let hasMore = false
        let url: String

        private enum CodingKeys: String, CodingKey {
            case object, data, url
            case hasMore = "has_more"
        }
    }

    let id: String
    let object = "subscription"
    /// `incomplete`, `incomplete_expired`, `trialing`, `active`, `past_due`, `canceled`, `unpaid` or `paused`.
    var status: String
    let customer: String
    var cancelAtPeriodEnd = false
    let metadata: [String: String]
    var items: Items
    @NullEncoded var latestInvoice: String?
    @NullEncoded var canceledAt: Int64?
    let created: Int64

    /// Every status Stripe gives a subscription.
    static let statuses: Set<String> = ["incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused"]

    /// Items for `lines`, billed from `start` for 30 days.
    static func items(subscription: String, lines: [StubCheckoutSession.LineItem], start: Int64) -> Items {
        let end = start + 30 * 24 * 3600
        return Items(
            data: lines.map {
                Item(
                    id: "si_" + RandomIdentifier.alphanumeric(14), price: Price(id: $0.price), quantity: $0.quantity,
                    currentPeriodStart: start, currentPeriodEnd: end
                )
            },
            url: "/v1/subscription_items?subscription=\(subscription)"
        )
    }

    private enum CodingKeys: String, CodingKey {
        case id, object, status, customer, metadata, items, created
        case cancelAtPeriodEnd = "cancel_at_period_end"
        case latestInvoice = "latest_invoice"
        case canceledAt = "canceled_at"
    }
}

/// An invoice of a subscription: `paid` or, after a failed payment, `open`. Carries the
/// subscription both where older API versions put it and under `parent` where basil does.
struct StubInvoice: Encodable, Sendable {
    /// `{type: "subscription_details", subscription_details: {subscription}}`.
    struct Parent: Encodable, Sendable {
        struct Details: Encodable, Sendable {
            let subscription: String
        }

        let type = "subscription_details"
        let subscriptionDetails: Details

        private enum CodingKeys: String, CodingKey {
            case type
            case subscriptionDetails = "subscription_details"
        }
    }

    let id: String
    let object = "invoice"
    let customer: String
    let subscription: String
    let status: String
    let parent: Parent
    let created: Int64

    init(subscription: StubSubscription, status: String, created: Int64) {
        self.id = "in_" + RandomIdentifier.alphanumeric(24)
        self.customer = subscription.customer
        self.subscription = subscription.id
        self.status = status
        self.parent = Parent(subscriptionDetails: .init(subscription: subscription.id))
        self.created = created
    }

    private enum CodingKeys: String, CodingKey {
        case id, object, customer, subscription, status, parent, created
    }
}
