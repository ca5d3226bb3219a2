import PulseCore

/// An opaque sRGB colour with channels in `0...1`, as brand profiles and templates use it.
public struct RGB: Sendable, Hashable {
    /// Red, `0...1`.
    public var r: Double
    /// Green, `0...1`.
    public var g: Double
    /// Blue, `0...1`.
    public var b: Double

    /// White, the light end of every contrast fallback.
    public static let white = RGB(r: 1, g: 1, b: 1)
    /// Black, the dark end of every contrast fallback.
    public static let black = RGB(r: 0, g: 0, b: 0)

    /// A colour from channels; values outside `0...1` are clamped.
    public init(r: Double, g: Double, b: Double) {
        self.r = Self.clamp(r)
        self.g = Self.clamp(g)
        self.b = Self.clamp(b)
    }

    /// A colour from `#rrggbb` or `#rgb` (any case, surrounding whitespace ignored); nil otherwise.
    public init?(hex: String) {
        // One parser for colours: the brand profile's own normalisation.
        guard let normalized = BrandProfileRules.hexColor(hex),
            let value = UInt32(normalized.dropFirst(), radix: 16)
        else { return nil }
        self.init(
            r: Double((value >> 16) & 0xFF) / 255,
            g: Double((value >> 8) & 0xFF) / 255,
            b: Double(value & 0xFF) / 255
        )
    }

    /// The colour as lower-case `#rrggbb`.
    public var hex: String {
        "#" + [self.r, self.g, self.b].map { UInt8(($0 * 255).rounded()) }.hex
    }

    /// This colour moved `amount` (`0...1`) of the way towards `other`.
    func mixed(with other: RGB, amount: Double) -> RGB {
        let t = Self.clamp(amount)
        return RGB(r: self.r + (other.r - self.r) * t, g: self.g + (other.g - self.g) * t, b: self.b + (other.b - self.b) * t)
    }

    private static func clamp(_ value: Double) -> Double {
        value.isNaN ? 0 : min(1, max(0, value))
    }
}
