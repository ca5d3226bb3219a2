import Foundation
import PulseCore
import Testing

@testable import PulseIntegrations

/// The pure parts of the OpenAI generator: the schema and its validator, reading an answer, the
/// settings' URL and cost arithmetic, and the request body.
@Suite struct ContentPlanSchemaTests {
    static func plan(_ count: Int, mutate: (inout [String: JSONValue], Int) -> Void = { _, _ in }) -> JSONValue {
        .object([
            "posts": .array(
                (0..<count).map { index in
                    var post: [String: JSONValue] = [
                        "type": "POST", "title": .string("Title \(index)"),
                        "caption": .string("Caption number \(index) talks about topic \(index * 7) in its own words."),
                        "hashtags": .array(["Bakery", .string("Topic\(index)")]),
                    ]
                    mutate(&post, index)
                    return .object(post)
                }
            )
        ])
    }

    static func violations(_ plan: JSONValue, count: Int = 3) -> [String] {
        ContentPlanSchema.violations(of: plan, against: ContentPlanSchema.schema(postCount: count))
    }

    @Test func aConformingPlanHasNoViolations() {
        #expect(Self.violations(Self.plan(3)) == [])
    }

    @Test func theCountIsExact() {
        #expect(Self.violations(Self.plan(2)) == ["$.posts: expected at least 3 items, got 2"])
        #expect(Self.violations(Self.plan(4)) == ["$.posts: expected at most 3 items, got 4"])
    }

    @Test func requiredAndExtraPropertiesAreChecked() {
        let missing = Self.plan(3) { post, index in if index == 1 { post["caption"] = nil } }
        #expect(Self.violations(missing) == ["$.posts[1]: missing required property 'caption'"])
        let extra = Self.plan(3) { post, index in if index == 2 { post["mood"] = "happy" } }
        #expect(Self.violations(extra) == ["$.posts[2]: unexpected property 'mood'"])
        #expect(Self.violations(.object(["posts": .array([]), "note": "x"]), count: 0) == ["$: unexpected property 'note'"])
        #expect(Self.violations(.object([:]), count: 0) == ["$: missing required property 'posts'"])
    }

    @Test func typesAndEnumsAreChecked() {
        let badType = Self.plan(3) { post, index in if index == 0 { post["type"] = "STORY" } }
        #expect(Self.violations(badType) == ["$.posts[0].type: must be one of POST, PROMO"])
        let numberTitle = Self.plan(3) { post, index in if index == 0 { post["title"] = 5 } }
        #expect(Self.violations(numberTitle) == ["$.posts[0].title: expected string, got number"])
        let tagObject = Self.plan(3) { post, index in if index == 1 { post["hashtags"] = .array(["ok", .object([:])]) } }
        #expect(Self.violations(tagObject) == ["$.posts[1].hashtags[1]: expected string, got object"])
        #expect(Self.violations(.array([])) == ["$: expected object, got array"])
        #expect(Self.violations(.null) == ["$: expected object, got null"])
    }

    /// Strict mode wants every object closed and every property required.
    @Test func theSchemaIsStrictModeShaped() throws {
        func check(_ schema: JSONValue) {
            guard case .object(let rules) = schema else { return }
            if rules["type"] == "object", case .object(let properties)? = rules["properties"] {
                #expect(rules["additionalProperties"] == .bool(false))
                #expect(Set((rules["required"]?.arrayValue ?? []).compactMap(\.stringValue)) == Set(properties.keys))
                properties.values.forEach(check)
            }
            if let items = rules["items"] { check(items) }
        }
        let schema = ContentPlanSchema.schema(postCount: 12)
        check(schema)
        let json = String(decoding: try JSONEncoder().encode(schema), as: UTF8.self)
        #expect(json.contains(#""minItems":12"#) && json.contains(#""maxItems":12"#))
    }

    static func request(count: Int = 3) -> GenerationRequest {
        GenerationRequest(
            accountName: "Crumb", month: YearMonth(year: 2026, month: 5)!, focus: .education, tone: .neutral, promoEnabled: false,
            promoDetails: nil, notes: nil, platformTargets: [.instagram], brand: nil, postCount: count, promoCount: 0, seed: 1
        )
    }

    static func completion(content: String?, refusal: String? = nil, finishReason: String = "stop") throws -> ChatCompletionResponse {
        let message: [String: Any] = ["role": "assistant", "content": content ?? NSNull(), "refusal": refusal ?? NSNull()]
        let body: [String: Any] = [
            "id": "chatcmpl-1", "choices": [["index": 0, "message": message, "finish_reason": finishReason]],
            "usage": ["prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30],
        ]
        return try JSONDecoder().decode(ChatCompletionResponse.self, from: JSONSerialization.data(withJSONObject: body))
    }

    static func text(_ plan: JSONValue) throws -> String {
        String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
    }

    @Test func anAnswerIsReadIntoPosts() throws {
        let plan = Self.plan(3) { post, index in if index == 0 { post["hashtags"] = .array([" #Bakery ", "Bread"]) } }
        let fenced = "```json\n" + (try Self.text(plan)) + "\n```"
        let posts = try OpenAIAnswer.posts(from: Self.completion(content: fenced), for: Self.request()).get()
        #expect(posts.count == 3)
        #expect(posts[0].hashtags == ["Bakery", "Bread"])
        #expect(posts.allSatisfy { $0.platformTargets == [.instagram] && $0.type == .post })
    }

    @Test func unusableAnswersSayWhy() throws {
        func reason(_ completion: ChatCompletionResponse, count: Int = 3) -> String? {
            if case .failure(let problem) = OpenAIAnswer.posts(from: completion, for: Self.request(count: count)) { return problem.reason }
            return nil
        }
        let good = try Self.text(Self.plan(3))
        #expect(reason(try Self.completion(content: nil, refusal: "I can't help with that."))?.contains("refused") == true)
        #expect(reason(try Self.completion(content: good, finishReason: "length"))?.contains("cut off") == true)
        #expect(reason(try Self.completion(content: good, finishReason: "content_filter"))?.contains("content filter") == true)
        #expect(reason(try Self.completion(content: String(good.prefix(40))))?.contains("not valid JSON") == true)
        #expect(reason(try Self.completion(content: good), count: 4)?.contains("does not match the schema") == true)
        let twins = try Self.text(Self.plan(3) { post, _ in post["caption"] = "The very same caption." })
        #expect(reason(try Self.completion(content: twins))?.contains("breaks the rules") == true)
    }

    @Test func theCompletionsURLToleratesSlashesAndV1() {
        for base in ["http://h:1", "http://h:1/", "http://h:1/v1", "http://h:1/v1/", " http://h:1 "] {
            #expect(OpenAIGeneratorSettings(baseURL: base).completionsURL == "http://h:1/v1/chat/completions")
        }
        #expect(OpenAIGeneratorSettings(baseURL: "https://proxy.example/openai").completionsURL == "https://proxy.example/openai/v1/chat/completions")
    }

    @Test func costsAreMicroDollarsRoundedUp() {
        let settings = OpenAIGeneratorSettings(baseURL: "http://h")
        #expect(settings.costMicros(promptTokens: 2_000, completionTokens: 0) == 300)
        #expect(settings.costMicros(promptTokens: 1_000_000, completionTokens: 1_000_000) == 750_000)
        #expect(settings.costMicros(promptTokens: 1, completionTokens: 1) == 1)
        #expect(settings.costMicros(promptTokens: 0, completionTokens: 0) == 0)
        #expect(!"\(settings)".contains("sk-"))
        #expect(!"\(OpenAIGeneratorSettings(baseURL: "http://h", apiKey: "sk-secret"))".contains("sk-secret"))
    }

    @Test func theEstimateCoversPromptAndWholeAllowance() throws {
        let generator = OpenAIGenerator(
            httpClient: .shared, settings: OpenAIGeneratorSettings(baseURL: "http://h"), logger: .init(label: "test")
        )
        // 4,000 bytes ≈ 1,000 prompt tokens × 0.15 + 8 × 400 completion tokens × 0.60.
        #expect(generator.estimatedMicros(bodyBytes: 4_000, postCount: 8) == 150 + 1_920)
    }

    @Test func theRequestBodyIsStableAndStrict() throws {
        let settings = OpenAIGeneratorSettings(baseURL: "http://h", model: "gpt-test")
        let first = try ContentPlanPrompt.body(for: Self.request(), settings: settings, previousProblem: nil)
        #expect(first == (try ContentPlanPrompt.body(for: Self.request(), settings: settings, previousProblem: nil)))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(first)) as? [String: Any])
        #expect(body["model"] as? String == "gpt-test")
        #expect(body["max_completion_tokens"] as? Int == 1_200)
        let format = try #require(body["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")
        let schema = try #require(format["json_schema"] as? [String: Any])
        #expect(schema["name"] as? String == "content_plan" && schema["strict"] as? Bool == true)
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user"])
        let retry = try ContentPlanPrompt.body(for: Self.request(), settings: settings, previousProblem: "the answer is not valid JSON")
        let retryMessages = try #require((try JSONSerialization.jsonObject(with: Data(retry)) as? [String: Any])?["messages"] as? [[String: Any]])
        #expect(retryMessages.count == 3)
        #expect((retryMessages.last?["content"] as? String)?.contains("not valid JSON") == true)
    }
}
