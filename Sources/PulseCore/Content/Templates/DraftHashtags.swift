/// Hashtags for built-in drafts: the brand's own, its offerings', the focus's and a few general
/// small-business ones, in CamelCase, between 3 and 10 a post.
struct DraftHashtags: Sendable {
    static let minimum = 3
    static let maximum = 10
    /// Longer tags are unreadable and nobody searches for them.
    static let longest = 30

    static let generic = ["SmallBusiness", "ShopLocal", "SupportLocal", "LocalBusiness", "SmallBiz", "ShopSmall"]
    static let promo = ["SpecialOffer", "LimitedTime", "ThisMonthOnly", "DontMissOut"]

    let brandTag: String?
    let offerTags: [String: String]
    let focusTags: [String]

    init(wording: DraftWording, focus: BriefFocus, year: Int) {
        self.brandTag = Self.tag(from: wording.brand)
        var offerTags: [String: String] = [:]
        for offer in wording.offers where offer != DraftWording.fallbackOffer {
            offerTags[offer] = Self.tag(from: offer)
        }
        self.offerTags = offerTags
        self.focusTags = Self.focusTags(focus, month: wording.month, year: year)
    }

    /// The tags of the post at `position` featuring `offer` and `otherOffer`.
    func tags(position: Int, type: ContentType, offer: String, otherOffer: String) -> [String] {
        var candidates: [String?] = [self.brandTag, self.offerTags[offer] ?? nil, self.offerTags[otherOffer] ?? nil]
        if type == .promo { candidates.append(Self.promo[position % Self.promo.count]) }
        candidates.append(self.focusTags[position % self.focusTags.count])
        candidates.append(self.focusTags[(position + 1) % self.focusTags.count])
        for offset in 0..<Self.generic.count {
            candidates.append(Self.generic[(position + offset) % Self.generic.count])
        }
        var tags: [String] = []
        var seen: Set<String> = []
        for case let tag? in candidates where PostText.isValidHashtag(tag) && seen.insert(tag.lowercased()).inserted {
            tags.append(tag)
            // Generic tags only top up a post that has too few of its own.
            if tags.count >= Self.minimum, Self.generic.contains(tag) { break }
        }
        return Array(tags.prefix(Self.maximum))
    }

    /// `phrase` as a CamelCase hashtag ("dog grooming" → "DogGrooming"; words already mixed-case
    /// keep their case), nil when nothing usable is left or it is too long.
    static func tag(from phrase: String) -> String? {
        // "Bob's Bakery" is BobsBakery, not BobSBakery.
        let scalars = phrase.unicodeScalars.filter { $0 != "'" && $0 != "\u{2019}" }
        let words = scalars.split(whereSeparator: { !Self.isTagScalar($0) }).map { String(String.UnicodeScalarView($0)) }
        let tag = words.map { word in
            word == word.lowercased() ? DraftWording.capitalisedFirst(word) : word
        }.joined()
        guard tag.count >= 2, tag.count <= Self.longest, tag.contains(where: \.isLetter), PostText.isValidHashtag(tag) else { return nil }
        return tag
    }

    private static func isTagScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private static func focusTags(_ focus: BriefFocus, month: String, year: Int) -> [String] {
        switch focus {
        case .newClients: ["GetToKnowUs", "NewHere", "FirstVisit", "WelcomeIn", "NewCustomers"]
        case .education: ["TipsAndTricks", "DidYouKnow", "HowTo", "GoodToKnow", "LearnSomethingNew"]
        case .community: ["Community", "LocalLove", "ThankYou", "BehindTheScenes", "Neighbourhood"]
        case .seasonal: ["Hello\(month)", month, "ThisMonth", "NewMonth", "\(month)\(year)"]
        case .product: ["Spotlight", "OurFavourites", "MadeWithCare", "QualityFirst", "WorthIt"]
        }
    }
}
