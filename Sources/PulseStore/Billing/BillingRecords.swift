import Foundation
import PulseCore

/// An account's billing state and this month's use of its plan.
public struct BillingSummary: Sendable, Equatable {
    public let plan: Plan
    public let postingAddon: Bool
    public let status: BillingStatus
    public let trialEndsAt: Date?
    public let currentPeriodEnd: Date?
    public let cancelAtPeriodEnd: Bool
    public let stripeCustomerId: String?
    public let usage: PlanUsage
}

/// How much of the plan's limits the account uses now (posts: this month in its timezone).
public struct PlanUsage: Sendable, Equatable {
    public let month: YearMonth
    public let posts: Int
    public let members: Int
    public let connectedPlatforms: Int
    public let aiSpendMicros: Int64
}

/// A subscription as Stripe reports it now, reduced to what the account stores.
public struct SubscriptionState: Sendable, Equatable {
    public let subscriptionId: String
    public let customerId: String
    public let status: BillingStatus
    public let plan: Plan?
    public let postingAddon: Bool
    public let currentPeriodEnd: Date?
    public let cancelAtPeriodEnd: Bool

    public init(
        subscriptionId: String, customerId: String, status: BillingStatus, plan: Plan?, postingAddon: Bool, currentPeriodEnd: Date?,
        cancelAtPeriodEnd: Bool
    ) {
        self.subscriptionId = subscriptionId
        self.customerId = customerId
        self.status = status
        self.plan = plan
        self.postingAddon = postingAddon
        self.currentPeriodEnd = currentPeriodEnd
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
    }
}

/// A verified Stripe event.
public struct BillingEvent: Sendable {
    public let id: String
    public let type: String
    /// Stripe's `created`, Unix seconds.
    public let created: Int64
    public let payload: [String: JSONValue]
    /// The account the event names (`client_reference_id`, `metadata.account_id`), if any.
    public let accountId: UUID?
    public let customerId: String?
    /// The subscription the event concerns, nil for events about none.
    public let subscriptionId: String?

    public init(
        id: String, type: String, created: Int64, payload: [String: JSONValue], accountId: UUID?, customerId: String?,
        subscriptionId: String?
    ) {
        self.id = id
        self.type = type
        self.created = created
        self.payload = payload
        self.accountId = accountId
        self.customerId = customerId
        self.subscriptionId = subscriptionId
    }
}

/// What applying an event did.
public enum BillingEventOutcome: Sendable, Equatable {
    /// The event id was seen before: nothing changed.
    case duplicate
    /// Recorded; the account's billing state changed (or was confirmed).
    case applied(accountId: UUID)
    /// Recorded, but it concerns no known account or a subscription that is not the account's.
    case ignored(String)
}
