import Foundation
import PulseCore

/// The parts of a chat completions request the stub reads. Everything is optional, so that any
/// well-formed request gets an answer and a missing part gets a clear 400.
struct StubChatRequest: Decodable, Sendable {
    struct Message: Decodable, Sendable {
        let role: String?
        let content: String?
    }

    struct ResponseFormat: Decodable, Sendable {
        struct JSONSchema: Decodable, Sendable {
            let schema: JSONValue?
        }

        let jsonSchema: JSONSchema?

        enum CodingKeys: String, CodingKey {
            case jsonSchema = "json_schema"
        }
    }

    let model: String?
    let messages: [Message]?
    let responseFormat: ResponseFormat?

    enum CodingKeys: String, CodingKey {
        case model, messages
        case responseFormat = "response_format"
    }

    /// `response_format.json_schema.schema.properties.posts.minItems`: how many posts to write.
    var postCount: Int? {
        guard case .object(let schema)? = self.responseFormat?.jsonSchema?.schema,
            case .object(let properties)? = schema["properties"],
            case .object(let posts)? = properties["posts"],
            let count = posts["minItems"]?.numberValue, count >= 0, count <= 100
        else { return nil }
        return Int(count)
    }

    /// The brief PulseWorks puts in its user prompt as JSON, when a user message holds one.
    var brief: StubBrief? {
        for message in self.messages ?? [] where message.role == "user" {
            guard let content = message.content, let start = content.firstIndex(of: "{") else { continue }
            if let brief = try? JSONDecoder().decode(StubBrief.self, from: Data(content[start...].utf8)) {
                return brief
            }
        }
        return nil
    }
}

/// The brief as PulseWorks's OpenAI generator writes it into the prompt; every field optional.
struct StubBrief: Decodable, Sendable {
    struct Business: Decodable, Sendable {
        let name: String?
        let tagline: String?
        let description: String?
        let services: [String]?
        let headings: [String]?
    }

    struct Promotion: Decodable, Sendable {
        let enabled: Bool?
        let details: String?
        let promoPosts: Int?
    }

    let business: Business?
    let month: String?
    let focus: String?
    let tone: String?
    let promotion: Promotion?
    let notes: String?
    let platforms: [String]?
    let existingTitles: [String]?
}

/// The answer in OpenAI's shape. `content` and `refusal` are written as null when absent, as
/// OpenAI does.
struct StubChatCompletion: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        let index: Int
        let message: Message
        let finishReason: String

        enum CodingKeys: String, CodingKey {
            case index, message
            case finishReason = "finish_reason"
        }
    }

    struct Message: Encodable, Sendable {
        let content: String?
        let refusal: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("assistant", forKey: .role)
            try container.encode(self.content, forKey: .content)
            try container.encode(self.refusal, forKey: .refusal)
        }

        private enum CodingKeys: String, CodingKey { case role, content, refusal }
    }

    struct Usage: Encodable, Sendable {
        let promptTokens: Int
        let completionTokens: Int

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.promptTokens, forKey: .promptTokens)
            try container.encode(self.completionTokens, forKey: .completionTokens)
            try container.encode(self.promptTokens + self.completionTokens, forKey: .totalTokens)
        }

        private enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case totalTokens = "total_tokens"
        }
    }

    let id: String
    let object = "chat.completion"
    let created: Int
    let model: String
    let choices: [Choice]
    let usage: Usage
}

/// `{"posts": [{type, title, caption, hashtags}]}`, the content the stub's model "writes".
struct StubContentPlan: Encodable, Sendable {
    struct Post: Encodable, Sendable {
        let type: String
        let title: String
        let caption: String
        let hashtags: [String]
    }

    let posts: [Post]
}

/// `{"error": {"message", "type", "param", "code"}}`, OpenAI's error body.
struct StubChatError: Encodable, Sendable {
    struct Detail: Encodable, Sendable {
        let message: String
        let type: String
        let code: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.message, forKey: .message)
            try container.encode(self.type, forKey: .type)
            try container.encodeNil(forKey: .param)
            try container.encode(self.code, forKey: .code)
        }

        private enum CodingKeys: String, CodingKey { case message, type, param, code }
    }

    let error: Detail
}
