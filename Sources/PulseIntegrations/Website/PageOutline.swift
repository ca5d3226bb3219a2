/// What brand extraction needs from a page, gathered in one pass over its tokens: the title,
/// the `meta` tags, headings, navigation link texts, visible text, and the CSS it carries.
/// Every list and string is bounded, so a hostile page costs bounded memory.
struct PageOutline {
    /// A heading's level (1–3) and its text.
    struct Heading: Equatable {
        var level: Int
        var text: String
    }

    var title: String?
    /// `meta name=… content=…` by lower-cased name (`description`, `keywords`, `theme-color`, …); first wins.
    var metaByName: [String: String] = [:]
    /// `og:*` properties without the prefix; first wins.
    var openGraph: [String: String] = [:]
    var headings: [Heading] = []
    var navigationTexts: [String] = []
    /// Runs of visible text, split where block elements break them (so phrases never span two).
    var textRuns: [String] = []
    /// `<style>` contents and `style=""` attributes.
    var styles: [String] = []

    static let maximumMetaTags = 100
    static let maximumHeadings = 60
    static let maximumNavigationTexts = 100
    static let maximumTextCharacters = 100_000
    static let maximumStyleCharacters = 1_000_000

    /// Inline elements, which continue a run of text rather than break it.
    private static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "em", "font", "i", "kbd", "mark", "q", "s", "small",
        "span", "strong", "sub", "sup", "time", "u", "var",
    ]
    private static let headingElements: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
    /// Block elements that end an unclosed heading.
    private static let headingBreakers: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "nav", "main", "aside", "ul", "ol", "table", "form", "body",
    ]

    private var heading: Heading?
    private var navigationDepth = 0
    private var linkText: String?
    private var run = ""
    private var textCharacters = 0
    private var styleCharacters = 0

    /// The outline of `html`.
    init(html: String) {
        var scanner = HTMLScanner(html)
        while let token = scanner.next() { self.consume(token) }
        self.finishHeading()
        self.finishRun()
    }

    private mutating func consume(_ token: HTMLToken) {
        switch token {
        case .text(let text):
            // Open headings and links are cut short; what they hold past that is never kept anyway.
            if let heading = self.heading, heading.text.utf8.count < 2000 { self.heading?.text += text }
            if let link = self.linkText, link.utf8.count < 1000 { self.linkText? += text }
            self.run += text
            if self.run.utf8.count > 4096 { self.finishRun() }
        case .rawText(let element, let content):
            if element == "title", self.title == nil { self.title = content.collapsingWhitespace(limit: 300) }
            if element == "style" { self.addStyle(content) }
        case .startTag(let name, let attributes, _):
            if let style = attributes["style"] { self.addStyle(style) }
            self.open(name, attributes: attributes)
        case .endTag(let name):
            self.close(name)
        }
    }

    private mutating func open(_ name: String, attributes: [String: String]) {
        if !Self.inlineElements.contains(name) { self.finishRun() }
        if Self.headingElements.contains(name) || Self.headingBreakers.contains(name) { self.finishHeading() }
        switch name {
        case "h1", "h2", "h3":
            self.heading = Heading(level: Int(String(name.dropFirst())) ?? 3, text: "")
        case "nav":
            self.navigationDepth += 1
        case "a":
            self.finishLink()
            if self.navigationDepth > 0 { self.linkText = "" }
        case "meta":
            self.addMeta(attributes)
        default:
            break
        }
    }

    private mutating func close(_ name: String) {
        if !Self.inlineElements.contains(name) { self.finishRun() }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            self.finishHeading()
        case "nav":
            self.finishLink()
            self.navigationDepth = max(0, self.navigationDepth - 1)
        case "a":
            self.finishLink()
        default:
            break
        }
    }

    private mutating func addMeta(_ attributes: [String: String]) {
        guard let key = (attributes["property"] ?? attributes["name"] ?? attributes["itemprop"])?.trimmingWhitespace().lowercased(),
            !key.isEmpty, let content = attributes["content"]?.collapsingWhitespace(limit: 1000), !content.isEmpty,
            self.metaByName.count + self.openGraph.count < Self.maximumMetaTags
        else { return }
        if key.hasPrefix("og:") {
            let property = String(key.dropFirst(3).prefix(64))
            if !property.isEmpty, self.openGraph[property] == nil { self.openGraph[property] = content }
        } else if self.metaByName[key] == nil {
            self.metaByName[String(key.prefix(64))] = content
        }
    }

    private mutating func addStyle(_ css: String) {
        guard self.styleCharacters < Self.maximumStyleCharacters else { return }
        let kept = String(decoding: css.utf8.prefix(Self.maximumStyleCharacters - self.styleCharacters), as: UTF8.self)
        self.styleCharacters += kept.utf8.count
        self.styles.append(kept)
    }

    private mutating func finishHeading() {
        guard let heading = self.heading else { return }
        self.heading = nil
        let text = heading.text.collapsingWhitespace(limit: 200)
        guard !text.isEmpty, self.headings.count < Self.maximumHeadings else { return }
        self.headings.append(Heading(level: heading.level, text: text))
    }

    private mutating func finishLink() {
        guard let text = self.linkText else { return }
        self.linkText = nil
        let collapsed = text.collapsingWhitespace(limit: 80)
        guard !collapsed.isEmpty, self.navigationTexts.count < Self.maximumNavigationTexts else { return }
        self.navigationTexts.append(collapsed)
    }

    private mutating func finishRun() {
        guard !self.run.isEmpty else { return }
        defer { self.run = "" }
        guard self.textCharacters < Self.maximumTextCharacters else { return }
        let text = self.run.collapsingWhitespace(limit: Self.maximumTextCharacters - self.textCharacters)
        guard !text.isEmpty else { return }
        self.textCharacters += text.count
        self.textRuns.append(text)
    }
}
