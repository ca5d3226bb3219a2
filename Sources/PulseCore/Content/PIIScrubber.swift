/// A kind of personal data that an owner's free text must not carry into storage or a prompt.
public enum PIIKind: String, Sendable, Codable, CaseIterable {
    case email, phone, address, card

    /// What replaces a datum of this kind in scrubbed text: `[email]`, `[phone]`, `[address]`, `[card]`.
    public var placeholder: String { "[\(self.rawValue)]" }
}

/// One personal datum found in a text: what it is and where it is.
public struct PIIFinding: Sendable, Equatable {
    public let kind: PIIKind
    /// The datum's characters in the text that was searched.
    public let range: Range<String.Index>

    /// A datum of `kind` at `range` of the searched text.
    public init(kind: PIIKind, range: Range<String.Index>) {
        self.kind = kind
        self.range = range
    }
}

/// Finds and replaces personal data (emails, phone numbers, street addresses and card numbers) in
/// an owner's free text, such as brief notes and promotion details, before it is stored or sent
/// to a generator.
///
/// The rules lean towards leaving text alone: a price, date, time, quantity or year mistaken for
/// personal data would destroy the owner's brief. So each rule needs a shape that ordinary numbers
/// lack: an `@` with a dotted domain, a `+` or trunk `0` or a known national grouping, a street
/// type after a capitalised name, or a Luhn-valid run of 13–19 digits.
public enum PIIScrubber {
    /// Every personal datum found, in order, non-overlapping.
    public static func findings(in text: String) -> [PIIFinding] {
        var scan = PIIScan(text)
        // Most specific first, because a claimed character is out of reach of later rules: an
        // email's digits must not start a phone number, a card's groups must not read as one,
        // and an address claims its street number before the phone rule can append it to a
        // number that precedes it.
        scan.findEmails()
        scan.findCards()
        scan.findAddresses()
        scan.findPhones()
        return scan.findings()
    }

    /// `text` with each finding replaced by its placeholder: "[email]", "[phone]", "[address]", "[card]".
    public static func scrub(_ text: String) -> String {
        var scrubbed = ""
        var cursor = text.startIndex
        for finding in Self.findings(in: text) {
            scrubbed += text[cursor..<finding.range.lowerBound]
            scrubbed += finding.kind.placeholder
            cursor = finding.range.upperBound
        }
        scrubbed += text[cursor...]
        return scrubbed
    }
}

/// A text under scan: its characters, where each starts in the original string, and which ones a
/// rule has already claimed, so that findings never overlap.
struct PIIScan {
    private let chars: [Character]
    private let positions: [String.Index]
    private var claimed: [Bool]
    private var found: [(kind: PIIKind, range: Range<Int>)] = []

    init(_ text: String) {
        self.chars = Array(text)
        self.positions = Array(text.indices) + [text.endIndex]
        self.claimed = Array(repeating: false, count: self.chars.count)
    }

    /// How many characters the text has.
    var count: Int { self.chars.count }

    /// The character at `offset`, or nil outside the text, so rules can look around freely.
    ///
    /// A claimed character reads as `]`, the end of the placeholder that will replace it, so a
    /// rule sees the same neighbours now as it will when scrubbed text is scanned again; that is
    /// what keeps scrubbing idempotent.
    subscript(offset: Int) -> Character? {
        guard self.chars.indices.contains(offset) else { return nil }
        return self.claimed[offset] ? "]" : self.chars[offset]
    }

    /// Whether the character at `offset` belongs to an earlier finding.
    func isClaimed(_ offset: Int) -> Bool {
        self.claimed.indices.contains(offset) && self.claimed[offset]
    }

    /// Whether no character in `range` belongs to an earlier finding.
    func isFree(_ range: Range<Int>) -> Bool {
        !range.isEmpty && range.allSatisfy { !self.isClaimed($0) }
    }

    /// Records a finding and takes its characters out of reach of later rules.
    mutating func claim(_ range: Range<Int>, as kind: PIIKind) {
        for offset in range { self.claimed[offset] = true }
        self.found.append((kind, range))
    }

    /// The findings so far, in text order.
    func findings() -> [PIIFinding] {
        self.found.sorted { $0.range.lowerBound < $1.range.lowerBound }.map {
            PIIFinding(kind: $0.kind, range: self.positions[$0.range.lowerBound]..<self.positions[$0.range.upperBound])
        }
    }

    /// The value of the ASCII digit at `offset`; nil for anything else (other scripts' digits are
    /// left alone rather than guessed at).
    func digit(at offset: Int) -> Int? {
        guard let ascii = self[offset]?.asciiValue, (48...57).contains(ascii) else { return nil }
        return Int(ascii - 48)
    }

    /// Whether the character at `offset` is a letter or any kind of digit.
    func isAlphanumeric(at offset: Int) -> Bool {
        guard let char = self[offset] else { return false }
        return char.isLetter || char.isNumber
    }

    /// Whether the character at `offset` is a space or tab (not a line break, which ends a datum).
    func isSpace(at offset: Int) -> Bool {
        self[offset] == " " || self[offset] == "\u{00A0}" || self[offset] == "\t"
    }

    /// The lower-cased text of `range`.
    func lowercased(_ range: Range<Int>) -> String {
        String(self.chars[range.clamped(to: 0..<self.count)]).lowercased()
    }
}

extension PIIScan {
    /// Claims email addresses: a local part, `@`, and a domain of at least two labels whose last
    /// is alphabetic. Punctuation around it (a sentence's full stop, brackets) stays outside.
    mutating func findEmails() {
        for at in 0..<self.count where self[at] == "@" && !self.isClaimed(at) {
            var start = at
            while start > 0, !self.isClaimed(start - 1), let char = self[start - 1], char.isLetter || char.isNumber || "._%+-".contains(char) {
                start -= 1
            }
            // "(+sarah@…" or "…-sarah@…": a local part starts at a letter or digit.
            while start < at, !self.isAlphanumeric(at: start) { start += 1 }
            guard start < at, self[at - 1] != ".", let end = self.domainEnd(after: at) else { continue }
            self.claim(start..<end, as: .email)
        }
    }

    /// Where the domain that starts after `at` ends, if it is a plausible one.
    private func domainEnd(after at: Int) -> Int? {
        var labels: [Range<Int>] = []
        var offset = at + 1
        while true {
            let start = offset
            while !self.isClaimed(offset), self.isAlphanumeric(at: offset) || self[offset] == "-" { offset += 1 }
            guard start < offset, self[start] != "-", self[offset - 1] != "-" else { return nil }
            labels.append(start..<offset)
            // A dot continues the domain only when a label follows; otherwise it ends the sentence.
            guard self[offset] == ".", self.isAlphanumeric(at: offset + 1) else { break }
            offset += 1
        }
        guard labels.count >= 2, let last = labels.last, last.count >= 2,
            last.allSatisfy({ self[$0]?.isLetter == true })
        else { return nil }
        return last.upperBound
    }
}
