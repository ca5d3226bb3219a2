/// What a content item is: an ordinary post or a promotion (only when the brief enables promos).
public enum ContentType: String, Sendable, Codable, CaseIterable {
    case post = "POST"
    case promo = "PROMO"
}

/// What a month's content is mainly for.
public enum BriefFocus: String, Sendable, Codable, CaseIterable {
    case newClients = "NEW_CLIENTS"
    case education = "EDUCATION"
    case community = "COMMUNITY"
    case seasonal = "SEASONAL"
    case product = "PRODUCT"
}

/// How a month's content sounds.
public enum BriefTone: String, Sendable, Codable, CaseIterable {
    case neutral = "NEUTRAL"
    case educational = "EDUCATIONAL"
    case promotional = "PROMOTIONAL"
}
