@testable import PulseCore
import Testing

/// The offline generator: deterministic, varied, and always within the batch rules.
@Suite struct BuiltInGeneratorTests {
    /// Remembers what it was asked and told; refuses every call when `refuses` is set.
    actor RecordingMeter: GenerationMeter {
        let refuses: Bool
        private(set) var authorizations: [(provider: String, estimatedMicros: Int64)] = []
        private(set) var records: [GeneratorCall] = []

        init(refuses: Bool = false) {
            self.refuses = refuses
        }

        func authorize(provider: String, estimatedMicros: Int64) async throws {
            self.authorizations.append((provider, estimatedMicros))
            if self.refuses { throw GenerationError.budgetExhausted }
        }

        func record(_ call: GeneratorCall) async throws {
            self.records.append(call)
        }
    }

    static let brand = BrandProfile(
        name: "Harbour Cuts", tagline: "Great hair, zero fuss",
        description: "Harbour Cuts is a friendly salon on the waterfront offering cuts, colour and balayage.",
        headings: ["Welcome to Harbour Cuts", "Our Services", "Balayage"], serviceKeywords: ["haircuts", "colour", "balayage", "beard trims"]
    )
    static let platformSets: [[SocialPlatform]] = [[.facebook, .instagram], [.facebook]]

    static func request(
        focus: BriefFocus = .newClients, tone: BriefTone = .neutral, postCount: Int = 16, promoCount: Int = 4, promoEnabled: Bool = true,
        targets: [SocialPlatform] = [.facebook, .instagram], brand: BrandProfile? = Self.brand, seed: UInt64 = 7,
        notes: String? = "We're closed from 24 to 27 December. Mention the new basins.", existingTitles: [String] = []
    ) -> GenerationRequest {
        GenerationRequest(
            accountName: "Harbour Cuts Ltd", month: YearMonth(year: 2026, month: 12)!, focus: focus, tone: tone, promoEnabled: promoEnabled,
            promoDetails: "20% off all colour services until the 20th.", notes: notes, platformTargets: targets, brand: brand,
            postCount: postCount, promoCount: promoCount, seed: seed, existingTitles: existingTitles
        )
    }

    @Test func theSameRequestGivesTheSameBatch() async throws {
        let request = Self.request()
        let first = try await BuiltInGenerator().generate(request, meter: RecordingMeter())
        let second = try await BuiltInGenerator().generate(request, meter: RecordingMeter())
        #expect(first == second)
        #expect(BuiltInGenerator().draft(request) == first)
    }

    @Test func anotherSeedGivesAnotherBatch() {
        let first = BuiltInGenerator().draft(Self.request(seed: 1))
        let second = BuiltInGenerator().draft(Self.request(seed: 2))
        #expect(first != second)
        #expect(first.map(\.caption) != second.map(\.caption))
    }

    @Test(arguments: [8, 12, 16], 0...4)
    func countsAreExact(postCount: Int, promoCount: Int) {
        let request = Self.request(postCount: postCount, promoCount: promoCount)
        let posts = BuiltInGenerator().draft(request)
        #expect(posts.count == postCount)
        #expect(posts.filter { $0.type == .promo }.count == promoCount)
        #expect(GeneratedBatch.issues(posts, for: request) == [])
    }

    @Test(arguments: BriefFocus.allCases, BriefTone.allCases)
    func everyFocusAndTonePassesTheBatchRules(focus: BriefFocus, tone: BriefTone) {
        for targets in Self.platformSets {
            for seed: UInt64 in 0..<6 {
                for brand in [Self.brand, nil] {
                    let request = Self.request(focus: focus, tone: tone, targets: targets, brand: brand, seed: seed)
                    let posts = BuiltInGenerator().draft(request)
                    #expect(GeneratedBatch.issues(posts, for: request) == [], "\(focus) \(tone) \(targets) seed \(seed)")
                    #expect(posts.allSatisfy { $0.platformTargets == targets })
                }
            }
        }
    }

    @Test(arguments: BriefFocus.allCases)
    func aFullMonthNeverRepeatsAnOpeningTitleOrCaption(focus: BriefFocus) {
        let posts = BuiltInGenerator().draft(Self.request(focus: focus))
        let openings = posts.map { String($0.caption.prefix(while: { $0 != "\n" })) }
        #expect(Set(openings).count == 16)
        #expect(Set(posts.map(\.title)).count == 16)
        for (index, post) in posts.enumerated() {
            for other in posts[(index + 1)...] {
                #expect(GeneratedBatch.wordSimilarity(post.caption, other.caption) <= 0.8)
                #expect(GeneratedBatch.normalised(post.caption).prefix(60) != GeneratedBatch.normalised(other.caption).prefix(60))
            }
        }
    }

    @Test func promotionsOnlyWhenEnabledAndSpreadOut() {
        let disabled = BuiltInGenerator().draft(Self.request(promoCount: 4, promoEnabled: false))
        #expect(disabled.allSatisfy { $0.type == .post })
        for seed: UInt64 in 0..<20 {
            let posts = BuiltInGenerator().draft(Self.request(promoCount: 4, seed: seed))
            let slots = posts.indices.filter { posts[$0].type == .promo }
            // One in each quarter of the month.
            #expect(slots.map { $0 / 4 } == [0, 1, 2, 3])
            #expect(posts.filter { $0.type == .promo }.allSatisfy { $0.caption.contains("20% off all colour services until the 20th") })
            #expect(posts.filter { $0.type == .post }.allSatisfy { !$0.caption.contains("20% off") })
        }
    }

    @Test(arguments: BriefFocus.allCases)
    func hashtagsAreValidAndFew(focus: BriefFocus) {
        for brand in [Self.brand, nil] {
            for post in BuiltInGenerator().draft(Self.request(focus: focus, brand: brand)) {
                #expect((3...10).contains(post.hashtags.count), "\(post.hashtags)")
                #expect(post.hashtags.allSatisfy(PostText.isValidHashtag))
                #expect(Set(post.hashtags.map { $0.lowercased() }).count == post.hashtags.count)
            }
        }
        let tags = BuiltInGenerator().draft(Self.request(focus: focus)).flatMap(\.hashtags)
        #expect(tags.contains("HarbourCuts"))
        #expect(tags.contains("BeardTrims"))
    }

    @Test func hashtagsAreCamelCaseFromBrandWords() {
        let brand = BrandProfile(name: "Bob's Bakery & Café", serviceKeywords: ["sourdough bread", "iPhone repair", "2024", "gluten-free"])
        let tags = Set(BuiltInGenerator().draft(Self.request(brand: brand)).flatMap(\.hashtags))
        #expect(tags.isSuperset(of: ["BobsBakeryCafé", "SourdoughBread", "iPhoneRepair", "GlutenFree"]))
        #expect(!tags.contains("2024"))
    }

    @Test func theMonthIsNamedAndNoSeasonIs() {
        let seasonal = BuiltInGenerator().draft(Self.request(focus: .seasonal))
        #expect(seasonal.filter { $0.caption.contains("December") || $0.title.contains("December") }.count >= 8)
        let seasons = ["summer", "winter", "spring", "autumn", "snow", "chilly", "sunshine"]
        for focus in BriefFocus.allCases {
            for post in BuiltInGenerator().draft(Self.request(focus: focus)) {
                let text = (post.title + " " + post.caption).lowercased()
                #expect(!seasons.contains { text.contains($0) }, "\(post.title)")
                #expect(!text.contains("{"), "unfilled placeholder in \(post.title)")
            }
        }
    }

    @Test func theOwnersNewsIsMentionedOnceAndInstructionsNever() {
        let posts = BuiltInGenerator().draft(Self.request())
        #expect(posts.filter { $0.caption.contains("We're closed from 24 to 27 December.") }.count == 1)
        #expect(!posts.contains { $0.caption.contains("basins") })
        let instructed = BuiltInGenerator().draft(Self.request(notes: "Please focus on colour this month."))
        #expect(!instructed.contains { $0.caption.contains("Please focus") })
    }

    @Test func keptTitlesAreNotRepeated() {
        let first = BuiltInGenerator().draft(Self.request(seed: 3))
        let request = Self.request(seed: 4, existingTitles: first.map(\.title))
        let second = BuiltInGenerator().draft(request)
        #expect(GeneratedBatch.issues(second, for: request) == [])
        #expect(Set(second.map(\.title)).isDisjoint(with: first.map(\.title)))
    }

    @Test func awkwardBrandTextStillMakesAValidBatch() {
        let brand = BrandProfile(
            name: String(repeating: "Very Long Business Name ", count: 10), tagline: "Welcome!",
            description: String(repeating: "We do a great many things for a great many people. ", count: 30),
            headings: ["Home", "Why choose us?", "Contact"], serviceKeywords: ["#1 haircuts!!", "🙂", "a-very-long-keyword-that-goes-on-and-on-forever"]
        )
        let request = Self.request(brand: brand, notes: "Note [redacted] call us.")
        let posts = BuiltInGenerator().draft(request)
        #expect(GeneratedBatch.issues(posts, for: request) == [])
        #expect(posts.allSatisfy { $0.title.count <= PostText.maxTitleLength })
        let bare = Self.request(brand: BrandProfile(), notes: nil)
        #expect(GeneratedBatch.issues(BuiltInGenerator().draft(bare), for: bare) == [])
        #expect(BuiltInGenerator().draft(Self.request(postCount: 0, promoCount: 0)) == [])
    }

    @Test func theMeterIsAskedOnceAndToldOnce() async throws {
        let meter = RecordingMeter()
        let posts = try await BuiltInGenerator().generate(Self.request(postCount: 12, promoCount: 3), meter: meter)
        #expect(posts.count == 12)
        let authorizations = await meter.authorizations
        #expect(authorizations.count == 1)
        #expect(authorizations.first?.provider == "builtin")
        #expect(authorizations.first?.estimatedMicros == 0)
        let records = await meter.records
        #expect(
            records == [
                GeneratorCall(provider: "builtin", model: "templates-v1", units: 12, costMicros: 0, requestID: nil, succeeded: true)
            ]
        )
    }

    @Test func aRefusingMeterStopsTheGenerator() async {
        let meter = RecordingMeter(refuses: true)
        await #expect(throws: GenerationError.budgetExhausted) {
            try await BuiltInGenerator().generate(Self.request(), meter: meter)
        }
        #expect(await meter.records.isEmpty)
    }
}
