/// A customer as `POST /v1/customers` answers it.
struct StubCustomer: Encodable, Sendable {
    let id: String
    let object = "customer"
    @NullEncoded var email: String?
    @NullEncoded var name: String?
    let metadata: [String: String]
    let created: Int64

    private enum CodingKeys: String, CodingKey {
        case id, object, email, name, metadata, created
    }
}

/// A Checkout Session in subscription mode, from creation (`open`) to completion (`complete`).
struct StubCheckoutSession: Encodable, Sendable {
    /// One `line_items[i]`: the subscription gets one item per line.
    struct LineItem: Sendable, Equatable {
        let price: String
        let quantity: Int
    }

    let id: String
    let object = "checkout.session"
    let mode = "subscription"
    /// The hosted page; Stripe clears it once the session is complete.
    @NullEncoded var url: String?
    @NullEncoded var customer: String?
    @NullEncoded var clientReferenceId: String?
    let metadata: [String: String]
    /// `open` or `complete`.
    var status: String
    /// `unpaid` until completed, then `paid`.
    var paymentStatus: String
    @NullEncoded var subscription: String?
    @NullEncoded var successUrl: String?
    @NullEncoded var cancelUrl: String?
    let created: Int64
    /// Not part of the object (Stripe shows them only when expanded); the subscription is made of them.
    let lineItems: [LineItem]

    private enum CodingKeys: String, CodingKey {
        case id, object, mode, url, customer, metadata, status, subscription, created
        case clientReferenceId = "client_reference_id"
        case paymentStatus = "payment_status"
        case successUrl = "success_url"
        case cancelUrl = "cancel_url"
    }
}

/// A billing portal session: where a customer manages their subscription, then returns.
struct StubPortalSession: Encodable, Sendable {
    let id: String
    let object = "billing_portal.session"
    let url: String
    let customer: String
    @NullEncoded var returnUrl: String?
    let created: Int64

    private enum CodingKeys: String, CodingKey {
        case id, object, url, customer, created
        case returnUrl = "return_url"
    }
}
