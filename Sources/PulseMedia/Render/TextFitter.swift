/// Wraps and sizes text to fit a ``TextBox``: the largest size, stepping down from the box's
/// maximum to its minimum, at which every line fits the width and all lines fit the height.
///
/// Lines break at spaces; a word wider than a line breaks between characters (grapheme
/// clusters, so never inside a UTF-8 sequence or an emoji). Text that does not fit even at the
/// minimum size keeps the lines that fit and ends the last one with "…". Every size is checked
/// by measuring exactly what will be drawn, so the result never reaches outside the box.
///
/// Text is set with Cairo's simple text API: no shaping and no bidirectional reordering, so
/// Arabic and Hebrew letters appear unjoined and left to right; the fitting holds regardless.
enum TextFitter {
    /// Sizes are tried this many pixels apart.
    static let sizeStep = 2.0
    /// Longer text cannot fit any box on a post image at its minimum size; cutting it first keeps
    /// a pathological title from costing seconds of measuring.
    static let maxCharacters = 2000
    static let ellipsis = "\u{2026}"

    /// Lays out `text` in `box`, measuring with `canvas`.
    static func layout(_ text: String, in box: TextBox, on canvas: borrowing PostCanvas) -> TextLayout {
        let (words, wasCut) = Self.words(text)
        guard !words.isEmpty else {
            return .empty(in: box, fontSize: box.maxFontSize, isTruncated: wasCut)
        }
        if !wasCut {
            var sizes = Array(stride(from: box.maxFontSize, to: box.minFontSize, by: -Self.sizeStep))
            sizes.append(box.minFontSize)
            for size in sizes {
                canvas.setFont(box.weight, size: size)
                let limit = Self.lineLimit(box, size: size, on: canvas)
                if let lines = Self.wrap(words, width: box.width, limit: limit, on: canvas),
                    let placed = Self.place(lines, in: box, size: size, isTruncated: false, on: canvas)
                {
                    return placed
                }
            }
        }
        return Self.truncated(words, in: box, on: canvas)
    }

    /// The words of `text`: whitespace runs (newlines included) are one break, control
    /// characters are dropped. Also whether the text was cut to ``maxCharacters``.
    static func words(_ text: String) -> (words: [String], wasCut: Bool) {
        var cleaned = ""
        var count = 0
        for character in text {
            if character.isWhitespace {
                cleaned.append(" ")
            } else if !character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                guard count < Self.maxCharacters else {
                    return (cleaned.split(separator: " ").map(String.init), true)
                }
                cleaned.append(character)
                count += 1
            }
        }
        return (cleaned.split(separator: " ").map(String.init), false)
    }

    /// How many lines could possibly fit the box's height at `size`: a block of n lines is at
    /// least (n - 1) line pitches plus one ascent and descent tall.
    private static func lineLimit(_ box: TextBox, size: Double, on canvas: borrowing PostCanvas) -> Int {
        let font = canvas.fontMetrics()
        let spare = box.height - font.ascent - font.descent
        guard spare >= 0 else { return 0 }
        return min(box.maxLines, Int((spare / (size * box.lineSpacing)).rounded(.down)) + 1)
    }

    /// Greedy wrapping at the canvas's current font. Stops once it has `limit + 1` lines (which
    /// is already too many); nil when a single character is wider than `width`.
    private static func wrap(_ words: [String], width: Double, limit: Int, on canvas: borrowing PostCanvas) -> [String]? {
        var lines: [String] = []
        var current = ""
        for word in words {
            guard lines.count <= limit else { break }
            let candidate = current.isEmpty ? word : current + " " + word
            if canvas.measure(candidate).width <= width {
                current = candidate
                continue
            }
            if !current.isEmpty {
                lines.append(current)
                current = ""
            }
            var rest = Substring(word)
            while !rest.isEmpty, lines.count <= limit {
                let piece = Self.longestPrefix(of: rest, fitting: width, on: canvas)
                guard !piece.isEmpty else { return nil }
                if piece.endIndex == rest.endIndex {
                    current = String(piece)
                } else {
                    lines.append(String(piece))
                }
                rest = rest[piece.endIndex...]
            }
        }
        if !current.isEmpty {
            lines.append(current)
        }
        return Array(lines.prefix(limit + 1))
    }

    /// The longest run of whole characters from the start of `text` that fits `width`.
    private static func longestPrefix(of text: Substring, fitting width: Double, on canvas: borrowing PostCanvas) -> Substring {
        var end = text.startIndex
        while end < text.endIndex {
            let next = text.index(after: end)
            guard canvas.measure(String(text[..<next])).width <= width else { break }
            end = next
        }
        return text[..<end]
    }

    /// The lines placed in the box at `size`, or nil if they do not fit it.
    private static func place(
        _ lines: [String], in box: TextBox, size: Double, isTruncated: Bool, on canvas: borrowing PostCanvas
    ) -> TextLayout? {
        guard !lines.isEmpty, lines.count <= box.maxLines else { return nil }
        canvas.setFont(box.weight, size: size)
        let font = canvas.fontMetrics()
        let pitch = size * box.lineSpacing
        var measured: [(text: String, metrics: LineMetrics, baseline: Double)] = []
        var top = 0.0
        var bottom = 0.0
        for (index, line) in lines.enumerated() {
            let metrics = canvas.measure(line)
            guard metrics.width <= box.width else { return nil }
            let baseline = Double(index) * pitch + font.ascent
            top = min(top, baseline + metrics.inkTop)
            bottom = max(bottom, baseline + font.descent, baseline + metrics.inkBottom)
            measured.append((line, metrics, baseline))
        }
        guard bottom - top <= box.height else { return nil }
        let shift = box.y + (box.height - (bottom - top)) / 2 - top
        let placed = measured.map { line in
            let x = switch box.alignment {
            case .center: box.x + (box.width - line.metrics.width) / 2 - line.metrics.left
            case .leading: box.x - line.metrics.left
            }
            return TextLine(text: line.text, x: x, baseline: line.baseline + shift, width: line.metrics.width)
        }
        return TextLayout(lines: placed, fontSize: size, isTruncated: isTruncated, top: top + shift, bottom: bottom + shift)
    }

    /// At the minimum size, as many lines as fit, the last ending in an ellipsis.
    private static func truncated(_ words: [String], in box: TextBox, on canvas: borrowing PostCanvas) -> TextLayout {
        let size = box.minFontSize
        canvas.setFont(box.weight, size: size)
        let limit = Self.lineLimit(box, size: size, on: canvas)
        let lines = Self.wrap(words, width: box.width, limit: limit, on: canvas) ?? []
        var kept = min(lines.count, limit)
        while kept > 0 {
            var shown = Array(lines.prefix(kept))
            shown[kept - 1] = Self.ellipsized(shown[kept - 1], width: box.width, on: canvas)
            if let placed = Self.place(shown, in: box, size: size, isTruncated: true, on: canvas) {
                return placed
            }
            kept -= 1
        }
        return Self.place([Self.ellipsis], in: box, size: size, isTruncated: true, on: canvas)
            ?? .empty(in: box, fontSize: size, isTruncated: true)
    }

    /// `line` with characters dropped from its end until it fits `width` with "…" after it.
    private static func ellipsized(_ line: String, width: Double, on canvas: borrowing PostCanvas) -> String {
        var kept = Substring(line)
        while true {
            while kept.last?.isWhitespace == true {
                kept.removeLast()
            }
            let candidate = String(kept) + Self.ellipsis
            if kept.isEmpty || canvas.measure(candidate).width <= width {
                return candidate
            }
            kept.removeLast()
        }
    }
}
