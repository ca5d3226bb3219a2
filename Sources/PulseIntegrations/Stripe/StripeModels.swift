/// A Stripe customer (`POST /v1/customers`); only its id is kept.
public struct StripeCustomer: Sendable, Equatable, Decodable {
    /// `cus_…`
    public let id: String

    public init(id: String) {
        self.id = id
    }
}

/// A hosted Checkout session (`POST /v1/checkout/sessions`): send the customer to `url`.
public struct StripeCheckoutSession: Sendable, Equatable, Decodable {
    /// `cs_…`
    public let id: String
    /// The page to send the customer to.
    public let url: String

    public init(id: String, url: String) {
        self.id = id
        self.url = url
    }
}

/// A customer portal session (`POST /v1/billing_portal/sessions`): send the customer to `url`.
public struct StripePortalSession: Sendable, Equatable, Decodable {
    /// `bps_…`
    public let id: String
    /// The page to send the customer to.
    public let url: String

    public init(id: String, url: String) {
        self.id = id
        self.url = url
    }
}
