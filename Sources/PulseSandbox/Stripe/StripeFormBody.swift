import Foundation

/// A Stripe request body: `application/x-www-form-urlencoded` with bracket nesting
/// (`line_items[0][price]=price_1`, `metadata[account_id]=…`), names and values percent-decoded
/// with `+` as a space. A list is a hash whose keys are indices; `name[]` appends.
struct StripeFormBody: Sendable, Equatable {
    /// One parameter: text, or named parameters nested under it.
    indirect enum Value: Sendable, Equatable {
        case text(String)
        case fields([String: Value])
    }

    /// The top-level parameters.
    let fields: [String: Value]

    init(fields: [String: Value]) {
        self.fields = fields
    }

    /// Parses `body`; throws a 400 naming the parameter whose name or encoding is malformed.
    init(parsing body: String) throws(StripeStubError) {
        var fields: [String: Value] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw .invalidRequest("Invalid percent-encoding in the request body.", param: String(parts[0]))
            }
            guard let path = Self.path(name) else {
                throw .invalidRequest("Invalid parameter name: \(name).", param: name)
            }
            guard let merged = Self.insert(value, at: path[...], into: .fields(fields)), case .fields(let updated) = merged else {
                throw .invalidRequest("Parameter \(name) is given both as a value and as a hash.", param: name)
            }
            fields = updated
        }
        self.fields = fields
    }

    /// The text parameter `name`; nil when absent or empty, a 400 when it is a hash.
    func string(_ name: String) throws(StripeStubError) -> String? {
        switch self.fields[name] {
        case nil: return nil
        case .text(let text): return text.isEmpty ? nil : text
        case .fields: throw .invalidRequest("Invalid string: \(name) must be a string, not a hash.", param: name)
        }
    }

    /// The hash `name` of text values (`metadata[key]=value`); empty when absent.
    func hash(_ name: String) throws(StripeStubError) -> [String: String] {
        guard let value = self.fields[name] else { return [:] }
        guard case .fields(let entries) = value else {
            // `metadata=` (empty) is how Stripe clients clear a hash.
            if case .text("") = value { return [:] }
            throw .invalidRequest("Invalid hash: \(name) must be a hash.", param: name)
        }
        var hash: [String: String] = [:]
        for (key, entry) in entries {
            guard case .text(let text) = entry else {
                throw .invalidRequest("Invalid hash: \(name)[\(key)] must be a string.", param: "\(name)[\(key)]")
            }
            hash[key] = text
        }
        return hash
    }

    /// The list `name` (`name[0][…]`, `name[1][…]`), each entry as a body of its own, in index order.
    func list(_ name: String) throws(StripeStubError) -> [StripeFormBody] {
        guard let value = self.fields[name] else { return [] }
        guard case .fields(let entries) = value else { throw .invalidRequest("Invalid array: \(name) must be an array.", param: name) }
        var items: [(index: Int, body: StripeFormBody)] = []
        for (key, entry) in entries {
            guard let index = Int(key), index >= 0, case .fields(let nested) = entry else {
                throw .invalidRequest("Invalid array: \(name)[\(key)] must be an indexed hash.", param: "\(name)[\(key)]")
            }
            items.append((index, StripeFormBody(fields: nested)))
        }
        return items.sorted { $0.index < $1.index }.map(\.body)
    }

    /// The texts of the list `name` (`name[0]=a`, `name[]=b`), in index order.
    func strings(_ name: String) -> [String] {
        guard case .fields(let entries)? = self.fields[name] else { return [] }
        return entries.compactMap { key, value -> (Int, String)? in
            guard let index = Int(key), case .text(let text) = value else { return nil }
            return (index, text)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Throws `parameter_unknown` for the first parameter not in `allowed`, as Stripe does, so a
    /// client that misspells a parameter finds out here rather than in production. `prefix`
    /// names a nested body in the error (`line_items[0]`).
    func requireOnly(_ allowed: Set<String>, prefix: String = "") throws(StripeStubError) {
        if let unknown = self.fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            let param = prefix.isEmpty ? unknown : "\(prefix)[\(unknown)]"
            throw StripeStubError(.badRequest, code: "parameter_unknown", "Received unknown parameter: \(param)", param: param)
        }
    }

    /// `+` as a space, then percent-decoding; nil for a malformed escape.
    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// `a[b][0]` → `["a", "b", "0"]`, `a[]` → `["a", ""]`; nil for unbalanced brackets.
    private static func path(_ name: String) -> [String]? {
        guard let open = name.firstIndex(of: "[") else { return name.isEmpty ? nil : [name] }
        var path = [String(name[..<open])]
        var rest = name[open...]
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
            path.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return path[0].isEmpty ? nil : path
    }

    /// `node` with `value` stored at `path`; nil when the path runs through text.
    private static func insert(_ value: String, at path: ArraySlice<String>, into node: Value) -> Value? {
        guard let head = path.first else {
            if case .fields = node { return nil }
            return .text(value)
        }
        guard case .fields(var fields) = node else { return nil }
        // An empty segment (`name[]`) appends after the entries so far.
        let key = head.isEmpty ? String(fields.count) : head
        let child = fields[key] ?? (path.count > 1 ? .fields([:]) : .text(""))
        guard let updated = Self.insert(value, at: path.dropFirst(), into: child) else { return nil }
        fields[key] = updated
        return .fields(fields)
    }
}
