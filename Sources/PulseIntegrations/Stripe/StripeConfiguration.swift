import PulseCore

/// Where the Stripe API is, which key and API version to use, and how long a call may take.
public struct StripeConfiguration: Sendable {
    /// The API version every request pins with `Stripe-Version`; the decoders are written for it.
    public static let pinnedAPIVersion = "2025-03-31.basil"

    /// e.g. `https://api.stripe.com` or the sandbox's address, without `/v1`.
    public var baseURL: String
    /// The secret API key (`sk_…`), sent only as the bearer token.
    public var secretKey: Secret
    /// Sent as `Stripe-Version`.
    public var apiVersion: String
    /// The whole exchange (connect, send, read the answer) must finish within this. Keep it above
    /// the client's 5 s connect timeout, or a refused connection shows as `timedOut`, not `unreachable`.
    public var requestTimeout: Duration

    /// Stripe's own API by default, with the pinned version and a 15 s limit.
    public init(
        baseURL: String = "https://api.stripe.com", secretKey: Secret, apiVersion: String = Self.pinnedAPIVersion,
        requestTimeout: Duration = .seconds(15)
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.secretKey = secretKey
        self.apiVersion = apiVersion
        self.requestTimeout = requestTimeout
    }
}
