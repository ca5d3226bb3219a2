/// A subscription plan and what it allows: the one plan catalogue (docs/billing.md). Stripe price
/// ids come from configuration (`BillingConfiguration`); limits live here.
public enum Plan: String, Sendable, Codable, CaseIterable {
    case essential = "ESSENTIAL"
    case growth = "GROWTH"
    case authority = "AUTHORITY"

    /// The plan a new account's trial runs on, and the one a cancelled subscription falls back to.
    public static let `default`: Plan = .essential

    /// How many posts a month's batch holds.
    public var postsPerMonth: Int {
        switch self {
        case .essential: 8
        case .growth: 12
        case .authority: 16
        }
    }

    /// How many of a month's posts may be promotions: at most a quarter.
    public var promosPerMonth: Int {
        self.postsPerMonth / 4
    }

    /// How many social platforms the account may connect.
    public var connectedPlatforms: Int {
        switch self {
        case .essential: 1
        case .growth, .authority: 2
        }
    }

    /// How many members (owners included) the account may have.
    public var members: Int {
        switch self {
        case .essential: 3
        case .growth: 5
        case .authority: 10
        }
    }

    /// What the account may spend on AI a month, in micro-dollars (also capped by
    /// `AI_ACCOUNT_MONTHLY_CAP_USD`).
    public var aiSpendCapMicros: Int64 {
        switch self {
        case .essential: 5_000_000
        case .growth: 10_000_000
        case .authority: 20_000_000
        }
    }

    /// The plan a stored value names; an unknown or missing one is the default.
    public init(stored: String?) {
        self = stored.flatMap(Plan.init(rawValue:)) ?? .default
    }
}

/// Where an account's subscription stands, as stored in `accounts.billing_status`: Stripe's
/// subscription statuses, upper-cased, plus `NONE` (never subscribed, trial over).
public enum BillingStatus: String, Sendable, Codable, CaseIterable {
    case none = "NONE"
    case trialing = "TRIALING"
    case active = "ACTIVE"
    case pastDue = "PAST_DUE"
    case canceled = "CANCELED"
    case unpaid = "UNPAID"
    case incomplete = "INCOMPLETE"
    case incompleteExpired = "INCOMPLETE_EXPIRED"
    case paused = "PAUSED"

    /// Stripe's status (`past_due`, …), nil when it is not one.
    public init?(stripe: String) {
        self.init(rawValue: stripe.uppercased())
    }

    /// Whether the subscription is in good standing (active or in a trial).
    public var isInGoodStanding: Bool {
        self == .active || self == .trialing
    }
}

/// How long a new account's trial of the default plan lasts.
public enum Trial {
    public static let days = 14
}
