/// The rules every generated batch must meet before it becomes drafts, whichever generator wrote
/// it: the built-in one checks itself against them, the AI one retries when its answer breaks them.
public enum GeneratedBatch {
    /// Captions whose normalised text starts with this many identical characters count as alike:
    /// the owner would see the same post twice in the calendar.
    static let alikePrefixLength = 60
    /// Captions whose word sets overlap more than this (Jaccard similarity) count as alike.
    static let alikeWordSimilarity = 0.8

    /// What is wrong with `posts` as the batch for `request`, one sentence per problem (empty when
    /// the batch is valid). Posts are numbered from 1.
    public static func issues(_ posts: [GeneratedPost], for request: GenerationRequest) -> [String] {
        var issues: [String] = []
        if posts.count != request.postCount {
            issues.append("expected \(request.postCount) posts, got \(posts.count)")
        }
        let promos = posts.filter { $0.type == .promo }.count
        if promos > 0, !request.promoEnabled {
            issues.append("\(promos) PROMO posts, but promotions are not enabled this month")
        } else if promos > request.promoCount {
            issues.append("\(promos) PROMO posts; at most \(request.promoCount) allowed")
        }
        let targets = request.platformTargets.map(\.rawValue).sorted()
        for (index, post) in posts.enumerated() {
            if post.platformTargets.map(\.rawValue).sorted() != targets {
                issues.append("post \(index + 1) targets \(Self.names(post.platformTargets)); expected \(Self.names(request.platformTargets))")
            }
            let textIssues = PostText.issues(
                title: post.title, caption: post.caption, hashtags: post.hashtags, platforms: request.platformTargets
            )
            issues += textIssues.map { "post \(index + 1): \($0.field) \($0.message)" }
        }
        issues += Self.titleIssues(posts, existingTitles: request.existingTitles)
        issues += Self.captionIssues(posts)
        return issues
    }

    /// Lower-cased, with every run of white space collapsed to one space and none at the ends.
    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether two captions would read as the same post: equal or with the same opening once
    /// normalised, or made of nearly the same words.
    static func alike(_ first: String, _ second: String) -> Bool {
        Self.alike(CaptionForm(first), CaptionForm(second))
    }

    /// Jaccard similarity of the two texts' sets of words (letters and digits only).
    static func wordSimilarity(_ first: String, _ second: String) -> Double {
        Self.jaccard(Self.words(first), Self.words(second))
    }

    /// A caption in the forms the comparisons need, worked out once per caption.
    private struct CaptionForm {
        let normalised: String
        let words: Set<Substring>

        init(_ caption: String) {
            self.normalised = GeneratedBatch.normalised(caption)
            self.words = GeneratedBatch.words(self.normalised)
        }
    }

    private static func alike(_ a: CaptionForm, _ b: CaptionForm) -> Bool {
        if a.normalised == b.normalised { return true }
        if a.normalised.count >= Self.alikePrefixLength,
            a.normalised.prefix(Self.alikePrefixLength) == b.normalised.prefix(Self.alikePrefixLength)
        {
            return true
        }
        return Self.jaccard(a.words, b.words) > Self.alikeWordSimilarity
    }

    private static func jaccard(_ a: Set<Substring>, _ b: Set<Substring>) -> Double {
        let union = a.union(b).count
        guard union > 0 else { return 1 }
        return Double(a.intersection(b).count) / Double(union)
    }

    private static func words(_ text: String) -> Set<Substring> {
        Set(text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }))
    }

    private static func titleIssues(_ posts: [GeneratedPost], existingTitles: [String]) -> [String] {
        var issues: [String] = []
        let existing = Set(existingTitles.map(Self.normalised))
        var seen: [String: Int] = [:]
        for (index, post) in posts.enumerated() {
            let title = Self.normalised(post.title)
            if let first = seen[title] {
                issues.append("posts \(first + 1) and \(index + 1) have the same title")
            } else {
                seen[title] = index
            }
            if existing.contains(title) {
                issues.append("post \(index + 1) repeats the title of a kept post this month")
            }
        }
        return issues
    }

    private static func captionIssues(_ posts: [GeneratedPost]) -> [String] {
        var issues: [String] = []
        let forms = posts.map { CaptionForm($0.caption) }
        for second in forms.indices {
            for first in forms.indices where first < second {
                if Self.alike(forms[first], forms[second]) {
                    issues.append("posts \(first + 1) and \(second + 1) have the same or nearly the same caption")
                    break
                }
            }
        }
        return issues
    }

    private static func names(_ platforms: [SocialPlatform]) -> String {
        platforms.isEmpty ? "nothing" : platforms.map(\.rawValue).joined(separator: ", ")
    }
}
