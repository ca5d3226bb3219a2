import Foundation
import PulseCore

/// Reads a business's brand from its home page's HTML: name, tagline, description, Open Graph
/// tags, headings, service keywords and colours. It never fails: broken HTML yields whatever
/// could be read, and every field is bounded, so a huge or hostile page cannot make a huge profile.
public enum BrandExtractor {
    static let maximumHeadings = 30
    static let maximumNameLength = 120
    static let maximumTaglineLength = 200
    static let maximumDescriptionLength = 500

    /// The brand profile of the page `html`, fetched from `url` (after redirects).
    public static func extract(html: String, url: String) -> BrandProfile {
        let outline = PageOutline(html: html)
        let meta = outline.metaByName
        let title = PageTitle(outline.title ?? outline.openGraph["title"], host: URL(string: url)?.host)
        let name = [outline.openGraph["site_name"], meta["application-name"], title.name]
            .compactMap { $0?.collapsingWhitespace(limit: Self.maximumNameLength) }
            .first { !$0.isEmpty }

        let firstH1 = outline.headings.first { $0.level == 1 }?.text
        var tagline = firstH1.flatMap { PageTitle.sameText($0, name) ? nil : $0 } ?? title.otherPart(than: name)
        tagline = tagline?.collapsingWhitespace(limit: Self.maximumTaglineLength)
        if PageTitle.sameText(tagline, name) || tagline?.isEmpty == true { tagline = nil }

        let description = (meta["description"] ?? outline.openGraph["description"])?
            .collapsingWhitespace(limit: Self.maximumDescriptionLength)

        var headings: [String] = []
        var seen: Set<String> = []
        for heading in outline.headings where headings.count < Self.maximumHeadings && seen.insert(heading.text.lowercased()).inserted {
            headings.append(heading.text)
        }

        var sources = headings.map { ServiceKeywords.Source(text: $0, weight: 3) }
        sources += outline.navigationTexts.map { ServiceKeywords.Source(text: $0, weight: 2) }
        sources += [description, tagline].compactMap { $0 }.map { ServiceKeywords.Source(text: $0, weight: 2) }
        sources += outline.textRuns.map { ServiceKeywords.Source(text: $0, weight: 1) }
        let keywords = ServiceKeywords.rank(sources, metaKeywords: meta["keywords"], excludingName: name)

        let declaredColors = ["theme-color", "msapplication-tilecolor"].compactMap { meta[$0] }
        let colors = BrandColors.rank(declaredColors: declaredColors, styles: outline.styles)

        return BrandProfile(
            name: name,
            tagline: tagline,
            description: description?.isEmpty == false ? description : nil,
            openGraph: outline.openGraph,
            headings: headings,
            serviceKeywords: keywords,
            colors: colors,
            sourceURL: url.isEmpty ? nil : String(url.prefix(WebsiteAddress.maximumLength))
        )
    }
}
