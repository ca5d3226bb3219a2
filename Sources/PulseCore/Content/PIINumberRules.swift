/// A run of digit groups joined by single separators, such as `+64 21 123 4567`,
/// `(09) 123-4567` or `4111 1111 1111 1111`: the shape phone and card numbers share.
struct PIIDigitRun {
    /// One group of digits, possibly in brackets (`(09)`).
    struct Group {
        /// The group's characters, brackets included.
        var range: Range<Int>
        var digits: [Int]
        var isBracketed: Bool
        /// What joins it to the previous group (nil for the first, or when they touch, as in `(0)21`).
        var separator: Character?
    }

    /// Where the run starts (at its `+` when it has one).
    var start: Int
    var hasPlus: Bool
    var groups: [Group]

    /// The digits of the first `count` groups.
    func digits(inFirst count: Int) -> [Int] {
        self.groups.prefix(count).flatMap { $0.digits }
    }

    /// Where the first `count` groups end.
    func end(ofFirst count: Int) -> Int {
        self.groups[count - 1].range.upperBound
    }
}

extension PIIScan {
    /// Characters that join the groups of one number; an en dash is not one, it makes a range ("9–5").
    private static let groupSeparators: Set<Character> = [" ", "\u{00A0}", "-", "."]
    /// Characters that make the digits after them something else: a price, a hashtag, a handle.
    private static let numberMarkers: Set<Character> = ["$", "€", "£", "¥", "₹", "฿", "#", "@", "_", "%", "&", "+", "*", "=", "^", "~", "\\"]
    /// Characters that join a number to another number in dates, times, decimals and ranges.
    private static let numberJoiners: Set<Character> = ["/", ":", ".", ",", "-", "–", "—"]

    /// Claims card numbers: 13–19 digits, whole or in groups of 3–6 with one kind of separator,
    /// that pass the Luhn check. Only Luhn-valid runs count, so order and reference numbers of the
    /// same length are left alone nine times in ten, and almost always when they are grouped
    /// differently.
    mutating func findCards() {
        self.claimNumbers(as: .card) { scan, run in scan.cardLength(of: run) }
    }

    /// Claims phone numbers in the formats of the countries we serve: international (`+` or `00`
    /// and a country code), national with a trunk `0` (NZ, AU, UK, DE, FR, TH, IN), a bracketed area
    /// code, North American 3-3-4 groups, Indian 5-5 mobiles and Australian 1300/1800 numbers.
    mutating func findPhones() {
        self.claimNumbers(as: .phone) { scan, run in scan.phoneLength(of: run) }
    }

    /// Claims every digit run for which `length` names how many of its leading groups are a datum.
    private mutating func claimNumbers(as kind: PIIKind, length: (PIIScan, PIIDigitRun) -> Int?) {
        var offset = 0
        while offset < self.count {
            if self.canStartNumber(at: offset), let run = self.digitRun(at: offset), let groups = length(self, run) {
                let end = run.end(ofFirst: groups)
                self.claim(run.start..<end, as: kind)
                offset = end
            } else {
                offset += 1
            }
        }
    }

    /// Whether a number may start at `offset`: a `+`, `(` or digit that does not continue a word,
    /// price, hashtag, date, time or decimal.
    private func canStartNumber(at offset: Int) -> Bool {
        guard !self.isClaimed(offset), let char = self[offset] else { return false }
        // "+64", "(09)", "+(64)", "(+64)"
        let body = char == "+" || char == "(" ? offset + 1 : offset
        guard self.digit(at: body) != nil || ("+(".contains(char) && "+(".contains(self[body] ?? " ") && self.digit(at: body + 1) != nil)
        else { return false }
        guard let previous = self[offset - 1] else { return true }
        if previous.isLetter || previous.isNumber || Self.numberMarkers.contains(previous) { return false }
        if Self.numberJoiners.contains(previous), self[offset - 2]?.isNumber == true { return false }
        // "NZ$ 25": a currency sign a space away still makes it a price.
        if previous == " ", let before = self[offset - 2], before.isCurrencySymbol { return false }
        return true
    }

    /// Whether a number may end before `offset`: what follows neither continues a word nor joins
    /// another number (`/`, `:`, `,`, `.`, `-` before a digit), and is not a `%`.
    private func canEndNumber(at offset: Int) -> Bool {
        guard let next = self[offset] else { return true }
        if next.isLetter || next.isNumber || next == "%" || next == "@" { return false }
        if Self.numberJoiners.contains(next), self[offset + 1]?.isNumber == true { return false }
        return true
    }

    /// Whether the first `count` groups of `run` can stand alone: they end the run, or a space
    /// separates them from the rest (a dash or dot would make the rest part of the same token).
    private func isWellEnded(_ run: PIIDigitRun, groups count: Int) -> Bool {
        let end = run.end(ofFirst: count)
        return count == run.groups.count ? self.canEndNumber(at: end) : self.isSpace(at: end)
    }

    /// The digit run that starts at `start`, up to 8 groups or 24 digits (longer than any datum).
    private func digitRun(at start: Int) -> PIIDigitRun? {
        var offset = start
        let hasPlus = self[offset] == "+" || (self[offset] == "(" && self[offset + 1] == "+")
        if self[offset] == "+" { offset += 1 }
        var groups: [PIIDigitRun.Group] = []
        var separator: Character?
        var digitCount = 0
        while groups.count < 8, digitCount < 24, var group = self.digitGroup(at: offset, allowsPlus: offset == start) {
            group.separator = separator
            groups.append(group)
            digitCount += group.digits.count
            offset = group.range.upperBound
            guard !self.isClaimed(offset), let next = self[offset] else { break }
            if Self.groupSeparators.contains(next), self.digit(at: offset + 1) != nil || (self[offset + 1] == "(" && self.digit(at: offset + 2) != nil) {
                separator = next
                offset += 1
            } else if next == "(" || (group.isBracketed && self.digit(at: offset) != nil) {
                separator = nil
            } else {
                break
            }
        }
        return groups.isEmpty ? nil : PIIDigitRun(start: start, hasPlus: hasPlus, groups: groups)
    }

    /// The group of digits at `offset`, bracketed (`(09)`, `(+64)`, at most 4 digits) or not.
    private func digitGroup(at offset: Int, allowsPlus: Bool) -> PIIDigitRun.Group? {
        let isBracketed = self[offset] == "("
        var end = isBracketed ? offset + 1 : offset
        if isBracketed, allowsPlus, self[end] == "+" { end += 1 }
        var digits: [Int] = []
        while !self.isClaimed(end), let digit = self.digit(at: end) {
            digits.append(digit)
            end += 1
        }
        guard !digits.isEmpty else { return nil }
        if isBracketed {
            guard digits.count <= 4, self[end] == ")", !self.isClaimed(end) else { return nil }
            end += 1
        }
        return PIIDigitRun.Group(range: offset..<end, digits: digits, isBracketed: isBracketed, separator: nil)
    }

    /// How many leading groups of `run` are a card number, if any are.
    private func cardLength(of run: PIIDigitRun) -> Int? {
        guard !run.hasPlus else { return nil }
        for count in stride(from: run.groups.count, through: 1, by: -1) where self.isWellEnded(run, groups: count) {
            let groups = run.groups.prefix(count)
            let digits = run.digits(inFirst: count)
            let separators = Set(groups.dropFirst().compactMap { $0.separator })
            guard (13...19).contains(digits.count), digits[0] != 0,
                groups.allSatisfy({ !$0.isBracketed }),
                count == 1 || (groups.allSatisfy { (3...6).contains($0.digits.count) }
                    && groups.dropFirst().allSatisfy { $0.separator != nil }
                    && separators.count == 1 && !separators.contains("."))
            else { continue }
            if Self.passesLuhnCheck(digits) { return count }
        }
        return nil
    }

    /// Whether `digits` pass the Luhn check that every payment card number carries.
    static func passesLuhnCheck(_ digits: [Int]) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            let weighted = position % 2 == 1 ? digit * 2 : digit
            sum += weighted > 9 ? weighted - 9 : weighted
        }
        return sum % 10 == 0
    }

    /// How many leading groups of `run` are a phone number, if any are.
    private func phoneLength(of run: PIIDigitRun) -> Int? {
        guard var count = stride(from: run.groups.count, through: 1, by: -1).first(where: {
            self.isWellEnded(run, groups: $0) && Self.isPhoneNumber(run, groups: $0)
        }) else { return nil }
        // "09 123 4567 50 spots": a last group shorter than the one before it and followed by a word
        // is more likely a quantity ("+33 1 23 45 67 89 today" keeps its even pairs).
        let end = run.end(ofFirst: count)
        if count > 1, run.groups[count - 1].digits.count <= 2, !run.groups[count - 1].isBracketed,
            run.groups[count - 1].digits.count < run.groups[count - 2].digits.count,
            self.isSpace(at: end), self[end + 1]?.isLowercase == true,
            self.isWellEnded(run, groups: count - 1), Self.isPhoneNumber(run, groups: count - 1)
        {
            count -= 1
        }
        return count
    }

    /// Whether the first `count` groups of `run` have the shape of a phone number.
    private static func isPhoneNumber(_ run: PIIDigitRun, groups count: Int) -> Bool {
        let groups = Array(run.groups.prefix(count))
        let sizes = groups.map { $0.digits.count }
        let digits = run.digits(inFirst: count)
        if run.hasPlus {
            return (8...15).contains(digits.count)
        }
        if digits.count >= 3, digits[0] == 0, digits[1] == 0 {
            // 0064 21 123 4567: the international prefix dialled in place of "+".
            return digits[2] != 0 && (10...15).contains(digits.count)
        }
        guard !groups.dropFirst().contains(where: { $0.isBracketed }) else { return false }
        if groups[0].isBracketed {
            // (09) 123 4567, (02) 9123 4567, (415) 555-0132
            return count >= 2 && (2...4).contains(sizes[0]) && (8...11).contains(digits.count)
                && sizes.dropFirst().allSatisfy { $0 >= 2 }
        }
        if digits[0] == 0 {
            // A trunk prefix and an area or mobile code: 021 123 4567, 07700 900123, 081-234-5678.
            guard digits.count >= 2, digits[1] != 0 else { return false }
            return count == 1 ? (10...11).contains(digits.count) : (9...11).contains(digits.count) && sizes.allSatisfy { $0 >= 2 }
        }
        switch sizes {
        case [3, 3, 4]: return digits[0] >= 2  // 415-555-0132
        case [1, 3, 3, 4]: return digits[0] == 1 && digits[1] >= 2  // 1-800-555-0199
        case [5, 5]: return digits[0] >= 6  // 98765 43210
        case [4, 3, 3]: return digits.prefix(4) == [1, 3, 0, 0] || digits.prefix(4) == [1, 8, 0, 0]  // 1300 123 456
        default: return false
        }
    }
}
