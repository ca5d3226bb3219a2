import PulseCore

/// The shape of the answer (`content_plan`), sent as the response format's JSON schema, and a
/// validator for exactly the part of JSON Schema that schema uses: `type` (object, array,
/// string), `enum`, `properties`, `required`, `additionalProperties: false`, `items`,
/// `minItems` and `maxItems`. Other keywords are not emitted and are ignored.
///
/// Strict mode should make a conforming answer certain, but compatible servers do not all honour
/// it, so every answer is checked again here.
enum ContentPlanSchema {
    static let name = "content_plan"

    /// `{posts: [{type: POST|PROMO, title, caption, hashtags: [string]}]}` with exactly
    /// `postCount` posts; every object closed and every property required, as strict mode demands.
    static func schema(postCount: Int) -> JSONValue {
        let post: JSONValue = .object([
            "type": "object",
            "properties": .object([
                "type": .object(["type": "string", "enum": .array(ContentType.allCases.map { .string($0.rawValue) })]),
                "title": .object(["type": "string"]),
                "caption": .object(["type": "string"]),
                "hashtags": .object(["type": "array", "items": .object(["type": "string"])]),
            ]),
            "required": .array(["type", "title", "caption", "hashtags"]),
            "additionalProperties": false,
        ])
        return .object([
            "type": "object",
            "properties": .object([
                "posts": .object([
                    "type": "array", "items": post, "minItems": .number(Double(postCount)), "maxItems": .number(Double(postCount)),
                ])
            ]),
            "required": .array(["posts"]),
            "additionalProperties": false,
        ])
    }

    /// Where `value` breaks `schema`, one `path: problem` line each (empty when it conforms).
    static func violations(of value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let rules) = schema else { return [] }
        if let expected = rules["type"]?.stringValue, !Self.value(value, hasType: expected) {
            return ["\(path): expected \(expected), got \(Self.typeName(value))"]
        }
        var problems: [String] = []
        if let allowed = rules["enum"]?.arrayValue, !allowed.contains(value) {
            problems.append("\(path): must be one of \(allowed.compactMap(\.stringValue).joined(separator: ", "))")
        }
        switch value {
        case .object(let members):
            problems += Self.objectViolations(members, rules: rules, at: path)
        case .array(let elements):
            if let minimum = rules["minItems"]?.numberValue, Double(elements.count) < minimum {
                problems.append("\(path): expected at least \(Int(minimum)) items, got \(elements.count)")
            }
            if let maximum = rules["maxItems"]?.numberValue, Double(elements.count) > maximum {
                problems.append("\(path): expected at most \(Int(maximum)) items, got \(elements.count)")
            }
            if let items = rules["items"] {
                for (index, element) in elements.enumerated() {
                    problems += Self.violations(of: element, against: items, at: "\(path)[\(index)]")
                }
            }
        default:
            break
        }
        return problems
    }

    /// The posts of an answer that conforms to `schema(postCount:)`, aimed at `platformTargets`.
    /// Surrounding white space and leading `#`s are dropped, since models add them often and they
    /// change nothing the owner would see.
    static func posts(from value: JSONValue, platformTargets: [SocialPlatform]) -> [GeneratedPost] {
        guard case .object(let plan) = value, let posts = plan["posts"]?.arrayValue else { return [] }
        return posts.compactMap { post in
            guard case .object(let fields) = post,
                let type = fields["type"]?.stringValue.flatMap(ContentType.init(rawValue:)),
                let title = fields["title"]?.stringValue, let caption = fields["caption"]?.stringValue
            else { return nil }
            let hashtags = (fields["hashtags"]?.arrayValue ?? []).compactMap(\.stringValue).map { tag in
                String(tag.trimmingWhitespace().drop(while: { $0 == "#" }))
            }
            return GeneratedPost(
                type: type, title: title.trimmingWhitespace(), caption: caption.trimmingWhitespace(), hashtags: hashtags,
                platformTargets: platformTargets
            )
        }
    }

    private static func objectViolations(_ members: [String: JSONValue], rules: [String: JSONValue], at path: String) -> [String] {
        var problems: [String] = []
        let properties: [String: JSONValue]
        if case .object(let declared) = rules["properties"] { properties = declared } else { properties = [:] }
        for name in (rules["required"]?.arrayValue ?? []).compactMap(\.stringValue) where members[name] == nil {
            problems.append("\(path): missing required property '\(name)'")
        }
        if rules["additionalProperties"] == .bool(false) {
            for name in members.keys.sorted() where properties[name] == nil {
                problems.append("\(path): unexpected property '\(String(name.prefix(40)))'")
            }
        }
        for name in properties.keys.sorted() {
            if let member = members[name], let rule = properties[name] {
                problems += Self.violations(of: member, against: rule, at: "\(path).\(name)")
            }
        }
        return problems
    }

    private static func value(_ value: JSONValue, hasType type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string): true
        default: false
        }
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
