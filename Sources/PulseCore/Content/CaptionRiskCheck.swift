/// Checks a generated or edited caption for problems an owner should see before it is published;
/// each problem is a stable code stored in the content item's `riskFlags`.
///
/// The codes:
/// - `over_length`: the caption with its hashtags (`PostText.compose`) is longer than the strictest
///   target platform allows (`PostText.maxLength(on:)`).
/// - `too_many_hashtags`: more than `PostText.maxHashtags` hashtags.
/// - `pii_email`, `pii_phone`, `pii_address`, `pii_card`: personal data (`PIIScrubber.findings`) in
///   the title or caption.
/// - `claim_<slug>`: a claim a small business should not make, found in the title, caption or a
///   hashtag. Matching ignores case, respects word boundaries and treats hyphens like spaces:
///   - `claim_guarantee`: "guaranteed results", "results guaranteed", "guarantee(d/s) to".
///   - `claim_cure`: "cure", "cures", "cured", but not "secure", "manicure", "pedicure", "curate",
///     "procure", nor curing food ("house-cured bacon", "salt cured", "cured meats").
///   - `claim_risk_free`: "risk-free", "risk free", "riskfree", "100% risk-free", "no risk".
///   - `claim_superlative`: "best in the world", "#1 in", "No. 1 in", "number one", "number 1".
///   - `claim_medical_endorsement`: "doctor recommended", "doctors recommend(ed)",
///     "recommended by doctors", "clinically proven".
///   - `claim_miracle`: "miracle(s)", "miraculous", and weight-loss promises such as
///     "lose 5kg in 10 days" or "lose up to 10 lbs in 2 weeks".
///   - `claim_financial`: "get rich", "getting rich", "double your money".
public enum CaptionRiskCheck {
    /// Stable codes, sorted and de-duplicated: "over_length" (the composed text exceeds the strictest target platform's limit),
    /// "too_many_hashtags" (> PostText.maxHashtags), "pii_email", "pii_phone", "pii_address", "pii_card" (from PIIScrubber.findings on title+caption),
    /// and "claim_<slug>" for claims a small business should not make.
    public static func flags(title: String, caption: String, hashtags: [String], platforms: [SocialPlatform]) -> [String] {
        var flags: Set<String> = []
        if PostText.compose(caption: caption, hashtags: hashtags).count > PostText.maxLength(on: platforms) {
            flags.insert("over_length")
        }
        if hashtags.count > PostText.maxHashtags {
            flags.insert("too_many_hashtags")
        }
        // Title and caption apart, so the end of one and the start of the other never make a datum.
        for text in [title, caption] {
            for finding in PIIScrubber.findings(in: text) {
                flags.insert("pii_" + finding.kind.rawValue)
            }
        }
        for text in [title, caption] + hashtags {
            for claim in Claim.found(in: Self.words(in: text)) {
                flags.insert("claim_" + claim.rawValue)
            }
        }
        return flags.sorted()
    }

    /// `text` lower-cased and cut into words: letters and digits apart ("10kg" is "10", "kg"), `#`
    /// and `%` as words of their own, apostrophes dropped ("world's" is "worlds") and every other
    /// character, hyphens included, a boundary.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var word = ""
        for char in text.lowercased() where char != "'" && char != "’" {
            if char.isLetter || char.isNumber {
                if let last = word.last, last.isNumber != char.isNumber {
                    words.append(word)
                    word = ""
                }
                word.append(char)
                continue
            }
            if !word.isEmpty {
                words.append(word)
                word = ""
            }
            if char == "#" || char == "%" {
                words.append(String(char))
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }
}

extension CaptionRiskCheck {
    /// A kind of claim a small business should not make; the raw value is the code's slug.
    enum Claim: String, CaseIterable {
        case guarantee
        case cure
        case riskFree = "risk_free"
        case superlative
        case medicalEndorsement = "medical_endorsement"
        case miracle
        case financial

        /// Phrases that make the claim, each a sequence of words with the alternatives at each place.
        private var phrases: [[Set<String>]] {
            let guarantee: Set<String> = ["guarantee", "guaranteed", "guarantees"]
            switch self {
            case .guarantee:
                return [[guarantee, ["results", "result"]], [["results"], ["guaranteed"]], [guarantee, ["to"]]]
            case .cure:
                return [[["cure", "cures", "cured"]]]
            case .riskFree:
                return [[["risk"], ["free"]], [["riskfree"]], [["no"], ["risk"]]]
            case .superlative:
                return [[["best"], ["in"], ["the"], ["world"]], [["#", "no"], ["1"], ["in"]], [["number"], ["one", "1"]]]
            case .medicalEndorsement:
                return [
                    [["doctor", "doctors", "dr"], ["recommended", "recommend"]], [["recommended"], ["by"], ["doctors"]],
                    [["clinically"], ["proven"]],
                ]
            case .miracle:
                return [[["miracle", "miracles", "miraculous"]]]
            case .financial:
                return [[["get", "getting", "gets"], ["rich"]], [["double", "doubled"], ["your"], ["money"]]]
            }
        }

        /// Words before "cured" that mean curing food rather than illness ("house-cured", "salt cured").
        private static let curingMethods: Set<String> = [
            "salt", "dry", "house", "sugar", "smoke", "home", "air", "brine", "honey", "maple", "cold", "hot",
        ]
        /// Foods after "cured" ("cured meats", "cured salmon").
        private static let curedFoods: Set<String> = [
            "meat", "meats", "ham", "hams", "bacon", "salmon", "pork", "beef", "sausage", "sausages", "salami",
            "chorizo", "prosciutto", "fish", "egg", "eggs", "yolk", "yolks", "olives", "lemons", "duck", "venison",
            "trout", "tuna", "lamb",
        ]
        /// Weight units in "lose 5 kg in 10 days".
        private static let weightUnits: Set<String> = ["kg", "kgs", "kilo", "kilos", "kilograms", "lb", "lbs", "pound", "pounds", "stone"]
        /// Spans of time in "lose 5 kg in 10 days".
        private static let spans: Set<String> = ["day", "days", "week", "weeks", "month", "months"]

        /// The claims made in `words` (from `CaptionRiskCheck.words(in:)`).
        static func found(in words: [String]) -> Set<Claim> {
            var claims: Set<Claim> = []
            for claim in Self.allCases {
                for start in words.indices where claim.phrases.contains(where: { claim.matches($0, in: words, at: start) }) {
                    claims.insert(claim)
                }
            }
            if Self.promisesWeightLoss(words) { claims.insert(.miracle) }
            return claims
        }

        /// Whether `phrase` occurs in `words` at `start`, minding the food sense of "cured".
        private func matches(_ phrase: [Set<String>], in words: [String], at start: Int) -> Bool {
            guard start + phrase.count <= words.count,
                phrase.indices.allSatisfy({ phrase[$0].contains(words[start + $0]) })
            else { return false }
            if self == .cure {
                let before = start > 0 ? words[start - 1] : ""
                let after = start + 1 < words.count ? words[start + 1] : ""
                return !Self.curingMethods.contains(before) && !Self.curedFoods.contains(after)
            }
            return true
        }

        /// Whether `words` promise weight loss in a set time: "lose", a weight unit within four
        /// words, then "in", one word and a span of time.
        private static func promisesWeightLoss(_ words: [String]) -> Bool {
            for lose in words.indices where ["lose", "drop", "shed"].contains(words[lose]) {
                for unit in (lose + 1)..<min(lose + 5, words.count) where Self.weightUnits.contains(words[unit]) {
                    if unit + 3 < words.count, words[unit + 1] == "in", Self.spans.contains(words[unit + 3]) { return true }
                }
            }
            return false
        }
    }
}
