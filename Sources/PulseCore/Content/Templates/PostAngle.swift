/// One thing a post can be about, in a few wordings. Templates use these placeholders, filled by
/// `DraftWording.fill`: `{brand}`, `{offer}` and `{Offer}` (the post's featured offering, the
/// second capitalised), `{otherOffer}`, `{month}`, `{nextMonth}`, `{monthPhrase}` (a
/// hemisphere-neutral phrase such as "the end of the year"), `{about}`, `{taglineLine}`, and in
/// promotions `{promo}` and `{Promo}`.
///
/// Offerings are whatever the brand's keywords say ("haircuts", "dental implants"), so templates
/// never make an offering the subject of a verb ("{offer} works") nor put "your" before one.
struct PostAngle: Sendable {
    /// Distinct titles; the drafter takes the first one not already used this month.
    let titles: [String]
    /// The first line of the caption; no two angles share one, so no two posts open alike.
    let openings: [String]
    /// The heart of the caption, two or three sentences.
    let bodies: [String]

    init(titles: [String], openings: [String], bodies: [String]) {
        self.titles = titles
        self.openings = openings
        self.bodies = bodies
    }
}

/// Every angle for one brief focus.
enum FocusAngles {
    /// The angles written for `focus`, the ones that make its batch feel like that focus.
    static func angles(for focus: BriefFocus) -> [PostAngle] {
        switch focus {
        case .newClients: NewClientsAngles.all
        case .education: EducationAngles.all
        case .community: CommunityAngles.all
        case .seasonal: SeasonalAngles.all
        case .product: ProductAngles.all
        }
    }
}
