import Foundation

/// A page title split into its parts (`Home | Acme Bakery – Fresh bread daily`), with the part
/// most likely to be the business's name picked out.
struct PageTitle {
    /// Separators sites put between the page, the business and a slogan.
    private static let separators = [" | ", " - ", " – ", " — ", " · ", " :: ", " » "]
    /// Parts that name the page rather than the business.
    private static let genericParts: Set<String> = [
        "home", "homepage", "home page", "welcome", "index", "main", "official site", "official website", "start",
    ]

    let parts: [String]
    /// The index in `parts` of the name, nil when no part can be.
    let nameIndex: Int?

    /// Splits `title`; `host` (the site's host name) helps recognise the name.
    init(_ title: String?, host: String?) {
        var parts = [title?.collapsingWhitespace(limit: 300) ?? ""]
        for separator in Self.separators {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        self.parts = parts.map { Self.strippingWelcome($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
        let labels = Self.hostLabels(host)
        let scored = self.parts.enumerated().map { index, part -> (index: Int, score: Int) in
            let compact = Self.compact(part)
            if Self.genericParts.contains(part.lowercased()) || compact.isEmpty { return (index, Int.min) }
            let matchesHost = labels.contains { $0 == compact || (compact.count >= 3 && ($0.contains(compact) || compact.contains($0))) }
            // Names are short; the one matching the domain is almost always right.
            return (index, (matchesHost ? 100 : 0) - part.split(separator: " ").count)
        }
        self.nameIndex = scored.filter { $0.score > Int.min }.max { ($0.score, -$0.index) < ($1.score, -$1.index) }?.index
    }

    /// The part taken for the business's name.
    var name: String? { self.nameIndex.map { self.parts[$0] } }

    /// The longest part that is neither the name nor generic: usually a slogan or the page's subject.
    func otherPart(than name: String?) -> String? {
        self.parts.enumerated()
            .filter { $0.offset != self.nameIndex && !Self.sameText($0.element, name) && !Self.genericParts.contains($0.element.lowercased()) }
            .max { $0.element.count < $1.element.count }?.element
    }

    /// Whether two texts are the same apart from case, spaces and punctuation.
    static func sameText(_ first: String?, _ second: String?) -> Bool {
        guard let first, let second else { return false }
        return Self.compact(first) == Self.compact(second)
    }

    /// Letters and digits only, lower-cased: how a name compares with a host label.
    private static func compact(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    private static func strippingWelcome(_ part: String) -> String {
        let prefix = "welcome to "
        guard part.lowercased().hasPrefix(prefix), part.count > prefix.count else { return part }
        return String(part.dropFirst(prefix.count)).trimmingWhitespace()
    }

    /// The host's labels that could carry a brand: not `www`, not the top-level domain.
    private static func hostLabels(_ host: String?) -> [String] {
        let labels = (host ?? "").lowercased().split(separator: ".").map { String($0.filter { $0.isLetter || $0.isNumber }) }
        return labels.dropLast().filter { $0 != "www" && $0.count >= 2 }
    }
}
