import PulseCore
import Testing

@Suite struct CaptionRiskCheckTests {
    /// The flags for a caption alone, on Instagram, with one hashtag.
    private static func flags(caption: String, title: String = "Spring menu") -> [String] {
        CaptionRiskCheck.flags(title: title, caption: caption, hashtags: ["kiwicafe"], platforms: [.instagram])
    }

    @Test func cleanCaptionHasNoFlags() {
        let caption = "Our spring menu lands Monday: flat whites $5.50, 20% off scones 9am–11am, 3 for 2 on muffins until 01/12/2026."
        #expect(Self.flags(caption: caption) == [])
    }

    @Test func lengthIsCheckedWithHashtagsAgainstTheStrictestPlatform() {
        let limit = PostText.maxLength(on: .instagram)
        let fits = String(repeating: "a", count: limit - "\n\n#tag".count)
        #expect(CaptionRiskCheck.flags(title: "", caption: fits, hashtags: ["tag"], platforms: [.instagram]) == [])
        #expect(CaptionRiskCheck.flags(title: "", caption: fits + "a", hashtags: ["tag"], platforms: [.instagram]) == ["over_length"])
        #expect(CaptionRiskCheck.flags(title: "", caption: fits + "a", hashtags: ["tag"], platforms: [.facebook, .instagram]) == ["over_length"])
        #expect(CaptionRiskCheck.flags(title: "", caption: fits + "a", hashtags: ["tag"], platforms: [.facebook]) == [])
        // No platforms yet: Instagram's limit, as PostText applies it.
        #expect(CaptionRiskCheck.flags(title: "", caption: fits + "a", hashtags: ["tag"], platforms: []) == ["over_length"])
    }

    @Test func hashtagCountIsCheckedAgainstTheLimit() {
        let tags = (1...PostText.maxHashtags).map { "tag\($0)" }
        #expect(CaptionRiskCheck.flags(title: "", caption: "Hi", hashtags: tags, platforms: [.facebook]) == [])
        #expect(CaptionRiskCheck.flags(title: "", caption: "Hi", hashtags: tags + ["extra"], platforms: [.facebook]) == ["too_many_hashtags"])
    }

    @Test func personalDataInTitleOrCaptionIsFlaggedByKind() {
        let caption = "Email jo@kiwicafe.nz, visit 12 Ponsonby Rd, pay with 4111 1111 1111 1111."
        #expect(Self.flags(caption: caption, title: "Call 021 555 0199") == ["pii_address", "pii_card", "pii_email", "pii_phone"])
        #expect(Self.flags(caption: "Book now", title: "Ring (09) 123 4567") == ["pii_phone"])
    }

    @Test func placeholdersAreNotFlagged() {
        #expect(Self.flags(caption: "Call [phone] or email [email], find us at [address], pay by [card].") == [])
    }

    @Test(arguments: [
        ("Guaranteed results in one session", "claim_guarantee"),
        ("Results guaranteed!", "claim_guarantee"),
        ("This cleanse is guaranteed to work", "claim_guarantee"),
        ("We guarantee to beat any quote", "claim_guarantee"),
        ("Our tea cures colds", "claim_cure"),
        ("A natural cure for back pain", "claim_cure"),
        ("It cured my insomnia", "claim_cure"),
        ("100% risk-free trial", "claim_risk_free"),
        ("Try it risk free", "claim_risk_free"),
        ("Totally RISK-FREE", "claim_risk_free"),
        ("No risk, all reward", "claim_risk_free"),
        ("The best in the world", "claim_superlative"),
        ("#1 in Auckland for brunch", "claim_superlative"),
        ("No. 1 in town", "claim_superlative"),
        ("Your number one choice", "claim_superlative"),
        ("Doctor-recommended supplements", "claim_medical_endorsement"),
        ("Doctors recommend our pillow", "claim_medical_endorsement"),
        ("Clinically proven formula", "claim_medical_endorsement"),
        ("A miracle cream", "claim_miracle"),
        ("Lose 5kg in 10 days!", "claim_miracle"),
        ("lose up to 10 lbs in 2 weeks", "claim_miracle"),
        ("Get rich with our course", "claim_financial"),
        ("Double your money by Friday", "claim_financial"),
    ]) func claimsAreFlagged(caption: String, code: String) {
        #expect(Self.flags(caption: caption) == [code])
    }

    @Test(arguments: [
        "Secure checkout", "Manicure and pedicure specials", "A curated menu", "We procure local produce",
        "House-cured bacon", "Salt cured salmon", "Cured meats platter", "Money-back guarantee", "Best coffee in town",
        "Risky? Not at all", "Ask our doctor about recommendations", "Lose yourself in a good book for 10 days",
        "Getting richer flavours", "A number of seats left", "Proven recipes", "Street food festival",
    ]) func ordinaryWordsAreNotClaims(caption: String) {
        #expect(Self.flags(caption: caption) == [])
    }

    @Test func claimsInTitleAndHashtagsCount() {
        #expect(Self.flags(caption: "New season", title: "A miracle of a muffin") == ["claim_miracle"])
        #expect(CaptionRiskCheck.flags(title: "", caption: "New season", hashtags: ["miracle"], platforms: [.instagram]) == ["claim_miracle"])
    }

    @Test func flagsAreSortedAndDeduplicated() {
        let caption = "Guaranteed results! Guaranteed to work, a miracle that cures all. Email a@b.co or c@d.co."
        #expect(Self.flags(caption: caption, title: "Miracle") == ["claim_cure", "claim_guarantee", "claim_miracle", "pii_email"])
    }
}
