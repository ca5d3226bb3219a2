/// Picks a page's brand colours: the colours it declares for itself (`theme-color` and the
/// like), then CSS custom properties named like brand colours, then the colours its CSS uses
/// most. Neutrals are dropped when anything else is left.
enum BrandColors {
    static let maximumCount = 6

    /// Custom-property name parts that mark a brand colour, most telling first.
    private static let brandWords = ["brand", "primary", "accent", "secondary", "theme"]

    /// Properties whose values are colours worth counting; selectors and other declarations
    /// are skipped, so `#fab` in `a:not(#fab)` or a URL fragment is never read as a colour.
    private static let colorProperties: Set<String> = [
        "color", "background", "background-color", "border", "border-color", "border-top", "border-bottom", "border-left",
        "border-right", "outline", "outline-color", "fill", "stroke", "box-shadow", "text-shadow",
        "text-decoration-color", "caret-color", "accent-color",
    ]

    /// Up to `maximumCount` colours as `#rrggbb`, most characteristic first.
    static func rank(declaredColors: [String], styles: [String]) -> [String] {
        var customProperties: [String: String] = [:]
        var counts: [CSSColor: Int] = [:]
        var firstSeen: [CSSColor] = []
        for style in styles {
            for (property, value) in Self.declarations(in: style) {
                if property.hasPrefix("--") {
                    if customProperties[property] == nil { customProperties[property] = value }
                } else if !Self.colorProperties.contains(property) {
                    continue
                }
                for color in Self.colors(in: value) {
                    if counts[color] == nil { firstSeen.append(color) }
                    counts[color, default: 0] += 1
                }
            }
        }
        var candidates = declaredColors.compactMap { CSSColor(css: $0) }
        let brandProperties = customProperties.keys
            .compactMap { name in Self.brandRank(name).map { (name: name, rank: $0) } }
            .sorted { ($0.rank, $0.name.count, $0.name) < ($1.rank, $1.name.count, $1.name) }
        candidates += brandProperties.compactMap { Self.resolve($0.name, in: customProperties) }
        candidates += firstSeen.enumerated()
            .sorted { (counts[$0.element] ?? 0, -$0.offset) > (counts[$1.element] ?? 0, -$1.offset) }
            .map(\.element)
        // A set for the membership test: a hostile stylesheet may hold a hundred thousand colours.
        var seen: Set<CSSColor> = []
        var unique: [CSSColor] = []
        for color in candidates where seen.insert(color).inserted { unique.append(color) }
        if unique.contains(where: { !$0.isNeutral }) { unique.removeAll(where: \.isNeutral) }
        return unique.prefix(Self.maximumCount).map(\.hex)
    }

    /// Where a custom property's name ranks among brand-colour names, nil when it is not one.
    private static func brandRank(_ name: String) -> Int? {
        Self.brandWords.firstIndex { name.contains($0) }
    }

    /// A custom property's colour, following `var(--other)` (and its fallback) a few levels.
    private static func resolve(_ name: String, in properties: [String: String], depth: Int = 0) -> CSSColor? {
        guard depth < 4, let value = properties[name]?.trimmingWhitespace() else { return nil }
        if value.lowercased().hasPrefix("var("), value.hasSuffix(")") {
            let inner = value.dropFirst(4).dropLast()
            let parts = inner.split(separator: ",", maxSplits: 1)
            let referenced = (parts.first.map(String.init) ?? "").trimmingWhitespace()
            if let color = Self.resolve(referenced, in: properties, depth: depth + 1) { return color }
            return parts.count > 1 ? CSSColor(css: String(parts[1])) : nil
        }
        return CSSColor(css: value) ?? Self.colors(in: value).first
    }

    /// `property: value` pairs, with comments removed; the property lower-cased.
    static func declarations(in css: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for segment in Self.strippingComments(css).split(whereSeparator: { $0 == "{" || $0 == "}" || $0 == ";" }) {
            guard let colon = segment.firstIndex(of: ":") else { continue }
            let property = segment[..<colon].trimmingWhitespace().lowercased()
            guard !property.isEmpty, !property.contains(where: \.isWhitespace) else { continue }
            var value = segment[segment.index(after: colon)...].trimmingWhitespace()
            if value.lowercased().hasSuffix("!important") { value = value.dropLast(10).trimmingWhitespace() }
            pairs.append((property, value))
        }
        return pairs
    }

    /// The colour literals in a declaration value: hex colours and colour functions.
    static func colors(in value: String) -> [CSSColor] {
        let characters = Array(value.lowercased())
        var colors: [CSSColor] = []
        var index = 0
        while index < characters.count {
            if characters[index] == "#" {
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber { end += 1 }
                if let color = CSSColor(css: String(characters[index..<end])) { colors.append(color) }
                index = end
            } else if characters[index].isLetter {
                var end = index
                while end < characters.count, characters[end].isLetter || characters[end] == "-" { end += 1 }
                let word = String(characters[index..<end])
                if ["rgb", "rgba", "hsl", "hsla"].contains(word), end < characters.count, characters[end] == "(",
                    let close = characters[end...].firstIndex(of: ")")
                {
                    if let color = CSSColor(css: String(characters[index...close])) { colors.append(color) }
                    end = close + 1
                } else if word == "url", end < characters.count, characters[end] == "(" {
                    end = characters[end...].firstIndex(of: ")").map { $0 + 1 } ?? characters.count
                }
                index = end
            } else {
                index += 1
            }
        }
        return colors
    }

    private static func strippingComments(_ css: String) -> String {
        var output = ""
        var rest = css[...]
        while let open = rest.firstRange(of: "/*") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "*/") else { return output }
            rest = rest[close.upperBound...]
        }
        return output + rest
    }
}
