/// Ranks the words and two-word phrases that say what a business offers, from where a site
/// names its offer (headings, navigation, declared keywords, description) and, with less
/// weight, its running text.
enum ServiceKeywords {
    static let maximumCount = 15

    /// A piece of text and how much a mention in it counts.
    struct Source {
        var text: String
        var weight: Int
    }

    /// Up to `maximumCount` keywords, lower case, most prominent first. The business's own name
    /// is left out: it says who, not what.
    static func rank(_ sources: [Source], metaKeywords: String?, excludingName name: String?) -> [String] {
        var unigrams: [String: Double] = [:]
        var bigrams: [String: (score: Double, count: Int)] = [:]
        for source in sources {
            Self.count(Self.words(source.text), weight: Double(source.weight), unigrams: &unigrams, bigrams: &bigrams)
        }
        // Declared keywords count as repeated mentions; longer phrases are read as text.
        for phrase in (metaKeywords ?? "").split(separator: ",").prefix(20) {
            let words = Self.words(String(phrase))
            if words.count <= 2, !words.contains(nil) {
                Self.count(words, weight: 4, unigrams: &unigrams, bigrams: &bigrams)
                if words.count == 2 { bigrams[Self.phrase(words), default: (0, 0)].count += 1 }
            } else {
                Self.count(words, weight: 2, unigrams: &unigrams, bigrams: &bigrams)
            }
        }
        let nameWords = Set(Self.words(name ?? "").compactMap { $0 })
        var candidates: [(term: String, score: Double, parts: [String])] = []
        for (term, score) in unigrams where !nameWords.contains(term) { candidates.append((term, score, [])) }
        for (term, entry) in bigrams where entry.count >= 2 {
            let parts = term.split(separator: " ").map(String.init)
            guard !parts.allSatisfy(nameWords.contains) else { continue }
            // A phrase repeated is more specific than either of its words.
            candidates.append((term, entry.score * 1.5, parts))
        }
        let threshold: Double = candidates.contains { $0.score >= 2 } ? 2 : 1
        candidates.sort { ($0.score, $1.term) > ($1.score, $0.term) }
        var chosen: [String] = []
        var chosenPhrases: [(parts: [String], score: Double)] = []
        for candidate in candidates where candidate.score >= threshold {
            guard chosen.count < Self.maximumCount else { break }
            if candidate.parts.isEmpty {
                // A word that mostly appears inside a chosen phrase adds nothing to it.
                let covered = chosenPhrases.contains { $0.parts.contains(candidate.term) && candidate.score < 2 * $0.score / 1.5 }
                if covered { continue }
            } else {
                chosenPhrases.append((candidate.parts, candidate.score))
            }
            chosen.append(candidate.term)
        }
        return chosen
    }

    private static func count(
        _ words: [String?], weight: Double, unigrams: inout [String: Double], bigrams: inout [String: (score: Double, count: Int)]
    ) {
        for (index, word) in words.enumerated() {
            guard let word else { continue }
            unigrams[word, default: 0] += weight
            if index + 1 < words.count, let next = words[index + 1], next != word {
                let phrase = word + " " + next
                bigrams[phrase, default: (0, 0)].score += weight
                bigrams[phrase, default: (0, 0)].count += 1
            }
        }
    }

    private static func phrase(_ words: [String?]) -> String {
        words.compactMap { $0 }.joined(separator: " ")
    }

    /// The text's words in order, lower-cased; nil where a stopword, number or too short a
    /// word stands, so that no phrase is formed across it.
    static func words(_ text: String) -> [String?] {
        var words: [String?] = []
        var current = ""
        func flush() {
            let word = current.trimmingEdges("'’-")
            current = ""
            guard !word.isEmpty else { return }
            let meaningful = word.count >= 3 && word.count <= 30 && word.contains(where: \.isLetter) && !KeywordStopwords.all.contains(word)
            words.append(meaningful ? word : nil)
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || (!current.isEmpty && "'’-".contains(character)) {
                current.append(character == "’" ? "'" : character)
            } else {
                flush()
                // Punctuation ends a phrase as a stopword does.
                if !character.isWhitespace, let last = words.last, last != nil { words.append(nil) }
            }
        }
        flush()
        return words
    }
}

extension String {
    /// The text without any of `set`'s characters at either end.
    fileprivate func trimmingEdges(_ set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
