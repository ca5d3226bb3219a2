import PulseCore

/// Splits a migration file into statements, because PostgresNIO speaks only the extended query
/// protocol, which takes one statement at a time.
///
/// Splits on `;` outside of string literals (`'…'` with `''` escapes, `E'…'` with backslash
/// escapes), quoted identifiers (`"…"`), dollar-quoted bodies (`$$…$$`, `$tag$…$tag$`), line
/// comments (`-- …`) and block comments (`/* … */`, nested). Statements that hold only comments
/// and white space are dropped. Not understood: SQL-standard `BEGIN ATOMIC … END` function
/// bodies; write function bodies dollar-quoted (`AS $$ … $$`) in migrations.
public enum SQLStatements {
    public static func split(_ sql: String) -> [String] {
        let characters = Array(sql.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var hasCode = false
        var index = 0

        func take(_ count: Int) {
            current.append(contentsOf: characters[index..<min(index + count, characters.count)])
            index += count
        }

        while index < characters.count {
            let character = characters[index]
            let next: Unicode.Scalar? = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "-" where next == "-":
                while index < characters.count, characters[index] != "\n" { take(1) }
            case "/" where next == "*":
                var depth = 0
                repeat {
                    if characters[index] == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                        depth += 1
                        take(2)
                    } else if characters[index] == "*", index + 1 < characters.count, characters[index + 1] == "/" {
                        depth -= 1
                        take(2)
                    } else {
                        take(1)
                    }
                } while depth > 0 && index < characters.count
            case "'":
                // E'…' only when the E stands alone: in `date'…'` or `LIKE'…'` it is part of a word.
                let backslashEscapes = index > 0 && (characters[index - 1] == "E" || characters[index - 1] == "e")
                    && (index < 2 || !Self.isIdentifierCharacter(characters[index - 2]))
                hasCode = true
                take(1)
                while index < characters.count {
                    if backslashEscapes, characters[index] == "\\" {
                        take(2)
                    } else if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" {
                            take(2)
                        } else {
                            take(1)
                            break
                        }
                    } else {
                        take(1)
                    }
                }
            case "\"":
                hasCode = true
                take(1)
                while index < characters.count, characters[index] != "\"" { take(1) }
                take(1)
            case "$":
                hasCode = true
                // `a$b$` is an identifier, not a dollar quote: a quote never follows a word character.
                let inWord = index > 0 && Self.isIdentifierCharacter(characters[index - 1])
                if !inWord, let tag = Self.dollarTag(characters, at: index) {
                    take(tag.count)
                    while index < characters.count, !Self.matches(characters, at: index, tag) { take(1) }
                    take(tag.count)
                } else {
                    take(1)
                }
            case ";":
                if hasCode {
                    statements.append(String(current).trimmingWhitespace())
                }
                current = String.UnicodeScalarView()
                hasCode = false
                index += 1
            default:
                if !character.properties.isWhitespace { hasCode = true }
                take(1)
            }
        }
        if hasCode {
            statements.append(String(current).trimmingWhitespace())
        }
        return statements
    }

    /// `$$` or `$tag$` starting at `index`, if one does (a tag is letters, digits, `_`, not starting with a digit).
    private static func dollarTag(_ characters: [Unicode.Scalar], at index: Int) -> [Unicode.Scalar]? {
        var end = index + 1
        while end < characters.count, characters[end] != "$" {
            let scalar = characters[end]
            let isTagCharacter = scalar == "_" || scalar.properties.isAlphabetic || (end > index + 1 && ("0"..."9").contains(scalar))
            guard isTagCharacter else { return nil }
            end += 1
        }
        guard end < characters.count else { return nil }
        return Array(characters[index...end])
    }

    private static func isIdentifierCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "$" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    private static func matches(_ characters: [Unicode.Scalar], at index: Int, _ tag: [Unicode.Scalar]) -> Bool {
        guard index + tag.count <= characters.count else { return false }
        return Array(characters[index..<index + tag.count]) == tag
    }
}
