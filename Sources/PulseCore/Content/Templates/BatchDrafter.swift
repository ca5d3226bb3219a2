/// Drafts one batch from the templates: which angle each post takes, where the promotions fall,
/// and each post's wording, title and hashtags. Every choice comes from `dice`, so a seed
/// always gives the same batch.
struct BatchDrafter {
    let request: GenerationRequest
    let wording: DraftWording
    let hashtags: DraftHashtags
    let voice: ToneVoice
    var dice: TemplateDice

    init(request: GenerationRequest, seed: UInt64) {
        self.request = request
        self.wording = DraftWording(request)
        self.hashtags = DraftHashtags(wording: self.wording, focus: request.focus, year: request.month.year)
        self.voice = ToneVoice.voice(for: request.tone)
        self.dice = TemplateDice(seed: seed)
    }

    mutating func draft() -> [GeneratedPost] {
        let count = max(self.request.postCount, 0)
        let promoCount = self.request.promoEnabled ? min(max(self.request.promoCount, 0), count) : 0
        let promoSlots = self.promoSlots(count: count, promos: promoCount)
        var promoAngles = PromoAngles.sequence(count: promoCount, dice: &self.dice)[...]
        var postAngles = self.postAngles(count: count - promoCount)[...]
        let closers = self.dice.shuffled(self.voice.closers)
        let promoClosers = self.dice.shuffled(ToneVoice.promoClosers)
        let ordinarySlots = (0..<count).filter { !promoSlots.contains($0) }
        let noteSlot = self.wording.note == nil ? nil : self.dice.pick(ordinarySlots)
        let offerOffset = self.dice.below(self.wording.offers.count)
        var usedTitles = Set(self.request.existingTitles.map(GeneratedBatch.normalised))

        var posts: [GeneratedPost] = []
        for position in 0..<count {
            let isPromo = promoSlots.contains(position)
            guard let angle = isPromo ? promoAngles.popFirst() : postAngles.popFirst() else { break }
            let (offer, other) = self.wording.offers(at: offerOffset + position)
            let fill = { [wording = self.wording] (template: String) in wording.fill(template, offer: offer, otherOffer: other) }

            var middle = fill(self.dice.pick(angle.bodies) ?? "")
            if position == noteSlot, let note = self.wording.note {
                middle += " A quick note from us: " + note
            }
            let promosSoFar = posts.count(where: { $0.type == .promo })
            let closer = isPromo
                ? promoClosers[promosSoFar % promoClosers.count]
                : closers[(posts.count - promosSoFar) % closers.count]
            let caption = [fill(self.dice.pick(angle.openings) ?? ""), middle, fill(closer)].joined(separator: "\n\n")
            let title = self.uniqueTitle(self.dice.shuffled(angle.titles).map(fill), used: &usedTitles)
            posts.append(
                GeneratedPost(
                    type: isPromo ? .promo : .post,
                    title: title,
                    caption: caption,
                    hashtags: self.hashtags.tags(position: position, type: isPromo ? .promo : .post, offer: offer, otherOffer: other),
                    platformTargets: self.request.platformTargets
                )
            )
        }
        return posts
    }

    /// One promotion in each of `promos` equal stretches of the month, at a random place in its
    /// stretch: spread out, never all at the start.
    private mutating func promoSlots(count: Int, promos: Int) -> Set<Int> {
        guard promos > 0 else { return [] }
        var slots: Set<Int> = []
        for stretch in 0..<promos {
            let start = stretch * count / promos
            let end = (stretch + 1) * count / promos
            slots.insert(start + self.dice.below(end - start))
        }
        return slots
    }

    /// `count` distinct angles for ordinary posts in posting order: the focus's own first, then
    /// evergreen ones for batches larger than the focus has angles, mixed through the month.
    private mutating func postAngles(count: Int) -> [PostAngle] {
        guard count > 0 else { return [] }
        var pool = self.dice.shuffled(FocusAngles.angles(for: self.request.focus)) + self.dice.shuffled(EvergreenAngles.all)
        // Only batches larger than any plan sells get here; their repeats differ in wording.
        while pool.count < count { pool += self.dice.shuffled(FocusAngles.angles(for: self.request.focus)) }
        return self.dice.shuffled(Array(pool.prefix(count)))
    }

    /// The first of `candidates` not used yet this month, else the first with the month (and if
    /// need be a number) added; always within the title limit.
    private func uniqueTitle(_ candidates: [String], used: inout Set<String>) -> String {
        let limit = PostText.maxTitleLength
        let clipped = candidates.map { DraftWording.clipped($0, to: limit) }
        if let fresh = clipped.first(where: { !used.contains(GeneratedBatch.normalised($0)) }) {
            used.insert(GeneratedBatch.normalised(fresh))
            return fresh
        }
        let base = clipped.first ?? self.wording.brand
        var number = 1
        while true {
            let suffix = number == 1 ? " (\(self.wording.month) \(self.request.month.year))" : " (\(number))"
            let title = DraftWording.clipped(base, to: limit - suffix.count) + suffix
            if used.insert(GeneratedBatch.normalised(title)).inserted { return title }
            number += 1
        }
    }
}
