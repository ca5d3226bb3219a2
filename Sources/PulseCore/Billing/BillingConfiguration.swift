/// Stripe price ids for the plan catalogue and where checkout and the portal return to.
public struct BillingConfiguration: Sendable, Equatable {
    /// Each plan's monthly price (`STRIPE_PRICE_ESSENTIAL`, `_GROWTH`, `_AUTHORITY`).
    public var planPrices: [Plan: String]
    /// The posting add-on's price (`STRIPE_PRICE_POSTING`).
    public var postingAddonPrice: String
    /// Where Stripe sends the owner after checkout or the portal (`BILLING_RETURN_URL`, default
    /// `PUBLIC_BASE_URL/billing`); checkout appends `?checkout=success` or `?checkout=cancelled`.
    public var returnURL: String

    public init(planPrices: [Plan: String], postingAddonPrice: String, returnURL: String) {
        self.planPrices = planPrices
        self.postingAddonPrice = postingAddonPrice
        self.returnURL = returnURL
    }

    /// The plan a Stripe price id is the price of, nil for the add-on or an unknown price.
    public func plan(forPrice price: String) -> Plan? {
        self.planPrices.first { $0.value == price }?.key
    }

    /// The sandbox's price ids, used outside production when none are configured.
    public static func sandboxPrice(_ plan: Plan) -> String { "price_" + plan.rawValue.lowercased() }
    public static let sandboxPostingPrice = "price_posting"

    init(_ reader: EnvironmentReader, environment: AppEnvironment) throws(ConfigurationError) {
        var prices: [Plan: String] = [:]
        for plan in Plan.allCases {
            let name = "STRIPE_PRICE_" + plan.rawValue
            guard let price = reader[name] ?? (environment == .production ? nil : Self.sandboxPrice(plan)) else {
                throw .invalid(name, "must name the plan's Stripe price (price_…)")
            }
            prices[plan] = price
        }
        guard let posting = reader["STRIPE_PRICE_POSTING"] ?? (environment == .production ? nil : Self.sandboxPostingPrice) else {
            throw .invalid("STRIPE_PRICE_POSTING", "must name the posting add-on's Stripe price (price_…)")
        }
        guard Set(prices.values + [posting]).count == Plan.allCases.count + 1 else {
            throw .invalid("STRIPE_PRICE_POSTING", "and the plan prices must all be different")
        }
        self.planPrices = prices
        self.postingAddonPrice = posting
        let base = reader["PUBLIC_BASE_URL"] ?? "http://\(reader["HOST"] ?? "127.0.0.1"):\(reader["PORT"] ?? "8080")"
        self.returnURL = reader["BILLING_RETURN_URL"] ?? (base.trimmingSuffix("/") + "/billing")
    }
}
