/// The words a brief and brand profile put into templates, cleaned up once per batch: the name,
/// the offerings, the month, the promotion and an optional line from the owner's notes.
///
/// Profiles come from scraped websites and briefs are free text, so everything is collapsed to
/// one line and clipped: a long description or promotion must not push a caption past a limit
/// nor make two promotions read alike.
struct DraftWording: Sendable {
    let brand: String
    /// At least one; several when the brand names them, most important first.
    let offers: [String]
    let month: String
    let nextMonth: String
    let monthPhrase: String
    let about: String
    let taglineLine: String
    /// The promotion as a clause without final punctuation; a general one when the brief gives none.
    let promo: String
    /// A sentence from the owner's notes, worth mentioning once.
    let note: String?

    /// What `{offer}` says when the brand names no offerings; not worth a hashtag.
    static let fallbackOffer = "our services"

    /// Headings that name a page section rather than something the business offers.
    private static let sectionWords: Set<String> = [
        "about", "book", "call", "cart", "contact", "faq", "gallery", "home", "hours", "how", "location",
        "login", "menu", "more", "news", "our", "reviews", "services", "shop", "team", "testimonials",
        "us", "we", "welcome", "what", "why", "you", "your", "blog",
    ]

    /// First words of notes that instruct the writer rather than say something to customers.
    private static let instructionWords: Set<String> = [
        "add", "avoid", "can", "could", "do", "don't", "emphasise", "emphasize", "focus", "highlight",
        "i", "include", "keep", "make", "maybe", "mention", "need", "no", "please", "post", "promote",
        "push", "remember", "should", "talk", "try", "use", "want", "would", "write",
    ]

    init(_ request: GenerationRequest) {
        let brand = request.brand
        self.brand = Self.clipped(Self.line(brand?.name).nonEmpty ?? Self.line(request.accountName).nonEmpty ?? "our team", to: 60)
        self.offers = Self.offers(brand, brandName: self.brand)
        self.month = MonthWording.name(request.month.month)
        self.nextMonth = MonthWording.nameAfter(request.month.month)
        self.monthPhrase = MonthWording.phrase(request.month.month)
        if let description = Self.line(brand?.description).nonEmpty {
            self.about = Self.sentence(Self.clipped(description, to: 280))
        } else {
            self.about = "{brand} is a local business that takes pride in {offer} and in looking after people well."
        }
        let tagline = Self.line(brand?.tagline).trimmingEdges(of: ".!;:")
        let taglineIsHeading = tagline.lowercased().contains("welcome") || tagline.lowercased() == self.brand.lowercased()
        if !tagline.isEmpty, tagline.count <= 100, !taglineIsHeading {
            self.taglineLine = "\u{201C}\(tagline)\u{201D}: that's the idea behind everything we do."
        } else {
            self.taglineLine = "We keep it simple: good work, done properly, by people who care."
        }
        let promo = Self.clipped(Self.line(request.promoDetails), to: 200).trimmingEdges(of: ".!;:")
        self.promo = promo.isEmpty ? "a special offer on {offer} (ask us for the details)" : promo
        self.note = Self.note(from: request.notes)
    }

    /// `template` with every placeholder filled for a post featuring `offer`.
    func fill(_ template: String, offer: String, otherOffer: String) -> String {
        // Composite values first: they contain placeholders of their own.
        let composite = template
            .replacingAll("{about}", with: self.about)
            .replacingAll("{taglineLine}", with: self.taglineLine)
            .replacingAll("{Promo}", with: Self.capitalisedFirst(self.promo))
            .replacingAll("{promo}", with: self.promo)
        return composite
            .replacingAll("{brand}", with: self.brand)
            .replacingAll("{Offer}", with: Self.capitalisedFirst(offer))
            .replacingAll("{offer}", with: offer)
            .replacingAll("{otherOffer}", with: otherOffer)
            .replacingAll("{monthPhrase}", with: self.monthPhrase)
            .replacingAll("{nextMonth}", with: self.nextMonth)
            .replacingAll("{month}", with: self.month)
    }

    /// The offering featured by the post at `position`, and another one to go with it.
    func offers(at position: Int) -> (offer: String, other: String) {
        let offer = self.offers[position % self.offers.count]
        guard self.offers.count > 1 else {
            return (offer, offer == Self.fallbackOffer ? "everything else we do" : "our other services")
        }
        return (offer, self.offers[(position + 1) % self.offers.count])
    }

    /// `text` cut to at most `limit` characters: at the last sentence end that fits, else at the
    /// last space with an ellipsis.
    static func clipped(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = String(text.prefix(limit))
        if let end = head.lastIndex(where: { ".!?".contains($0) }), head.distance(from: head.startIndex, to: end) >= limit / 2 {
            return String(head[...end])
        }
        let cut = head.lastIndex(of: " ").map { String(head[..<$0]) } ?? String(head.prefix(limit - 1))
        return cut.trimmingEdges(of: ",;:-") + "\u{2026}"
    }

    static func capitalisedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Free text on one line: every run of white space (newlines included) becomes one space.
    private static func line(_ text: String?) -> String {
        (text ?? "").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func sentence(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".!?\u{2026}".contains(last) ? text : text + "."
    }

    private static func offers(_ brand: BrandProfile?, brandName: String) -> [String] {
        var offers: [String] = []
        var seen: Set<String> = [brandName.lowercased()]
        func add(_ phrase: String) {
            let phrase = Self.line(phrase).trimmingEdges(of: ".,;:!?")
            let words = phrase.split(separator: " ")
            guard !phrase.isEmpty, phrase.count <= 40, words.count <= 5, seen.insert(phrase.lowercased()).inserted else { return }
            offers.append(phrase)
        }
        for keyword in brand?.serviceKeywords ?? [] where offers.count < 6 { add(keyword) }
        if offers.count < 2 {
            for heading in brand?.headings ?? [] where offers.count < 4 {
                let words = heading.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" })
                guard words.count <= 4, !heading.contains(where: { "?!:|".contains($0) }),
                    !words.contains(where: { Self.sectionWords.contains(String($0)) })
                else { continue }
                add(heading)
            }
        }
        return offers.isEmpty ? [Self.fallbackOffer] : offers
    }

    /// The first sentence of the notes when it reads as news for customers, not as an instruction
    /// to the writer.
    private static func note(from notes: String?) -> String? {
        let text = Self.line(notes)
        guard let end = text.firstIndex(where: { ".!".contains($0) }) else { return nil }
        let sentence = String(text[...end])
        let firstWord = sentence.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }).first.map(String.init) ?? ""
        guard sentence.count >= 12, sentence.count <= 160, !Self.instructionWords.contains(firstWord),
            !sentence.contains(where: { "[]<>@{}".contains($0) })
        else { return nil }
        return sentence
    }
}

extension String {
    fileprivate var nonEmpty: String? { self.isEmpty ? nil : self }

    fileprivate func replacingAll(_ placeholder: String, with value: String) -> String {
        guard self.contains(placeholder) else { return self }
        return self.split(separator: placeholder, omittingEmptySubsequences: false).joined(separator: value)
    }

    fileprivate func trimmingEdges(of characters: String) -> String {
        var text = Substring(self.trimmingWhitespace())
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        return String(text).trimmingWhitespace()
    }
}
