import Testing

@testable import PulseMedia

@Suite struct RenderLayoutTests {
    static let titles: [String] = [
        "Spring menu is here",
        String(repeating: "Fresh bread, local flour and a little patience. ", count: 7).prefix(300).description,
        String(repeating: "W", count: 80),
        "Supercalifragilisticexpialidocious" + String(repeating: "x", count: 46) + " and then some ordinary words",
        "Весенние скидки на всю выпечку — только до конца месяца!",
        "Καλοκαιρινές προσφορές για όλη την οικογένεια",
        "عروض الربيع على جميع المخبوزات الطازجة",
        "โปรโมชั่นฤดูใบไม้ผลิสำหรับขนมปังทุกชนิดในร้านของเรา",
        "春季促销：所有新鲜出炉的面包一律八折，欢迎光临我们的小店",
        "🥐🥖 Fresh today! 👨‍👩‍👧‍👦 family deals 🇫🇷🇯🇵 👍🏽👍🏿 e\u{301}clair",
        "line\nbreaks\tand   spaces\u{0}and controls",
        String(repeating: "Ж", count: 3000),
    ]

    /// Everything the layout draws stays inside the box, checked by measuring each line again.
    static func expectInside(_ layout: TextLayout, _ box: TextBox, _ text: String) throws {
        let tolerance = 1e-6
        #expect(layout.fontSize >= box.minFontSize && layout.fontSize <= box.maxFontSize)
        #expect(layout.lines.count <= box.maxLines)
        #expect(layout.top >= box.y - tolerance && layout.bottom <= box.y + box.height + tolerance)
        for line in layout.lines {
            let metrics = try PostImageRenderer.measure(line.text, weight: box.weight, size: layout.fontSize)
            #expect(abs(metrics.width - line.width) < tolerance)
            #expect(line.x + metrics.left >= box.x - tolerance, "\(line.text)")
            #expect(line.x + metrics.right <= box.x + box.width + tolerance, "\(line.text)")
            #expect(line.baseline + metrics.inkTop >= box.y - tolerance)
            #expect(line.baseline + metrics.inkBottom <= box.y + box.height + tolerance)
        }
        // Lines are whole characters of the text, in order: nothing lost, nothing split.
        let source = TextFitter.words(text).words.joined()
        var shown = layout.lines.map { $0.text.filter { $0 != " " } }.joined()
        if layout.isTruncated {
            #expect(shown.hasSuffix(TextFitter.ellipsis))
            shown.removeLast()
            #expect(source.hasPrefix(shown))
        } else {
            #expect(shown == source)
            #expect(shown.count == source.count)
        }
    }

    @Test(arguments: PostTemplate.allCases)
    func titlesFitTheirBoxInEveryScript(_ template: PostTemplate) throws {
        for title in Self.titles {
            let box = template.titleBox
            let layout = try PostImageRenderer.layout(title, in: box)
            #expect(!layout.lines.isEmpty)
            try Self.expectInside(layout, box, title)
        }
    }

    @Test(arguments: PostTemplate.allCases)
    func accountNamesFitOnOneLine(_ template: PostTemplate) throws {
        for name in ["Harbour Bakery", "Пекарня «Гавань» и партнёры — лучшая выпечка города", String(repeating: "界", count: 90)] {
            let box = template.accountBox
            let layout = try PostImageRenderer.layout(name, in: box)
            #expect(layout.lines.count == 1)
            try Self.expectInside(layout, box, name)
        }
    }

    @Test func shortTitlesGetTheLargestSizeAndLongOnesShrink() throws {
        let box = PostTemplate.bold.titleBox
        let short = try PostImageRenderer.layout("Hello", in: box)
        #expect(short.fontSize == box.maxFontSize)
        #expect(!short.isTruncated)
        let long = try PostImageRenderer.layout(Self.titles[1], in: box)
        #expect(long.fontSize < box.maxFontSize)
        // One step larger would not have fitted: its wrapping overflows the box.
        let larger = long.fontSize + TextFitter.sizeStep
        let widest = try long.lines.map { try PostImageRenderer.measure($0.text, weight: box.weight, size: larger).width }.max() ?? 0
        #expect(widest > box.width || Double(long.lines.count) * larger * box.lineSpacing > box.height || long.fontSize == box.minFontSize)
    }

    @Test func aSingleLongWordBreaksBetweenCharacters() throws {
        let box = PostTemplate.split.titleBox
        let word = String(repeating: "W", count: 80)
        let layout = try PostImageRenderer.layout(word, in: box)
        #expect(layout.lines.count > 1)
        #expect(!layout.isTruncated)
        #expect(layout.lines.map(\.text).joined() == word)
    }

    @Test func textTooLongForTheMinimumSizeEndsInAnEllipsis() throws {
        for template in PostTemplate.allCases {
            let box = template.titleBox
            let text = String(repeating: "Everything must go this weekend ", count: 40)
            let layout = try PostImageRenderer.layout(text, in: box)
            #expect(layout.isTruncated)
            #expect(layout.fontSize == box.minFontSize)
            #expect(layout.lines.last?.text.hasSuffix("…") == true)
            try Self.expectInside(layout, box, text)
        }
    }

    @Test func emptyTextLaysOutNothing() throws {
        let layout = try PostImageRenderer.layout(" \n ", in: PostTemplate.frame.titleBox)
        #expect(layout.lines.isEmpty)
        #expect(!layout.isTruncated)
    }

    @Test func aBoxTooSmallForOneLineDrawsNothingOutsideIt() throws {
        let tiny = TextBox(x: 10, y: 10, width: 30, height: 8, weight: .regular, maxFontSize: 20, minFontSize: 12, maxLines: 3, alignment: .center)
        let layout = try PostImageRenderer.layout("Hello there", in: tiny)
        #expect(layout.lines.isEmpty)
        #expect(layout.isTruncated)
    }
}
