import Foundation
import PulseCore

/// Reads a successful chat completion as the month's plan, or says why it cannot be used.
enum OpenAIAnswer {
    /// Why an answer cannot be used; the reason goes into the retry prompt and the final error.
    struct Problem: Error, Equatable {
        let reason: String
    }

    /// The posts in `completion`, checked against the schema and the batch rules for `request`.
    static func posts(from completion: ChatCompletionResponse, for request: GenerationRequest) -> Result<[GeneratedPost], Problem> {
        guard let choice = completion.choices?.first, let message = choice.message else {
            return .failure(Problem(reason: "the answer has no message"))
        }
        if let refusal = message.refusal?.trimmingWhitespace(), !refusal.isEmpty {
            return .failure(Problem(reason: "the model refused: \(refusal.prefix(200))"))
        }
        switch choice.finishReason {
        case "length":
            return .failure(Problem(reason: "the answer was cut off at the token limit (finish_reason length)"))
        case "content_filter":
            return .failure(Problem(reason: "the answer was withheld by the content filter"))
        default:
            break
        }
        let content = Self.unfenced(message.content ?? "")
        guard !content.isEmpty else { return .failure(Problem(reason: "the answer is empty")) }
        guard let plan = try? JSONDecoder().decode(JSONValue.self, from: Data(content.utf8)) else {
            return .failure(Problem(reason: "the answer is not valid JSON"))
        }
        let violations = ContentPlanSchema.violations(of: plan, against: ContentPlanSchema.schema(postCount: request.postCount))
        guard violations.isEmpty else {
            return .failure(Problem(reason: "the answer does not match the schema: " + violations.prefix(3).joined(separator: "; ")))
        }
        let posts = ContentPlanSchema.posts(from: plan, platformTargets: request.platformTargets)
        let issues = GeneratedBatch.issues(posts, for: request)
        guard issues.isEmpty else {
            return .failure(Problem(reason: "the plan breaks the rules: " + issues.prefix(3).joined(separator: "; ")))
        }
        return .success(posts)
    }

    /// The content without a Markdown code fence around it: servers without strict mode often
    /// wrap JSON in one even when told not to.
    static func unfenced(_ content: String) -> String {
        let text = content.trimmingWhitespace()
        guard text.hasPrefix("```"), text.hasSuffix("```"), text.count >= 6 else { return text }
        let inner = text.dropFirst(3).dropLast(3)
        // The opening fence may name a language (```json); the JSON starts on the next line.
        let body = inner.firstIndex(of: "\n").map { inner[inner.index(after: $0)...] } ?? inner
        return body.trimmingWhitespace()
    }
}
