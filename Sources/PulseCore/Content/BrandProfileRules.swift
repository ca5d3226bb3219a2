/// What a stored brand profile may hold. Extracted profiles are trimmed to fit; a profile the
/// owner writes is refused (422) when it does not fit. Personal data is scrubbed from its text
/// either way, since the profile is sent to the AI generator.
public enum BrandProfileRules {
    public static let maxName = 200
    public static let maxTagline = 300
    public static let maxDescription = 1000
    public static let maxListItems = 30
    public static let maxItemLength = 200
    public static let maxColors = 12

    /// `profile` trimmed to the limits, scrubbed, colours normalised (unusable ones dropped).
    public static func normalized(_ profile: BrandProfile) -> BrandProfile {
        var result = profile
        result.name = Self.text(profile.name, limit: Self.maxName)
        result.tagline = Self.text(profile.tagline, limit: Self.maxTagline)
        result.description = Self.text(profile.description, limit: Self.maxDescription)
        result.headings = Self.list(profile.headings)
        result.serviceKeywords = Self.list(profile.serviceKeywords)
        result.openGraph = Dictionary(
            profile.openGraph.sorted { $0.key < $1.key }.prefix(Self.maxListItems).compactMap { key, value in
                Self.text(value, limit: Self.maxItemLength * 5).map { (String(key.prefix(Self.maxItemLength)), $0) }
            },
            uniquingKeysWith: { first, _ in first }
        )
        result.colors = Array(profile.colors.compactMap(Self.hexColor).prefix(Self.maxColors))
        return result
    }

    /// `profile` as the owner wrote it, or a 422 listing what does not fit.
    public static func validated(_ profile: BrandProfile) throws(PulseError) -> BrandProfile {
        var issues: [FieldIssue] = []
        func check(_ value: String?, _ field: String, _ limit: Int) {
            if let value, value.count > limit { issues.append(FieldIssue(field: field, message: "must be at most \(limit) characters")) }
        }
        check(profile.name, "name", Self.maxName)
        check(profile.tagline, "tagline", Self.maxTagline)
        check(profile.description, "description", Self.maxDescription)
        for (field, list) in [("headings", profile.headings), ("serviceKeywords", profile.serviceKeywords)] {
            if list.count > Self.maxListItems || list.contains(where: { $0.count > Self.maxItemLength }) {
                issues.append(FieldIssue(field: field, message: "must list at most \(Self.maxListItems) items of at most \(Self.maxItemLength) characters"))
            }
        }
        if profile.openGraph.count > Self.maxListItems || profile.openGraph.contains(where: { $0.key.count > Self.maxItemLength || $0.value.count > Self.maxItemLength * 5 }) {
            issues.append(FieldIssue(field: "openGraph", message: "must have at most \(Self.maxListItems) short entries"))
        }
        if profile.colors.count > Self.maxColors {
            issues.append(FieldIssue(field: "colors", message: "must list at most \(Self.maxColors) colours"))
        }
        if let bad = profile.colors.first(where: { Self.hexColor($0) == nil }) {
            issues.append(FieldIssue(field: "colors", message: "'\(bad.prefix(20))' is not a colour as #rrggbb or #rgb"))
        }
        guard issues.isEmpty else { throw .validation(issues) }
        return Self.normalized(profile)
    }

    /// `#rrggbb` (lowercase) for `#rgb` or `#rrggbb`, nil otherwise.
    public static func hexColor(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace().lowercased()
        guard trimmed.hasPrefix("#") else { return nil }
        let digits = Array(trimmed.dropFirst())
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        switch digits.count {
        case 3: return "#" + digits.map { "\($0)\($0)" }.joined()
        case 6: return trimmed
        default: return nil
        }
    }

    static func text(_ value: String?, limit: Int) -> String? {
        guard let value else { return nil }
        let scrubbed = String(PIIScrubber.scrub(value).trimmingWhitespace().prefix(limit))
        return scrubbed.isEmpty ? nil : scrubbed
    }

    static func list(_ values: [String]) -> [String] {
        Array(values.compactMap { Self.text($0, limit: Self.maxItemLength) }.prefix(Self.maxListItems))
    }
}
