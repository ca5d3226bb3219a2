/// A rectangle text must stay inside, and the range of sizes it may be set at.
struct TextBox: Sendable, Hashable {
    /// How lines sit across the box.
    enum Alignment: Sendable, Hashable {
        case center
        case leading
    }

    var x: Double
    var y: Double
    var width: Double
    var height: Double
    var weight: FontWeight
    /// The size tried first, in pixels.
    var maxFontSize: Double
    /// The smallest size; text that overflows even at this size is cut with an ellipsis.
    var minFontSize: Double
    var maxLines: Int
    var alignment: Alignment
    /// Baseline-to-baseline distance as a multiple of the font size.
    var lineSpacing: Double = 1.15
}

/// The horizontal and vertical reach of a line of text, relative to its drawing origin.
struct LineMetrics: Sendable, Hashable {
    /// Leftmost point reached (ink or origin), `<= 0`.
    var left: Double
    /// Rightmost point reached (ink or advance).
    var right: Double
    /// Top of the ink; negative is above the baseline.
    var inkTop: Double
    /// Bottom of the ink.
    var inkBottom: Double

    /// Everything the line covers horizontally.
    var width: Double { self.right - self.left }
}

/// One line placed in its box: drawing starts at (`x`, `baseline`).
struct TextLine: Sendable, Hashable {
    var text: String
    var x: Double
    var baseline: Double
    /// The line's measured width at the layout's size.
    var width: Double
}

/// Text wrapped, sized and placed inside a ``TextBox``.
struct TextLayout: Sendable, Hashable {
    var lines: [TextLine]
    var fontSize: Double
    /// Whether text was cut and the last line ends with an ellipsis.
    var isTruncated: Bool
    /// Top and bottom of everything drawn (nominal line boxes and ink), in canvas coordinates.
    var top: Double
    var bottom: Double

    /// A layout that draws nothing.
    static func empty(in box: TextBox, fontSize: Double, isTruncated: Bool) -> TextLayout {
        TextLayout(lines: [], fontSize: fontSize, isTruncated: isTruncated, top: box.y, bottom: box.y)
    }
}
