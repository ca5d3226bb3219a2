import Foundation

/// A subscription as `GET /v1/subscriptions/:id` returns it, reduced to what plans depend on.
public struct StripeSubscription: Sendable, Equatable, Decodable {
    /// `sub_…`
    public let id: String
    /// `incomplete`, `incomplete_expired`, `trialing`, `active`, `past_due`, `canceled`, `unpaid`, `paused`.
    public let status: String
    /// The customer's id (`cus_…`), also when Stripe sent the customer expanded.
    public let customer: String
    /// The price of each item, in Stripe's order.
    public let priceIds: [String]
    /// The end of the paid period: the latest `current_period_end` of the items (API versions
    /// from 2025-03-31 on), else the subscription's own (older versions).
    public let currentPeriodEnd: Date?
    /// Whether the subscription ends at `currentPeriodEnd` instead of renewing.
    public let cancelAtPeriodEnd: Bool
    /// Our own keys (`account_id`, `plan`, …), as set at checkout.
    public let metadata: [String: String]

    /// A subscription as given (fakes and tests).
    public init(
        id: String, status: String, customer: String, priceIds: [String], currentPeriodEnd: Date?, cancelAtPeriodEnd: Bool = false,
        metadata: [String: String] = [:]
    ) {
        self.id = id
        self.status = status
        self.customer = customer
        self.priceIds = priceIds
        self.currentPeriodEnd = currentPeriodEnd
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
        self.metadata = metadata
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.status = try container.decode(String.self, forKey: .status)
        if let customer = try? container.decode(String.self, forKey: .customer) {
            self.customer = customer
        } else {
            self.customer = try container.decode(Expanded.self, forKey: .customer).id
        }
        let items = try container.decodeIfPresent(ItemList.self, forKey: .items)?.data ?? []
        self.priceIds = items.compactMap(\.price?.id)
        let itemEnd = items.compactMap(\.currentPeriodEnd).max()
        let ownEnd = try container.decodeIfPresent(Int64.self, forKey: .currentPeriodEnd)
        self.currentPeriodEnd = (itemEnd ?? ownEnd).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        self.cancelAtPeriodEnd = try container.decodeIfPresent(Bool.self, forKey: .cancelAtPeriodEnd) ?? false
        self.metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, customer, items, metadata
        case currentPeriodEnd = "current_period_end"
        case cancelAtPeriodEnd = "cancel_at_period_end"
    }

    /// An expanded object, of which only the id is needed.
    private struct Expanded: Decodable {
        let id: String
    }

    /// `items`: a Stripe list object.
    private struct ItemList: Decodable {
        let data: [Item]
    }

    /// One subscription item.
    private struct Item: Decodable {
        let price: Expanded?
        let currentPeriodEnd: Int64?

        private enum CodingKeys: String, CodingKey {
            case price
            case currentPeriodEnd = "current_period_end"
        }
    }
}
