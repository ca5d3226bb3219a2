import Foundation

/// An Ayrshare user profile (one per client account), with the social accounts linked to it.
struct SandboxProfile: Sendable {
    /// The title of the profile every request without a `Profile-Key` acts on.
    static let primaryTitle = "primary"

    let title: String
    let refId: String
    let profileKey: String
    let created: Date
    /// At most one account per platform, in the order they were linked.
    private(set) var linked: [LinkedAccount] = []

    init(title: String, created: Date = Date()) {
        self.title = title
        self.refId = RandomIdentifier.hex(bytes: 20)
        self.profileKey = RandomIdentifier.profileKey()
        self.created = created
    }

    /// The linked account of `platform`, if any.
    func account(on platform: String) -> LinkedAccount? {
        self.linked.first { $0.platform == platform }
    }

    /// Links `account`, replacing a previous account of the same platform.
    mutating func link(_ account: LinkedAccount) {
        self.linked.removeAll { $0.platform == account.platform }
        self.linked.append(account)
    }

    /// Unlinks the account of `platform` and returns it; nil when none was linked.
    mutating func unlink(_ platform: String) -> LinkedAccount? {
        guard let account = self.account(on: platform) else { return nil }
        self.linked.removeAll { $0.platform == platform }
        return account
    }
}

/// A social account linked to a profile.
struct LinkedAccount: Sendable {
    /// The platforms an account can be linked for in the sandbox.
    static let platforms: Set<String> = ["facebook", "instagram"]

    let platform: String
    let id: String
    let displayName: String
    let created: Date

    var profileURL: String {
        switch self.platform {
        case "facebook": "https://www.facebook.com/\(self.id)"
        case "instagram": "https://www.instagram.com/\(self.displayName.replacingOccurrences(of: " ", with: "").lowercased())"
        default: "https://example.com/\(self.platform)/\(self.id)"
        }
    }

    var userImage: String { "https://sandbox.invalid/\(self.platform)/\(self.id).png" }
}
