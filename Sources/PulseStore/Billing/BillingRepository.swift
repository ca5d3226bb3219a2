import Foundation
import PulseCore

/// Plans, subscriptions and the Stripe events that move them.
public protocol BillingRepository: Sendable {
    /// The account's billing state and this month's usage.
    func summary(accountId: UUID, now: Date) async throws -> BillingSummary
    /// The account's Stripe customer, nil before the first checkout.
    func customer(accountId: UUID) async throws -> String?
    /// Stores the account's Stripe customer unless it has one; returns the one it has.
    func saveCustomer(accountId: UUID, actor: UUID, customerId: String, authorize: ActorCheck) async throws -> String
    /// Whether the event id was recorded before.
    func seen(eventId: String) async throws -> Bool
    /// Records `event` and applies it in one transaction; a duplicate changes nothing. The
    /// subscription's state is `fetch`ed from Stripe while the account is locked, so whatever
    /// order events arrive in, the state stored is the newest Stripe had.
    func apply(_ event: BillingEvent, fetch: @Sendable (String) async throws -> SubscriptionState) async throws -> BillingEventOutcome
}
