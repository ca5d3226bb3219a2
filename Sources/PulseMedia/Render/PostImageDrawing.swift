import Foundation

/// Draws one post image, start to finish, on the calling thread. Blocking: callers run it on
/// the renderer's own threads.
enum PostImageDrawing {
    static let badgeRadius = 64.0

    /// The PNG bytes for `spec`; the same spec gives the same bytes.
    static func png(for spec: PostImageSpec) throws(RenderError) -> [UInt8] {
        let canvas = try PostCanvas(width: PostImageRenderer.size, height: PostImageRenderer.size)
        let palette = Palette(hexColors: spec.colors)
        let template = spec.template
        let (titleBackground, accountBackground, badgeBackground) = Self.drawBackground(template, palette, on: canvas)
        let titleBox = template.titleBox
        let title = TextFitter.layout(spec.title, in: titleBox, on: canvas)
        canvas.draw(title, in: titleBox, palette.text(on: titleBackground))
        let accountBox = template.accountBox
        let account = TextFitter.layout(spec.accountName, in: accountBox, on: canvas)
        canvas.draw(account, in: accountBox, palette.text(on: accountBackground))
        if spec.isPromo {
            Self.drawBadge(at: template.badgeCenter, palette: palette, on: badgeBackground, canvas: canvas)
        }
        return try canvas.png()
    }

    /// Fills the template's surfaces and decorations; returns the colours under the title, the
    /// account name and the badge.
    private static func drawBackground(
        _ template: PostTemplate, _ palette: Palette, on canvas: borrowing PostCanvas
    ) -> (title: RGB, account: RGB, badge: RGB) {
        let size = Double(PostImageRenderer.size)
        switch template {
        case .bold:
            let accent = palette.visible(palette.accent, on: palette.primary)
            canvas.fill(x: 0, y: 0, width: size, height: size, palette.primary)
            canvas.fill(x: 96, y: 120, width: 160, height: 14, accent)
            canvas.fill(x: 0, y: size - 40, width: size, height: 40, accent)
            return (palette.primary, palette.primary, palette.primary)
        case .split:
            let band = 400.0
            canvas.fill(x: 0, y: 0, width: size, height: band, palette.primary)
            canvas.fill(x: 0, y: band, width: size, height: 24, palette.visible(palette.accent, on: palette.light))
            canvas.fill(x: 0, y: band + 24, width: size, height: size - band - 24, palette.light)
            canvas.fill(x: 96, y: 120, width: 96, height: 12, palette.visible(palette.accent, on: palette.primary))
            return (palette.light, palette.primary, palette.primary)
        case .frame:
            let border = 48.0
            canvas.fill(x: 0, y: 0, width: size, height: size, palette.visible(palette.primary, on: palette.light))
            canvas.fill(x: border, y: border, width: size - 2 * border, height: size - 2 * border, palette.light)
            canvas.fill(x: 120, y: 220, width: 20, height: 560, palette.visible(palette.accent, on: palette.light))
            return (palette.light, palette.light, palette.light)
        }
    }

    /// A round badge with a five-pointed star, marking a promotion without words to translate.
    private static func drawBadge(
        at center: (x: Double, y: Double), palette: Palette, on background: RGB, canvas: borrowing PostCanvas
    ) {
        let badge = palette.visible(palette.accent, on: background)
        canvas.fillCircle(centerX: center.x, centerY: center.y, radius: Self.badgeRadius, badge)
        let star = (0..<10).map { index -> (x: Double, y: Double) in
            let radius = index.isMultiple(of: 2) ? Self.badgeRadius * 0.62 : Self.badgeRadius * 0.25
            let angle = -Double.pi / 2 + Double(index) * Double.pi / 5
            return (center.x + radius * cos(angle), center.y + radius * sin(angle))
        }
        canvas.fillPolygon(star, Contrast.readableText(on: badge, preferring: palette.brand))
    }
}
