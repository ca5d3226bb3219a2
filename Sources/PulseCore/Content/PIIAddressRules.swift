extension PIIScan {
    /// Street types that end an address, lower-cased and without a trailing full stop.
    private static let streetTypes: Set<String> = [
        "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "boulevard", "blvd",
        "place", "pl", "terrace", "tce", "crescent", "cres", "way", "court", "ct", "highway", "hwy",
        "parade", "pde", "grove", "square", "sq", "quay", "esplanade",
    ]
    /// Street types that are not also everyday words, so they may follow a lower-cased name
    /// ("12 ponsonby rd"); "12 cars on the way" or "a 10 minute drive" must not become addresses.
    private static let plainStreetTypes: Set<String> = [
        "street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "terrace", "tce",
        "crescent", "cres", "highway", "hwy",
    ]
    /// Lower-cased words that, after a number, count something rather than name a street
    /// ("a 10 minute road trip", "3 food street stalls").
    private static let countedWords: Set<String> = [
        "the", "and", "for", "our", "your", "more", "new", "big", "great", "best", "top", "free", "extra",
        "food", "side", "back", "main", "minute", "minutes", "min", "mins", "hour", "hours", "day", "days",
        "week", "weeks", "month", "months", "year", "years", "km", "mile", "miles", "metre", "metres",
        "meter", "meters", "block", "blocks", "lane", "lanes", "way", "ways", "car", "cars", "people",
    ]
    /// Lower-cased words that may sit inside a capitalised street name ("Bay of Islands Rd").
    private static let nameConnectors: Set<String> = ["of", "the", "de", "la", "le", "du", "del", "van", "von"]
    /// Words that introduce a unit within a building ("Unit 4/12", "Flat 2, 10", "Apt 5").
    private static let unitWords: Set<String> = ["unit", "flat", "apt", "apartment", "suite", "ste", "level", "lvl", "shop"]
    /// Lower-cased words that make a following 4-digit number a year ("since 1998 Queen Street has…").
    private static let yearWords: Set<String> = [
        "since", "in", "from", "until", "till", "by", "during", "of", "circa", "est", "established", "before", "after",
    ]
    /// Postal boxes, which identify a person as surely as a street does.
    private static let postalBoxes = ["po box", "p.o. box", "p.o.box", "p o box", "post office box", "private bag", "locked bag"]

    /// Claims street addresses ("12 Ponsonby Rd", "Unit 4/12 Queen Street", "3/45 Mt Eden Road,
    /// Apt 5") and postal boxes ("PO Box 1234"). A street address is a number, one to four name
    /// words starting with a capital, and a street type; the capital keeps "50 cars on the way"
    /// out, at the cost of missing an all lower-case address unless its type is unmistakable.
    mutating func findAddresses() {
        var offset = 0
        while offset < self.count {
            if let range = self.postalBox(at: offset) ?? self.streetAddress(at: offset), self.isFree(range) {
                self.claim(range, as: .address)
                offset = range.upperBound
            } else {
                offset += 1
            }
        }
    }

    /// The postal box ("PO Box 1234", "Private Bag 92019") that starts at `offset`, if any.
    private func postalBox(at offset: Int) -> Range<Int>? {
        guard let first = self[offset], "pPlL".contains(first), !self.isAlphanumeric(at: offset - 1) else { return nil }
        for box in Self.postalBoxes where self.lowercased(offset..<offset + box.count) == box {
            var end = offset + box.count
            guard self.isSpace(at: end) else { continue }
            end += 1
            let digitsStart = end
            while self.digit(at: end) != nil { end += 1 }
            guard (1...6).contains(end - digitsStart), !self.isAlphanumeric(at: end) else { continue }
            return offset..<end
        }
        return nil
    }

    /// The street address whose street number starts at `offset`, with any unit before or after it.
    private func streetAddress(at offset: Int) -> Range<Int>? {
        guard let firstDigit = self.digit(at: offset), firstDigit != 0 else { return nil }
        if let previous = self[offset - 1], !previous.isWhitespace, !"(\"'“‘[,;:/".contains(previous) { return nil }
        guard let afterNumber = self.streetNumberEnd(at: offset), self.isSpace(at: afterNumber),
            !self.isYear(offset..<afterNumber), let end = self.streetNameEnd(at: afterNumber + 1)
        else { return nil }
        let start = self.unitStart(before: offset)
        if self[offset - 1] == "/", start == offset { return nil }
        return start..<self.unitEnd(after: end)
    }

    /// Whether the number at `range` is a year by its value and the word before it ("since 1998").
    private func isYear(_ range: Range<Int>) -> Bool {
        guard range.count == 4, let value = Int(self.lowercased(range)), (1800...2099).contains(value),
            self.isSpace(at: range.lowerBound - 1)
        else { return false }
        var start = range.lowerBound - 1
        while start > 0, self[start - 1]?.isLetter == true { start -= 1 }
        return Self.yearWords.contains(self.lowercased(start..<range.lowerBound - 1))
    }

    /// Where the street number at `offset` ends: 1–5 digits, then a range ("12-14") or a letter ("12A").
    private func streetNumberEnd(at offset: Int) -> Int? {
        var end = offset
        while self.digit(at: end) != nil { end += 1 }
        guard end - offset <= 5 else { return nil }
        if self[end] == "-", self.digit(at: end + 1) != nil {
            let rangeStart = end + 1
            end = rangeStart
            while self.digit(at: end) != nil { end += 1 }
            guard end - rangeStart <= 5 else { return nil }
        } else if self[end]?.isLetter == true, !self.isAlphanumeric(at: end + 1) {
            end += 1
        }
        return end
    }

    /// Where the street name and type that start at `offset` end: the longest run of up to four
    /// name words that ends in a street type ("St Heliers Bay Rd" reads to "Rd", not "St").
    private func streetNameEnd(at offset: Int) -> Int? {
        var words: [(range: Range<Int>, text: String)] = []
        var cursor = offset
        var best: Int?
        while words.count <= 4, let range = self.word(at: cursor) {
            let text = self.lowercased(range)
            let index = words.count
            words.append((range, text))
            if index >= 1, Self.streetTypes.contains(text), self.isStreetName(words.prefix(index).map(\.range), type: text) {
                best = range.upperBound
            }
            guard self.isNameWord(range, at: index, after: words.first?.range) else { break }
            // An abbreviation's full stop may sit inside a name ("St. Heliers Bay Rd").
            cursor = range.upperBound
            if self[cursor] == "." { cursor += 1 }
            guard self.isSpace(at: cursor) else { break }
            cursor += 1
        }
        return best
    }

    /// The word (letters, with inner apostrophes and hyphens) that starts at `offset`, or an
    /// ordinal such as "5th".
    private func word(at offset: Int) -> Range<Int>? {
        var end = offset
        if self.digit(at: end) != nil {
            while self.digit(at: end) != nil { end += 1 }
            let suffix = self.lowercased(end..<end + 2)
            guard ["st", "nd", "rd", "th"].contains(suffix), !self.isAlphanumeric(at: end + 2) else { return nil }
            return offset..<end + 2
        }
        guard self[offset]?.isLetter == true else { return nil }
        while let char = self[end], char.isLetter || ("'’-".contains(char) && self[end + 1]?.isLetter == true) {
            end += 1
        }
        return self.isAlphanumeric(at: end) ? nil : offset..<end
    }

    /// Whether the word at `range`, the `index`th after the number, may be part of a street name.
    private func isNameWord(_ range: Range<Int>, at index: Int, after first: Range<Int>?) -> Bool {
        guard let initial = self[range.lowerBound] else { return false }
        if initial.isUppercase || initial.isNumber { return true }
        if index == 0 { return true }
        let firstIsCapitalised = first.flatMap { self[$0.lowerBound] }.map { $0.isUppercase || $0.isNumber } ?? false
        return firstIsCapitalised && Self.nameConnectors.contains(self.lowercased(range))
    }

    /// Whether the words at `names` name a street of type `type`: they start with a capital, or
    /// are one plain lower-cased word before an unmistakable type.
    private func isStreetName(_ names: [Range<Int>], type: String) -> Bool {
        guard let first = names.first, let initial = self[first.lowerBound] else { return false }
        if initial.isUppercase || initial.isNumber { return true }
        let name = self.lowercased(first)
        return names.count == 1 && Self.plainStreetTypes.contains(type) && name.count >= 3
            && !Self.countedWords.contains(name) && !Self.streetTypes.contains(name)
    }

    /// Where a unit before the street number at `offset` starts ("Unit 4/12", "3/45",
    /// "Flat 2, 10", "Level 3 12"); `offset` itself when there is none.
    private func unitStart(before offset: Int) -> Int {
        if self[offset - 1] == "/", let unit = self.unitToken(endingAt: offset - 1), !self.isAlphanumeric(at: unit - 1) {
            return self.unitWordStart(before: unit) ?? unit
        }
        var end = offset - 1
        guard self.isSpace(at: end) else { return offset }
        if self[end - 1] == "," { end -= 1 }
        guard let unit = self.unitToken(endingAt: end), let start = self.unitWordStart(before: unit) else { return offset }
        return start
    }

    /// Where a unit after a street address ending at `end` ends (", Apt 5", " Unit 3B"); `end` itself when there is none.
    private func unitEnd(after end: Int) -> Int {
        var cursor = end
        if self[cursor] == "," { cursor += 1 }
        guard self.isSpace(at: cursor), let word = self.word(at: cursor + 1),
            Self.unitWords.contains(self.lowercased(word))
        else { return end }
        cursor = word.upperBound
        if self[cursor] == "." { cursor += 1 }
        guard self.isSpace(at: cursor) else { return end }
        cursor += 1
        let tokenStart = cursor
        while self.isAlphanumeric(at: cursor), cursor - tokenStart < 4 { cursor += 1 }
        guard cursor > tokenStart, !self.isAlphanumeric(at: cursor),
            (tokenStart..<cursor).contains(where: { self.digit(at: $0) != nil })
        else { return end }
        return cursor
    }

    /// Where the unit number (1–4 letters or digits, at least one digit) that ends before `end` starts.
    private func unitToken(endingAt end: Int) -> Int? {
        var start = end
        while start > 0, self.isAlphanumeric(at: start - 1), end - start < 4 { start -= 1 }
        guard start < end, !self.isAlphanumeric(at: start - 1),
            (start..<end).contains(where: { self.digit(at: $0) != nil })
        else { return nil }
        return start
    }

    /// Where a unit word ("Unit ", "Apt. ") directly before `offset` starts, if there is one.
    private func unitWordStart(before offset: Int) -> Int? {
        var end = offset - 1
        guard self.isSpace(at: end) else { return nil }
        if self[end - 1] == "." { end -= 1 }
        var start = end
        while start > 0, self[start - 1]?.isLetter == true { start -= 1 }
        guard start < end, !self.isAlphanumeric(at: start - 1), Self.unitWords.contains(self.lowercased(start..<end)) else { return nil }
        return start
    }
}
