/// A user's role in one account.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case owner = "OWNER"
    case admin = "ADMIN"
    case member = "MEMBER"

    private var rank: Int {
        switch self {
        case .owner: 3
        case .admin: 2
        case .member: 1
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
