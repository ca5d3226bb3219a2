/// Decodes HTML character references (`&amp;`, `&#39;`, `&#x27;`, `&nbsp;`, …) in text and
/// attribute values. Unknown names stay as written, as browsers leave them.
enum HTMLEntities {
    /// `bytes` (UTF-8) with every character reference replaced by its character.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "&"), let (scalar, end) = Self.reference(in: bytes, at: index) {
                output.append(contentsOf: String(Character(scalar)).utf8)
                index = end
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The character of the reference starting at `start` (an `&`) and the index after it.
    private static func reference(in bytes: ArraySlice<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            var radix: UInt32 = 10
            if index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "x") {
                radix = 16
                index += 1
            }
            let digitsStart = index
            var value: UInt32 = 0
            while index < bytes.endIndex, let digit = Self.digitValue(bytes[index], radix: radix), index - digitsStart < 8 {
                value = value * radix + digit
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") { index += 1 }
            // NUL, surrogates and values past Unicode become U+FFFD, as in browsers.
            return (Unicode.Scalar(value).flatMap { value == 0 ? nil : $0 } ?? "\u{FFFD}", index)
        }
        let nameStart = index
        while index < bytes.endIndex, index - nameStart < 10, Self.isAlphanumeric(bytes[index]) { index += 1 }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        guard let scalar = Self.named[name] else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") { return (scalar, index + 1) }
        // Without the semicolon only the old entities count, and not inside a longer word.
        guard Self.legacy.contains(name) else { return nil }
        return (scalar, index)
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg", "AMP", "LT", "GT", "QUOT"]

    /// The references business pages actually use; the full table has over two thousand.
    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">", "quot": "\"", "QUOT": "\"", "apos": "'",
        "nbsp": "\u{A0}", "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "hellip": "\u{2026}",
        "mdash": "\u{2014}", "ndash": "\u{2013}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}",
        "rdquo": "\u{201D}", "laquo": "\u{AB}", "raquo": "\u{BB}", "middot": "\u{B7}", "bull": "\u{2022}",
        "euro": "\u{20AC}", "pound": "\u{A3}", "yen": "\u{A5}", "cent": "\u{A2}", "deg": "\u{B0}", "times": "\u{D7}",
        "eacute": "\u{E9}", "egrave": "\u{E8}", "ecirc": "\u{EA}", "aacute": "\u{E1}", "agrave": "\u{E0}",
        "acirc": "\u{E2}", "auml": "\u{E4}", "ouml": "\u{F6}", "uuml": "\u{FC}", "szlig": "\u{DF}", "ccedil": "\u{E7}",
        "ntilde": "\u{F1}", "oacute": "\u{F3}", "iacute": "\u{ED}", "uacute": "\u{FA}", "Eacute": "\u{C9}",
        "Auml": "\u{C4}", "Ouml": "\u{D6}", "Uuml": "\u{DC}", "shy": "\u{AD}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
    ]
}
