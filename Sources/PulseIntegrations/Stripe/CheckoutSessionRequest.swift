import Foundation

/// What a Stripe Checkout session for a new subscription is for: who subscribes, to which prices,
/// and where Checkout sends the customer back to.
public struct CheckoutSessionRequest: Sendable, Equatable {
    /// Sent as `client_reference_id` and `metadata[account_id]`, so the webhook finds the account.
    public var accountId: UUID
    /// The Stripe customer (`cus_…`).
    public var customer: String
    /// One line item (quantity 1) per price, in this order: the plan, then any add-on.
    public var priceIds: [String]
    /// Where Checkout sends the customer after paying.
    public var successURL: String
    /// Where Checkout sends the customer who turns back.
    public var cancelURL: String
    /// Further metadata (`plan`, `posting_addon`), sent after `account_id` in key order; an
    /// `account_id` here is ignored in favour of `accountId`.
    public var metadata: [String: String]

    /// A request for `priceIds`, each with quantity 1.
    public init(
        accountId: UUID, customer: String, priceIds: [String], successURL: String, cancelURL: String, metadata: [String: String] = [:]
    ) {
        self.accountId = accountId
        self.customer = customer
        self.priceIds = priceIds
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.metadata = metadata
    }
}
