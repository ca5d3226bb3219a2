import Foundation

/// WCAG 2 relative luminance and contrast ratio, used to pick text colours that stay readable
/// whatever colours a brand brings.
public enum Contrast {
    /// The ratio WCAG 2 asks of normal-size text (level AA).
    public static let minimumTextRatio = 4.5

    /// Relative luminance of an sRGB colour, `0` (black) to `1` (white).
    public static func luminance(_ rgb: RGB) -> Double {
        func linear(_ channel: Double) -> Double {
            channel <= 0.03928 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(rgb.r) + 0.7152 * linear(rgb.g) + 0.0722 * linear(rgb.b)
    }

    /// Contrast ratio between two colours, `1` (same luminance) to `21` (black on white); symmetric.
    public static func ratio(_ a: RGB, _ b: RGB) -> Double {
        let (la, lb) = (Self.luminance(a), Self.luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// The first of `candidates` that reaches ``minimumTextRatio`` against `background`, else
    /// white or black, whichever contrasts more. Every colour has at least 4.58:1 against one of
    /// white and black, so the result always reaches the minimum.
    public static func readableText(on background: RGB, preferring candidates: [RGB]) -> RGB {
        if let brand = candidates.first(where: { Self.ratio($0, background) >= Self.minimumTextRatio }) {
            return brand
        }
        return Self.ratio(.white, background) >= Self.ratio(.black, background) ? .white : .black
    }
}
