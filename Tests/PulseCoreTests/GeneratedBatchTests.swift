@testable import PulseCore
import Testing

/// The batch rules every generator's output must pass.
@Suite struct GeneratedBatchTests {
    static let captions = [
        "Fresh sourdough comes out of the oven at seven every morning, and the first loaves go fast.",
        "Our croissants take three days from dough to counter. Here's why we never rush them.",
        "Ever wondered what rye flour does to a loaf? A quick explainer from the bakery floor.",
        "Thank you to everyone who came to the market stall last weekend; we sold out by noon.",
    ]

    static func request(postCount: Int = 4, promoEnabled: Bool = true, promoCount: Int = 1, targets: [SocialPlatform] = [.facebook, .instagram]) -> GenerationRequest {
        GenerationRequest(
            accountName: "Crumb & Co", month: YearMonth(year: 2026, month: 3)!, focus: .product, tone: .neutral,
            promoEnabled: promoEnabled, promoDetails: "10% off", notes: nil, platformTargets: targets, brand: nil,
            postCount: postCount, promoCount: promoCount, seed: 1, existingTitles: ["Kept title"]
        )
    }

    static func batch(targets: [SocialPlatform] = [.facebook, .instagram]) -> [GeneratedPost] {
        Self.captions.enumerated().map { index, caption in
            GeneratedPost(
                type: index == 2 ? .promo : .post, title: "Title \(index)", caption: caption, hashtags: ["Bakery", "sourdough_love"],
                platformTargets: targets
            )
        }
    }

    @Test func aGoodBatchHasNoIssues() {
        #expect(GeneratedBatch.issues(Self.batch(), for: Self.request()) == [])
    }

    @Test func theCountMustMatch() {
        let issues = GeneratedBatch.issues(Array(Self.batch().prefix(3)), for: Self.request())
        #expect(issues == ["expected 4 posts, got 3"])
    }

    @Test func promotionsAreLimited() {
        var posts = Self.batch()
        posts[0].type = .promo
        #expect(GeneratedBatch.issues(posts, for: Self.request()) == ["2 PROMO posts; at most 1 allowed"])
        let disabled = GeneratedBatch.issues(Self.batch(), for: Self.request(promoEnabled: false, promoCount: 0))
        #expect(disabled == ["1 PROMO posts, but promotions are not enabled this month"])
    }

    @Test func everyPostTargetsTheRequestedPlatforms() {
        var posts = Self.batch()
        posts[1].platformTargets = [.facebook]
        #expect(GeneratedBatch.issues(posts, for: Self.request()) == ["post 2 targets FACEBOOK; expected FACEBOOK, INSTAGRAM"])
        // The order of the targets does not matter.
        posts[1].platformTargets = [.instagram, .facebook]
        #expect(GeneratedBatch.issues(posts, for: Self.request()) == [])
    }

    @Test func captionsMustNotRepeat() {
        var posts = Self.batch()
        posts[3].caption = "  FRESH sourdough comes out of the oven at seven every morning,\n and the first loaves go fast.  "
        #expect(GeneratedBatch.issues(posts, for: Self.request()) == ["posts 1 and 4 have the same or nearly the same caption"])
    }

    @Test func captionsWithTheSameOpeningAreAlike() {
        var posts = Self.batch()
        posts[3].caption = "Fresh sourdough comes out of the oven at seven every morning. Except Sundays, when we all sleep in."
        #expect(GeneratedBatch.issues(posts, for: Self.request()).count == 1)
    }

    @Test func captionsWithNearlyTheSameWordsAreAlike() {
        var posts = Self.batch()
        // One word of sixteen changed, and the opening differs: Jaccard 15/17 ≈ 0.88.
        posts[3].caption = "Every morning at seven fresh sourdough comes out of the oven, and the first loaves go quickly."
        #expect(GeneratedBatch.issues(posts, for: Self.request()) == ["posts 1 and 4 have the same or nearly the same caption"])
        #expect(GeneratedBatch.wordSimilarity(GeneratedBatch.normalised(posts[0].caption), GeneratedBatch.normalised(posts[3].caption)) > 0.8)
    }

    @Test func titlesMustBeNewAndDistinct() {
        var posts = Self.batch()
        posts[1].title = "title 0"
        posts[2].title = "KEPT  title"
        #expect(
            GeneratedBatch.issues(posts, for: Self.request()) == [
                "posts 1 and 2 have the same title", "post 3 repeats the title of a kept post this month",
            ]
        )
    }

    @Test func textMustFitThePlatforms() {
        var posts = Self.batch()
        posts[0].title = String(repeating: "t", count: 121)
        posts[1].caption = String(repeating: "word ", count: 440) + "end"
        posts[2].hashtags = (1...31).map { "tag\($0)" }
        posts[3].hashtags = ["#bakery"]
        let issues = GeneratedBatch.issues(posts, for: Self.request())
        #expect(issues.contains("post 1: title must be at most 120 characters"))
        #expect(issues.contains { $0.hasPrefix("post 2: caption with its hashtags is") && $0.contains("INSTAGRAM allows 2200") })
        #expect(issues.contains("post 3: hashtags must be at most 30 hashtags"))
        #expect(issues.contains { $0.hasPrefix("post 4: hashtags '#bakery' is not a hashtag") })
        #expect(issues.count == 4)
        // Facebook alone takes the long caption.
        let facebookOnly = Self.batch(targets: [.facebook]).enumerated().map { index, post in
            var post = post
            if index == 1 { post.caption = posts[1].caption }
            return post
        }
        #expect(GeneratedBatch.issues(facebookOnly, for: Self.request(targets: [.facebook])) == [])
    }

    @Test func emptyCaptionsAreIssues() {
        var posts = Self.batch()
        posts[0].caption = "   "
        #expect(GeneratedBatch.issues(posts, for: Self.request()).contains("post 1: caption must not be empty"))
    }
}
