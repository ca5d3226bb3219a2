import PulseCore

/// The chat completions request, as specs/openai.md describes it.
struct ChatCompletionRequest: Encodable, Sendable {
    struct Message: Encodable, Sendable {
        let role: String
        let content: String
    }

    struct ResponseFormat: Encodable, Sendable {
        struct JSONSchema: Encodable, Sendable {
            let name: String
            let strict: Bool
            let schema: JSONValue
        }

        let type: String
        let jsonSchema: JSONSchema

        enum CodingKeys: String, CodingKey {
            case type
            case jsonSchema = "json_schema"
        }
    }

    let model: String
    let messages: [Message]
    let responseFormat: ResponseFormat
    let maxCompletionTokens: Int

    enum CodingKeys: String, CodingKey {
        case model, messages
        case responseFormat = "response_format"
        case maxCompletionTokens = "max_completion_tokens"
    }
}

/// The answer. Every field is optional: compatible servers leave out what they do not track,
/// and a missing field must read as "not valid output", never as a decoding crash.
struct ChatCompletionResponse: Decodable, Sendable {
    struct Choice: Decodable, Sendable {
        struct Message: Decodable, Sendable {
            let content: String?
            let refusal: String?
        }

        let message: Message?
        let finishReason: String?

        enum CodingKeys: String, CodingKey {
            case message
            case finishReason = "finish_reason"
        }
    }

    struct Usage: Decodable, Sendable {
        let promptTokens: Int?
        let completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    let id: String?
    let choices: [Choice]?
    let usage: Usage?
}

/// `{"error": {"message", "type", "code"}}`, OpenAI's error body.
struct ChatCompletionErrorBody: Decodable, Sendable {
    struct Detail: Decodable, Sendable {
        let message: String?
        let type: String?
    }

    let error: Detail?
}

/// What the user prompt tells the model about the month: the brief, the brand and the counts.
/// Sent as JSON inside the prompt, which models read reliably and the sandbox can parse back.
struct ContentPlanBrief: Encodable, Sendable {
    struct Business: Encodable, Sendable {
        let name: String
        let tagline: String?
        let description: String?
        let services: [String]
        let headings: [String]
    }

    struct Promotion: Encodable, Sendable {
        let enabled: Bool
        let details: String?
        let promoPosts: Int
    }

    let business: Business
    let month: String
    let monthName: String
    let focus: String
    let tone: String
    let promotion: Promotion
    let notes: String?
    let postCount: Int
    let platforms: [String]
    let maxCaptionLengthWithHashtags: Int
    let existingTitles: [String]
    /// Varies the model's answer between regenerations of the same brief.
    let variation: UInt64
}
