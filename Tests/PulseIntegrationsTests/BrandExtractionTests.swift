import Foundation
import PulseCore
import Testing

@testable import PulseIntegrations

/// Brand extraction from HTML alone: the fixtures under `Fixtures/brand`, and the tokenizer,
/// colour and keyword rules on small inline pages.
@Suite struct BrandExtractionTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "html", subdirectory: "Fixtures/brand"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func fullPageWithOpenGraph() throws {
        let profile = BrandExtractor.extract(html: try Self.fixture("bakery"), url: "https://www.crumbandco.example/")
        #expect(profile.name == "Crumb & Co")
        #expect(profile.tagline == "Real bread, baked in Leeds since 1998")
        #expect(profile.description == "Crumb & Co bakes sourdough bread, pastries and celebration cakes in Leeds every morning.")
        #expect(
            profile.openGraph == [
                "site_name": "Crumb & Co", "title": "Crumb & Co Bakery", "description": "Fresh sourdough in Leeds",
                "image": "https://crumbandco.example/og.jpg", "type": "website",
            ]
        )
        // The `<h1>` inside the script is not a heading; the repeated `h2` appears once.
        #expect(profile.headings == ["Real bread, baked in Leeds since 1998", "Sourdough bread", "Celebration cakes", "Pastries & viennoiserie"])
        #expect(Array(profile.serviceKeywords.prefix(2)) == ["sourdough bread", "celebration cakes"])
        #expect(profile.serviceKeywords.contains("pastries"))
        #expect(!profile.serviceKeywords.contains { $0.contains("crumb") || $0 == "home" || $0 == "contact" })
        #expect(profile.serviceKeywords.count <= 15)
        // theme-color, then the brand custom properties, then the most used; greys dropped.
        #expect(profile.colors == ["#c0392b", "#00aa77", "#f1c40f", "#2980b9"])
        #expect(profile.sourceURL == "https://www.crumbandco.example/")
    }

    @Test func pageWithoutOpenGraphUsesTitleAndHeadings() throws {
        let profile = BrandExtractor.extract(html: try Self.fixture("plain"), url: "https://riversideplumbing.example/")
        #expect(profile.name == "Riverside Plumbing")
        // The h1 repeats the name, so the tagline is the title's other part.
        #expect(profile.tagline == "Emergency plumbers in Bristol")
        #expect(profile.description == "24/7 emergency plumbing, boiler repair and bathroom fitting across Bristol.")
        #expect(profile.openGraph.isEmpty)
        #expect(profile.headings == ["Riverside Plumbing", "Boiler repair", "Bathroom fitting"])
        #expect(profile.serviceKeywords.contains("boiler repair"))
        #expect(profile.serviceKeywords.contains("bathroom fitting"))
        #expect(!profile.serviceKeywords.contains("riverside"))
        #expect(profile.colors.isEmpty)
    }

    @Test func brokenHTMLStillYieldsAProfile() throws {
        let profile = BrandExtractor.extract(html: try Self.fixture("broken"), url: "https://studionine.example/")
        #expect(profile.name == "Studio Nine")
        #expect(profile.tagline == "Move with intention")
        #expect(profile.description == "Yoga classes'n'more")
        #expect(profile.openGraph == ["title": "Studio Nine"])
        // `</h2` without `>` swallows the next tag, as in browsers; the unclosed script hides the rest.
        #expect(profile.headings == ["Move with intention", "Vinyasa yoga"])
        #expect(profile.colors == ["#6c3483", "#117a65"])
    }

    @Test func titleSplitPicksTheNameLikePart() {
        let cases: [(String, String?, String?, String?)] = [
            ("Home | Acme Roofing", nil, "Acme Roofing", nil),
            ("Acme Roofing – Roof repairs in Leeds", nil, "Acme Roofing", "Roof repairs in Leeds"),
            ("Roof repairs and new roofs in Leeds - Acme", nil, "Acme", "Roof repairs and new roofs in Leeds"),
            ("Quality Roofs Since 1990 | Hartley & Sons Roofing", "hartleysons.example", "Hartley & Sons Roofing", "Quality Roofs Since 1990"),
            ("Welcome to Acme Roofing", nil, "Acme Roofing", nil),
            ("Home", nil, nil, nil),
        ]
        for (title, host, name, other) in cases {
            let parts = PageTitle(title, host: host)
            #expect(parts.name == name, "\(title)")
            #expect(parts.otherPart(than: parts.name) == other, "\(title)")
        }
    }

    @Test func nameFallsBackToApplicationName() {
        let html = #"<meta name="application-name" content="Tidy Gardens"><title>Lawn care | Tidy</title><h1>Tidy Gardens</h1>"#
        let profile = BrandExtractor.extract(html: html, url: "https://example.com/")
        #expect(profile.name == "Tidy Gardens")
        #expect(profile.tagline == "Lawn care")
    }

    @Test func descriptionFallsBackToOpenGraph() {
        let profile = BrandExtractor.extract(html: #"<meta property="og:description" content="Fresh flowers daily">"#, url: "")
        #expect(profile.description == "Fresh flowers daily")
        #expect(profile.sourceURL == nil)
    }

    @Test func scannerSurvivesBrokenMarkup() {
        var scanner = HTMLScanner(
            #"<!DOCTYPE html><p class=intro data-x = 'a>b' hidden>Fish &amp; chips &lt; 5<br/>a < b<!-- <b>no</b> --><STYLE>p{x:"</style"}</StYlE ><img src="x.png"/></p"#
        )
        let tokens = scanner.tokens()
        #expect(
            tokens == [
                .startTag(name: "p", attributes: ["class": "intro", "data-x": "a>b", "hidden": ""], selfClosing: false),
                .text("Fish & chips < 5"),
                .startTag(name: "br", attributes: [:], selfClosing: true),
                .text("a "), .text("< b"),
                // `</style"` does not end the style element; `</StYlE >` does.
                .rawText(element: "style", content: #"p{x:"</style"}"#),
                .endTag(name: "style"),
                .startTag(name: "img", attributes: ["src": "x.png"], selfClosing: true),
                .endTag(name: "p"),
            ]
        )
        var unterminated = HTMLScanner(#"<a href="never closed"#)
        #expect(unterminated.tokens() == [.startTag(name: "a", attributes: ["href": "never closed"], selfClosing: false)])
        var unclosedComment = HTMLScanner("text<!-- runs to the end <h1>x</h1>")
        #expect(unclosedComment.tokens() == [.text("text")])
    }

    @Test func entities() {
        let decoded = HTMLEntities.decode(Array("&amp; &#39; &#x27; &nbsp; &copy &eacute; &bogus; &#0; &#x110000; AT&T".utf8)[...])
        #expect(decoded == "& ' ' \u{A0} \u{A9} \u{E9} &bogus; \u{FFFD} \u{FFFD} AT&T")
    }

    @Test func colorNormalisation() {
        let cases: [(String, String?)] = [
            ("#ABC", "#aabbcc"), ("#AaBbCc", "#aabbcc"), ("#abcd", "#aabbcc"), ("#11223344", "#112233"),
            ("rgb(255, 0, 128)", "#ff0080"), ("rgba(0,128,255,.5)", "#0080ff"), ("rgb(100% 0% 50% / 0.8)", "#ff0080"),
            ("hsl(0, 100%, 50%)", "#ff0000"), ("hsl(120deg 100% 25%)", "#008000"), ("222 47% 11%", "#0f1729"),
            ("rgba(0,0,0,0)", nil), ("#12345", nil), ("#ggg", nil), ("rgb(nan, 0, 0)", nil), ("red", nil),
        ]
        for (css, hex) in cases { #expect(CSSColor(css: css)?.hex == hex, "\(css)") }
    }

    @Test func colorsPreferBrandPropertiesAndDropNeutrals() {
        let css = """
            :root { --accent: var(--teal-500); --teal-500: #14b8a6; --primary-color: #1d4ed8 !important; --gray: #999; }
            body { color: #111; background: #fafafa; } .a { color: #e11d48 } .b { color: #e11d48 } .c { fill: #f59e0b }
            a:not(#fab) { color: #e11d48 } .d { background: url(#abc) }
            """
        #expect(BrandColors.rank(declaredColors: [], styles: [css]) == ["#1d4ed8", "#14b8a6", "#e11d48", "#f59e0b"])
        // Only neutrals: they are all there is, so they stay.
        #expect(BrandColors.rank(declaredColors: ["#ffffff"], styles: ["p { color: #000 }"]) == ["#ffffff", "#000000"])
        let many = (0..<20).map { "p\($0) { color: rgb(\($0 * 10), 40, 200) }" }.joined(separator: "\n")
        #expect(BrandColors.rank(declaredColors: [], styles: [many]).count == 6)
    }

    @Test func keywordsRankPhrasesAndSkipStopwords() {
        let sources = [
            ServiceKeywords.Source(text: "Dog grooming", weight: 3),
            ServiceKeywords.Source(text: "Dog walking", weight: 3),
            ServiceKeywords.Source(text: "We offer dog grooming and dog walking for your dog, with the best care.", weight: 1),
            ServiceKeywords.Source(text: "Contact us | Home | About", weight: 2),
        ]
        let keywords = ServiceKeywords.rank(sources, metaKeywords: "puppy training, Grooming", excludingName: "Happy Paws")
        #expect(keywords.contains("dog grooming"))
        #expect(keywords.contains("dog walking"))
        #expect(keywords.contains("puppy training"))
        #expect(keywords.allSatisfy { !["we", "the", "and", "contact", "home", "about", "us"].contains($0) })
        #expect(keywords == keywords.map { $0.lowercased() })
    }

    @Test func hugePageMakesABoundedProfile() {
        let heading = "<h2>" + String(repeating: "word ", count: 2000) + "</h2>"
        let body = (0..<500).map { "<h3>Service number \($0)</h3><p>" + String(repeating: "lorem ipsum dolor ", count: 200) + "</p>" }
        let html = "<title>" + String(repeating: "T", count: 100_000) + "</title>" + heading + body.joined()
        let clock = ContinuousClock()
        var profile = BrandProfile()
        let elapsed = clock.measure { profile = BrandExtractor.extract(html: html, url: "https://example.com/") }
        #expect(profile.headings.count == 30)
        #expect(profile.headings.allSatisfy { $0.count <= 200 })
        #expect((profile.name ?? "").count <= 120)
        #expect(profile.serviceKeywords.count <= 15)
        #expect(elapsed < .seconds(10))
    }
}
