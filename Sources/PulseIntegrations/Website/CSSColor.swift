/// An opaque sRGB colour as written in CSS, normalised to `#rrggbb`.
struct CSSColor: Hashable {
    var red: UInt8
    var green: UInt8
    var blue: UInt8

    /// `#rrggbb`, lower case.
    var hex: String {
        "#" + [self.red, self.green, self.blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// White, black and greys (channels within a small distance of each other): a page's
    /// background and text, not its brand.
    var isNeutral: Bool {
        let channels = [self.red, self.green, self.blue]
        return (channels.max() ?? 0) - (channels.min() ?? 0) <= 20
    }

    /// A colour from `#abc`, `#abcd`, `#aabbcc`, `#aabbccdd`, `rgb()`/`rgba()`, `hsl()`/`hsla()`
    /// (comma or space syntax), or bare `H S% L%` as design systems store it in custom
    /// properties. Nil for anything else and for fully transparent colours.
    init?(css text: String) {
        let value = text.trimmingWhitespace().lowercased()
        if value.hasPrefix("#") {
            self.init(hexDigits: value.dropFirst())
            return
        }
        for function in ["rgba(", "rgb(", "hsla(", "hsl("] where value.hasPrefix(function) {
            guard value.hasSuffix(")") else { return nil }
            let arguments = Self.arguments(value.dropFirst(function.count).dropLast())
            if function.hasPrefix("rgb") { self.init(rgb: arguments) } else { self.init(hsl: arguments) }
            return
        }
        let parts = Self.arguments(value[...])
        guard parts.count == 3, parts[1].hasSuffix("%"), parts[2].hasSuffix("%") else { return nil }
        self.init(hsl: parts)
    }

    private init?(hexDigits: Substring) {
        guard [3, 4, 6, 8].contains(hexDigits.count), let value = UInt32(hexDigits, radix: 16),
            hexDigits.allSatisfy(\.isHexDigit)
        else { return nil }
        let digits = hexDigits.count
        if digits <= 4 {
            let shift = digits == 4 ? 4 : 0
            if digits == 4, value & 0xF == 0 { return nil }
            let nibble = { (position: UInt32) in UInt8((value >> (UInt32(shift) + position * 4)) & 0xF) * 17 }
            (self.red, self.green, self.blue) = (nibble(2), nibble(1), nibble(0))
        } else {
            let shift: UInt32 = digits == 8 ? 8 : 0
            if digits == 8, value & 0xFF == 0 { return nil }
            let byte = { (position: UInt32) in UInt8((value >> (shift + position * 8)) & 0xFF) }
            (self.red, self.green, self.blue) = (byte(2), byte(1), byte(0))
        }
    }

    private init?(rgb arguments: [Substring]) {
        guard arguments.count == 3 || arguments.count == 4, !Self.isTransparent(arguments) else { return nil }
        var channels: [UInt8] = []
        for argument in arguments.prefix(3) {
            guard let value = Self.number(argument, percentOf: 255) else { return nil }
            channels.append(UInt8(max(0, min(255, value.rounded()))))
        }
        (self.red, self.green, self.blue) = (channels[0], channels[1], channels[2])
    }

    private init?(hsl arguments: [Substring]) {
        guard arguments.count == 3 || arguments.count == 4, !Self.isTransparent(arguments),
            let hue = Self.number(arguments[0].hasSuffix("deg") ? arguments[0].dropLast(3) : arguments[0], percentOf: 360),
            let saturation = Self.number(arguments[1], percentOf: 1), let lightness = Self.number(arguments[2], percentOf: 1)
        else { return nil }
        // Percentages are read as fractions; bare numbers as percentages (`hsl(210 50 40)`).
        let s = max(0, min(1, arguments[1].hasSuffix("%") ? saturation : saturation / 100))
        let l = max(0, min(1, arguments[2].hasSuffix("%") ? lightness : lightness / 100))
        let chroma = (1 - abs(2 * l - 1)) * s
        let h = (hue.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) / 60
        let x = chroma * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) =
            switch h {
            case ..<1: (chroma, x, 0)
            case ..<2: (x, chroma, 0)
            case ..<3: (0, chroma, x)
            case ..<4: (0, x, chroma)
            case ..<5: (x, 0, chroma)
            default: (chroma, 0, x)
            }
        let m = l - chroma / 2
        let channel = { (value: Double) in UInt8(max(0, min(255, ((value + m) * 255).rounded()))) }
        (self.red, self.green, self.blue) = (channel(r), channel(g), channel(b))
    }

    /// The arguments of a colour function, split on commas, spaces and `/`.
    private static func arguments(_ text: Substring) -> [Substring] {
        text.split(whereSeparator: { $0 == "," || $0 == "/" || $0.isWhitespace })
    }

    private static func isTransparent(_ arguments: [Substring]) -> Bool {
        guard arguments.count == 4 else { return false }
        return Self.number(arguments[3], percentOf: 1) == 0
    }

    /// A finite number, or a percentage scaled so that 100% is `whole`.
    private static func number(_ text: Substring, percentOf whole: Double) -> Double? {
        let percent = text.hasSuffix("%")
        // `Double("nan")` and `Double("inf")` parse, and would trap when converted to a byte.
        guard let value = Double(percent ? text.dropLast() : text), value.isFinite else { return nil }
        return percent ? value / 100 * whole : value
    }
}
