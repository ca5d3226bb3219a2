extension StringProtocol {
    /// The text with runs of white space (non-breaking spaces included) collapsed to one space,
    /// trimmed, and cut to at most `limit` characters, without splitting a character.
    func collapsingWhitespace(limit: Int) -> String {
        var output = ""
        var pendingSpace = false
        var count = 0
        for character in self {
            if character.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                guard count + 1 < limit else { break }
                output.append(" ")
                count += 1
                pendingSpace = false
            }
            guard count < limit else { break }
            output.append(character)
            count += 1
        }
        return output
    }
}
