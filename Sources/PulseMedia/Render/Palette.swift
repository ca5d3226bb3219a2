/// The colours one post image is drawn with, derived from a brand's colours.
struct Palette: Sendable, Hashable {
    /// The brand's most characteristic colour, the main surface of most templates.
    let primary: RGB
    /// A second colour for bars and badges.
    let accent: RGB
    /// A near-white tint of the primary colour, for light panels.
    let light: RGB
    /// The usable brand colours in the brand's order, preferred for text when readable.
    let brand: [RGB]

    /// Deep navy, for brands without colours.
    static let defaultPrimary = RGB(r: 0x1F / 255, g: 0x3A / 255, b: 0x5F / 255)
    /// Decorations below this contrast with their background would vanish into it.
    static let visibleRatio = 1.5

    /// A palette from `#rrggbb` strings, most characteristic first; unusable ones are skipped.
    init(hexColors: [String]) {
        var brand: [RGB] = []
        for color in hexColors.compactMap(RGB.init(hex:)) where !brand.contains(color) {
            brand.append(color)
        }
        let primary = brand.first ?? Self.defaultPrimary
        self.primary = primary
        self.brand = brand
        self.accent =
            brand.dropFirst().first { Contrast.ratio($0, primary) >= Self.visibleRatio }
            ?? primary.mixed(with: Contrast.luminance(primary) < 0.4 ? .white : .black, amount: 0.5)
        self.light = primary.mixed(with: .white, amount: 0.92)
    }

    /// A text colour readable on `background`: the first brand colour that reaches the WCAG
    /// minimum against it, else white or black.
    func text(on background: RGB) -> RGB {
        Contrast.readableText(on: background, preferring: self.brand)
    }

    /// `color` if it stands out from `background`, else the text colour for that background.
    func visible(_ color: RGB, on background: RGB) -> RGB {
        Contrast.ratio(color, background) >= Self.visibleRatio ? color : self.text(on: background)
    }
}
