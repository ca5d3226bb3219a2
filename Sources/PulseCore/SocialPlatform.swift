/// A social network PulseWorks publishes to.
public enum SocialPlatform: String, Sendable, Codable, CaseIterable {
    case facebook = "FACEBOOK"
    case instagram = "INSTAGRAM"

    /// The provider's name for it (`facebook`, `instagram`).
    public var providerName: String { self.rawValue.lowercased() }

    /// The platform the provider calls `name`, if it is one of ours.
    public init?(providerName name: String) {
        self.init(rawValue: name.uppercased())
    }
}

/// A linked social account as the provider reports it.
public struct LinkedSocialAccount: Sendable, Equatable {
    public let platform: SocialPlatform
    public let platformAccountId: String
    public let displayName: String?

    public init(platform: SocialPlatform, platformAccountId: String, displayName: String?) {
        self.platform = platform
        self.platformAccountId = platformAccountId
        self.displayName = displayName
    }
}

/// Rules for the publishing profile: which verified accounts a new set of linked accounts breaks.
public enum PublishingProfileRules {
    /// The platforms whose verified account is no longer linked (unlinked or replaced by another account).
    public static func brokenPlatforms(
        verified: [SocialPlatform: String], linked: [LinkedSocialAccount]
    ) -> [SocialPlatform] {
        SocialPlatform.allCases.filter { platform in
            guard let expected = verified[platform] else { return false }
            return !linked.contains { $0.platform == platform && $0.platformAccountId == expected }
        }
    }
}
