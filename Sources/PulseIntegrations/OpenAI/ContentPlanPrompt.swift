import Foundation
import PulseCore

/// The messages that ask a model for a month's plan: a system prompt with the role and the
/// rules, and the brief as JSON. A retry adds what was wrong with the previous answer.
enum ContentPlanPrompt {
    /// The request body for `request`, encoded with sorted keys so the same request always gives
    /// the same bytes (the sandbox seeds its answer from them).
    static func body(for request: GenerationRequest, settings: OpenAIGeneratorSettings, previousProblem: String?) throws -> [UInt8] {
        var messages = [
            ChatCompletionRequest.Message(role: "system", content: Self.system(for: request)),
            ChatCompletionRequest.Message(role: "user", content: "Draft the posts for this brief:\n" + (try Self.briefJSON(request))),
        ]
        if let previousProblem {
            messages.append(
                ChatCompletionRequest.Message(
                    role: "user",
                    content: "Your previous answer could not be used: \(previousProblem). Write the whole plan again, following every rule."
                )
            )
        }
        let body = ChatCompletionRequest(
            model: settings.model,
            messages: messages,
            responseFormat: .init(
                type: "json_schema",
                jsonSchema: .init(name: ContentPlanSchema.name, strict: true, schema: ContentPlanSchema.schema(postCount: request.postCount))
            ),
            maxCompletionTokens: max(request.postCount, 1) * max(settings.maxCompletionTokensPerPost, 1)
        )
        return Array(try Self.encoder.encode(body))
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func system(for request: GenerationRequest) -> String {
        let promos = request.promoEnabled ? request.promoCount : 0
        let promoRule = promos > 0
            ? "Exactly \(promos) of them have type PROMO and present the promotion in the brief; the others have type POST and do not advertise it. Spread the PROMO posts through the plan."
            : "All of them have type POST; there is no promotion this month."
        return """
            You are the social media copywriter for a small business. You write one month of its \
            Facebook and Instagram posts in natural, friendly English that sounds like the business itself.

            Rules:
            - Write exactly \(request.postCount) posts. \(promoRule)
            - Each post takes a different angle; no two captions may open the same way or say nearly the same thing.
            - Titles are short internal labels of at most \(PostText.maxTitleLength) characters, all different, \
            and never equal to one of the brief's existingTitles.
            - A caption with its hashtags appended (each with a leading #, separated by spaces) must fit in \
            maxCaptionLengthWithHashtags characters.
            - Hashtags: 3 to 10 per post, letters, digits and underscores only, written WITHOUT the leading #.
            - No personal data: no names of customers or staff, no phone numbers, email or street addresses.
            - No guarantees, no promises of results, no medical, legal or financial claims.
            - Do not invent facts the brief does not give (prices, awards, opening hours, staff).
            - Tone: NEUTRAL is friendly and plain; EDUCATIONAL teaches something useful; PROMOTIONAL invites the reader to act.
            - Focus: NEW_CLIENTS wins first-time customers; EDUCATION teaches about what the business does; \
            COMMUNITY is about customers, neighbours and local life; SEASONAL is about the month itself; \
            PRODUCT presents the business's offerings one at a time.
            - The business may be in either hemisphere: name the month, but never its season or weather.
            - The owner's notes are guidance for you; mention them only where they make sense to customers.
            - Answer with JSON only, matching the content_plan schema. No Markdown, no commentary.
            """
    }

    private static func briefJSON(_ request: GenerationRequest) throws -> String {
        let brand = request.brand
        let name = brand?.name.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 } ?? request.accountName
        let brief = ContentPlanBrief(
            business: .init(
                name: name, tagline: brand?.tagline, description: brand?.description,
                services: Array((brand?.serviceKeywords ?? []).prefix(12)), headings: Array((brand?.headings ?? []).prefix(12))
            ),
            month: request.month.description,
            monthName: request.month.monthName,
            focus: request.focus.rawValue,
            tone: request.tone.rawValue,
            promotion: .init(
                enabled: request.promoEnabled, details: request.promoEnabled ? request.promoDetails : nil,
                promoPosts: request.promoEnabled ? request.promoCount : 0
            ),
            notes: request.notes,
            postCount: request.postCount,
            platforms: request.platformTargets.map(\.rawValue),
            maxCaptionLengthWithHashtags: PostText.maxLength(on: request.platformTargets),
            existingTitles: request.existingTitles,
            variation: request.seed
        )
        return String(decoding: try Self.encoder.encode(brief), as: UTF8.self)
    }
}
