/// The text a platform receives for a post, and the limits it must fit.
public enum PostText {
    /// Most hashtags a post may carry (Instagram's limit, applied to every platform).
    public static let maxHashtags = 30
    /// Longest title, in characters.
    public static let maxTitleLength = 120
    /// Longest single hashtag, in characters (without `#`).
    public static let maxHashtagLength = 100

    /// The longest post text `platform` accepts, in characters (Instagram 2,200; Facebook 63,206).
    public static func maxLength(on platform: SocialPlatform) -> Int {
        switch platform {
        case .instagram: 2_200
        case .facebook: 63_206
        }
    }

    /// The strictest length limit among `platforms` (Instagram's when there are none).
    public static func maxLength(on platforms: [SocialPlatform]) -> Int {
        platforms.map { Self.maxLength(on: $0) }.min() ?? Self.maxLength(on: .instagram)
    }

    /// The caption with its hashtags, each with one leading `#`, as it is published.
    public static func compose(caption: String, hashtags: [String]) -> String {
        let tags = hashtags.map { $0.hasPrefix("#") ? $0 : "#" + $0 }.joined(separator: " ")
        return tags.isEmpty ? caption : caption + "\n\n" + tags
    }

    /// Whether `tag` (without `#`) is a hashtag platforms accept: letters, digits and `_` only.
    public static func isValidHashtag(_ tag: String) -> Bool {
        !tag.isEmpty && tag.count <= Self.maxHashtagLength
            && tag.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    /// What is wrong with a post's text for `platforms`, as field issues (empty when it fits).
    public static func issues(title: String, caption: String, hashtags: [String], platforms: [SocialPlatform]) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if title.count > Self.maxTitleLength {
            issues.append(FieldIssue(field: "title", message: "must be at most \(Self.maxTitleLength) characters"))
        }
        if caption.trimmingWhitespace().isEmpty {
            issues.append(FieldIssue(field: "caption", message: "must not be empty"))
        }
        if hashtags.count > Self.maxHashtags {
            issues.append(FieldIssue(field: "hashtags", message: "must be at most \(Self.maxHashtags) hashtags"))
        }
        if let bad = hashtags.first(where: { !Self.isValidHashtag($0) }) {
            issues.append(FieldIssue(field: "hashtags", message: "'\(bad.prefix(40))' is not a hashtag (letters, digits and _ only, no #)"))
        }
        let length = Self.compose(caption: caption, hashtags: hashtags).count
        for platform in SocialPlatform.allCases where platforms.contains(platform) {
            let limit = Self.maxLength(on: platform)
            if length > limit {
                issues.append(FieldIssue(field: "caption", message: "with its hashtags is \(length) characters; \(platform.rawValue) allows \(limit)"))
            }
        }
        return issues
    }
}
