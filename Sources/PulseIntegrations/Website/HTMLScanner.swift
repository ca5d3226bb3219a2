/// One piece of an HTML document, as `HTMLScanner` finds it.
enum HTMLToken: Equatable {
    /// `<name attribute=value …>`; names lower-cased, values decoded; the first of a repeated
    /// attribute wins, as in browsers.
    case startTag(name: String, attributes: [String: String], selfClosing: Bool)
    /// `</name>`.
    case endTag(name: String)
    /// Text between tags, with character references decoded.
    case text(String)
    /// The whole content of an element whose content is not markup: `script`, `style`,
    /// `noscript`, `template` and the like as written, `title` and `textarea` decoded. Its end
    /// tag follows as an `endTag`.
    case rawText(element: String, content: String)
}

/// A small, forgiving HTML tokenizer: it never fails, whatever it is given. Unclosed tags,
/// unquoted attributes, stray `<`, comments, doctypes and unterminated constructs all come out
/// as something sensible, and `<script>`/`<style>` content is never read as markup. It does not
/// build a tree; callers track the few elements they care about.
struct HTMLScanner {
    /// Elements whose content runs to their end tag without markup.
    static let rawTextElements: Set<String> = ["script", "style", "noscript", "template", "xmp", "iframe", "noembed", "title", "textarea"]

    private let bytes: [UInt8]
    private var index = 0

    /// A scanner over the first `limit` bytes of `html` (so a huge page costs bounded work).
    init(_ html: String, limit: Int = 3 * 1024 * 1024) {
        self.bytes = Array(html.utf8.prefix(limit))
    }

    /// Every token of the document, in order.
    mutating func tokens() -> [HTMLToken] {
        var tokens: [HTMLToken] = []
        while let token = self.next() { tokens.append(token) }
        return tokens
    }

    /// The next token, or nil at the end.
    mutating func next() -> HTMLToken? {
        while self.index < self.bytes.count {
            guard self.bytes[self.index] == UInt8(ascii: "<") else { return self.text() }
            let start = self.index
            if self.starts(with: "<!--", at: start) {
                let end = self.find("-->", from: start + 2)
                self.index = end.map { $0 + 3 } ?? self.bytes.count
            } else if self.starts(with: "<!", at: start) || self.starts(with: "<?", at: start) {
                self.index = (self.find(">", from: start) ?? self.bytes.count - 1) + 1
            } else if self.starts(with: "</", at: start) {
                guard start + 2 < self.bytes.count, Self.isLetter(self.bytes[start + 2]) else {
                    // `</>` or `</ ` is not an end tag: browsers drop it as a comment.
                    self.index = (self.find(">", from: start) ?? self.bytes.count - 1) + 1
                    continue
                }
                self.index = start + 2
                let name = self.tagName()
                self.index = (self.find(">", from: self.index) ?? self.bytes.count - 1) + 1
                return .endTag(name: name)
            } else if start + 1 < self.bytes.count, Self.isLetter(self.bytes[start + 1]) {
                return self.startTag()
            } else {
                return self.text()
            }
        }
        return nil
    }

    /// Text up to the next `<` that could start markup (a lone `<` stays text).
    private mutating func text() -> HTMLToken {
        let start = self.index
        self.index += 1
        while self.index < self.bytes.count, self.bytes[self.index] != UInt8(ascii: "<") { self.index += 1 }
        return .text(HTMLEntities.decode(self.bytes[start..<self.index]))
    }

    private mutating func startTag() -> HTMLToken {
        self.index += 1
        let name = self.tagName()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            if byte == UInt8(ascii: ">") {
                self.index += 1
                break
            }
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") {
                selfClosing = byte == UInt8(ascii: "/")
                self.index += 1
                continue
            }
            selfClosing = false
            let (attribute, value) = self.attribute()
            if attributes[attribute] == nil { attributes[attribute] = value }
        }
        if Self.rawTextElements.contains(name), !selfClosing {
            let contentStart = self.index
            let contentEnd = self.findEndTag(name, from: contentStart) ?? self.bytes.count
            self.index = contentEnd
            let content = self.bytes[contentStart..<contentEnd]
            let decoded = name == "title" || name == "textarea"
            return .rawText(element: name, content: decoded ? HTMLEntities.decode(content) : String(decoding: content, as: UTF8.self))
        }
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// One `name`, `name=value`, `name="value"` or `name='value'`; an unclosed quote runs to the end.
    private mutating func attribute() -> (String, String) {
        let nameStart = self.index
        self.index += 1
        while self.index < self.bytes.count, !Self.isSpace(self.bytes[self.index]),
            ![UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "/")].contains(self.bytes[self.index])
        {
            self.index += 1
        }
        let name = String(decoding: self.bytes[nameStart..<self.index], as: UTF8.self).lowercased()
        self.skipSpaces()
        guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "=") else { return (name, "") }
        self.index += 1
        self.skipSpaces()
        guard self.index < self.bytes.count else { return (name, "") }
        let quote = self.bytes[self.index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let valueStart = self.index + 1
            let valueEnd = self.find(quote, from: valueStart) ?? self.bytes.count
            self.index = min(valueEnd + 1, self.bytes.count)
            return (name, HTMLEntities.decode(self.bytes[valueStart..<valueEnd]))
        }
        let valueStart = self.index
        while self.index < self.bytes.count, !Self.isSpace(self.bytes[self.index]), self.bytes[self.index] != UInt8(ascii: ">") {
            self.index += 1
        }
        return (name, HTMLEntities.decode(self.bytes[valueStart..<self.index]))
    }

    /// Letters, digits and `-`/`:` after `<` or `</`, lower-cased.
    private mutating func tagName() -> String {
        let start = self.index
        while self.index < self.bytes.count, !Self.isSpace(self.bytes[self.index]),
            self.bytes[self.index] != UInt8(ascii: ">"), self.bytes[self.index] != UInt8(ascii: "/")
        {
            self.index += 1
        }
        return String(decoding: self.bytes[start..<self.index], as: UTF8.self).lowercased()
    }

    private mutating func skipSpaces() {
        while self.index < self.bytes.count, Self.isSpace(self.bytes[self.index]) { self.index += 1 }
    }

    /// Where `</name` followed by a space, `/` or `>` starts, in any letter case.
    private func findEndTag(_ name: String, from start: Int) -> Int? {
        let pattern = Array("</\(name)".utf8)
        var position = start
        while let candidate = self.find(pattern, from: position, caseInsensitive: true) {
            let after = candidate + pattern.count
            if after >= self.bytes.count || Self.isSpace(self.bytes[after]) || self.bytes[after] == UInt8(ascii: ">")
                || self.bytes[after] == UInt8(ascii: "/")
            {
                return candidate
            }
            position = candidate + 1
        }
        return nil
    }

    private func starts(with prefix: String, at position: Int) -> Bool {
        let prefix = Array(prefix.utf8)
        return position + prefix.count <= self.bytes.count && self.bytes[position..<(position + prefix.count)].elementsEqual(prefix)
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        self.find(Array(needle.utf8), from: start, caseInsensitive: false)
    }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        guard start < self.bytes.count else { return nil }
        return self.bytes[start...].firstIndex(of: byte)
    }

    private func find(_ needle: [UInt8], from start: Int, caseInsensitive: Bool) -> Int? {
        guard let first = needle.first, needle.count <= self.bytes.count else { return nil }
        var position = max(start, 0)
        while position + needle.count <= self.bytes.count {
            guard let candidate = self.find(first, from: position), candidate + needle.count <= self.bytes.count else { return nil }
            let matches = (0..<needle.count).allSatisfy { offset in
                let byte = self.bytes[candidate + offset]
                return caseInsensitive && Self.isLetter(byte) ? byte | 0x20 == needle[offset] | 0x20 : byte == needle[offset]
            }
            if matches { return candidate }
            position = candidate + 1
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
}
