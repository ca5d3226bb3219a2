import Testing

@testable import PulseMedia

@Suite struct RenderContrastTests {
    static func rgb(_ hex: String) throws -> RGB {
        try #require(RGB(hex: hex))
    }

    @Test func hexColoursParseAndPrint() throws {
        #expect(try Self.rgb("#FFF") == .white)
        #expect(try Self.rgb(" #000000 ") == .black)
        #expect(try Self.rgb("#1A237E").hex == "#1a237e")
        for bad in ["red", "#12345", "", "#ggg", "1a237e", "#1a237e00"] {
            #expect(RGB(hex: bad) == nil)
        }
    }

    @Test func luminanceAndRatioMatchKnownWCAGValues() throws {
        #expect(Contrast.luminance(.white) == 1)
        #expect(Contrast.luminance(.black) == 0)
        #expect(abs(Contrast.ratio(.white, .black) - 21) < 1e-9)
        #expect(abs(Contrast.ratio(try Self.rgb("#777777"), .white) - 4.48) < 0.01)
        #expect(abs(Contrast.ratio(.white, try Self.rgb("#777777")) - 4.48) < 0.01)
        #expect(abs(Contrast.ratio(try Self.rgb("#808080"), .white) - 3.95) < 0.01)
        #expect(abs(Contrast.luminance(try Self.rgb("#ff0000")) - 0.2126) < 1e-9)
        #expect(abs(Contrast.ratio(try Self.rgb("#ff0000"), .white) - 4.0) < 0.01)
        #expect(abs(Contrast.ratio(try Self.rgb("#0000ff"), .white) - 8.59) < 0.01)
    }

    @Test(arguments: ["#ffffff", "#f5e6a3", "#00ff00", "#000000", "#1a237e", "#777777", "#808080", "#ff0000"])
    func textOnAnyBrandColourIsReadable(_ hex: String) throws {
        let background = try Self.rgb(hex)
        let candidates = try ["#ffffff", "#f5e6a3", "#00ff00", "#000000", "#1a237e", "#777777", "#808080", "#ff0000"].map(Self.rgb)
        #expect(Contrast.ratio(Contrast.readableText(on: background, preferring: []), background) >= 4.5)
        #expect(Contrast.ratio(Contrast.readableText(on: background, preferring: candidates), background) >= 4.5)
        let palette = Palette(hexColors: [hex, "#777777"])
        for surface in [palette.primary, palette.light, palette.accent] {
            #expect(Contrast.ratio(palette.text(on: surface), surface) >= 4.5)
        }
    }

    @Test func aReadableBrandColourIsPreferredOverWhiteOrBlack() throws {
        let navy = try Self.rgb("#1a237e")
        let cream = try Self.rgb("#f5e6a3")
        #expect(Contrast.readableText(on: navy, preferring: [cream]) == cream)
        // Red on navy is too weak, so it is skipped for the next brand colour that passes.
        #expect(Contrast.readableText(on: navy, preferring: [try Self.rgb("#ff0000"), cream]) == cream)
        // #808080 fails on #777777; black (4.69) beats white (4.48).
        #expect(Contrast.readableText(on: try Self.rgb("#777777"), preferring: [try Self.rgb("#808080")]) == .black)
    }

    @Test func everyColourHasAReadableTextColour() {
        var worst = 21.0
        for value in 0..<4096 {
            let background = RGB(r: Double(value >> 8) / 15, g: Double((value >> 4) & 0xF) / 15, b: Double(value & 0xF) / 15)
            worst = min(worst, Contrast.ratio(Contrast.readableText(on: background, preferring: []), background))
        }
        #expect(worst >= 4.5)
    }

    @Test func paletteFallsBackToDefaultsAndSkipsUnusableColours() {
        let empty = Palette(hexColors: [])
        #expect(empty.primary == Palette.defaultPrimary)
        #expect(empty.brand.isEmpty)
        #expect(Contrast.ratio(empty.accent, empty.primary) >= Palette.visibleRatio)
        let messy = Palette(hexColors: ["nope", "#FF7043", "#ff7043", "#ff7044", "#1a237e"])
        #expect(messy.primary == RGB(hex: "#ff7043"))
        #expect(messy.brand.count == 3)
        #expect(messy.accent == RGB(hex: "#1a237e"))
    }
}
