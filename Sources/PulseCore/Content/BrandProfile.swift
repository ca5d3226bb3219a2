/// What PulseWorks knows about a business's brand: extracted from its website, then corrected by
/// the owner. Every field is optional or may be empty; generation uses whatever is there.
public struct BrandProfile: Sendable, Codable, Equatable {
    /// The business's name as the site presents it (`og:site_name`, else the title).
    public var name: String?
    /// A short line about the business (the first heading or the title's tail).
    public var tagline: String?
    /// A sentence or two about the business (`meta description` or `og:description`).
    public var description: String?
    /// The `og:` tags found, without the `og:` prefix (`title`, `description`, `image`, `site_name`, …).
    public var openGraph: [String: String]
    /// The page's headings (`h1`–`h3`), in order, de-duplicated, at most a few dozen.
    public var headings: [String]
    /// Words and short phrases naming what the business offers, most frequent first.
    public var serviceKeywords: [String]
    /// Brand colours as `#rrggbb`, most characteristic first (`theme-color`, CSS custom
    /// properties, then the colours the page uses most).
    public var colors: [String]
    /// The page the profile was extracted from, after redirects (nil when written by hand).
    public var sourceURL: String?

    public init(
        name: String? = nil, tagline: String? = nil, description: String? = nil, openGraph: [String: String] = [:],
        headings: [String] = [], serviceKeywords: [String] = [], colors: [String] = [], sourceURL: String? = nil
    ) {
        self.name = name
        self.tagline = tagline
        self.description = description
        self.openGraph = openGraph
        self.headings = headings
        self.serviceKeywords = serviceKeywords
        self.colors = colors
        self.sourceURL = sourceURL
    }
}
