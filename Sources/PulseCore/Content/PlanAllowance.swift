/// A subscription plan. The billing issue owns the full catalogue (prices, members, platforms);
/// this is the part content generation needs.
public enum Plan: String, Sendable, Codable, CaseIterable {
    case essential = "ESSENTIAL"
    case growth = "GROWTH"
    case authority = "AUTHORITY"

    /// The plan of an account whose plan column is empty: a new account drafts on ESSENTIAL terms.
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
}
