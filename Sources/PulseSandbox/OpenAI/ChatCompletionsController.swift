import Crypto
import Foundation
import Hummingbird
import PulseCore

/// `POST /v1/chat/completions`, an OpenAI-compatible stub that "writes" the requested number of
/// posts with the built-in generator. The answer is seeded from the request body, so the same
/// request gets the same plan; faults come from `OpenAIStubStore`.
struct ChatCompletionsController {
    let store: OpenAIStubStore

    func addRoutes(to group: RouterGroup<SandboxRequestContext>) {
        group.post("chat/completions", use: self.complete)
    }

    @Sendable func complete(_ request: Request, context: SandboxRequestContext) async throws -> Response {
        let body = Array(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        let answer = await self.store.admit(authorization: request.headers[.authorization])
        if let latency = await self.store.faults.latencyMs, latency > 0 {
            try await Task.sleep(for: .milliseconds(latency))
        }
        if case .status(let status) = answer {
            return Self.error(status: status, authorization: request.headers[.authorization])
        }
        guard let chat = try? JSONDecoder().decode(StubChatRequest.self, from: Data(body)) else {
            return Self.error(status: 400, message: "We could not parse the JSON body of your request.")
        }
        guard let count = chat.postCount else {
            return Self.error(
                status: 400, message: "The sandbox needs response_format.json_schema.schema.properties.posts.minItems to know how many posts to write."
            )
        }
        let posts = BuiltInGenerator().draft(Self.generationRequest(chat.brief, count: count, seed: Self.seed(body)))
        let plan = StubContentPlan(posts: posts.map { .init(type: $0.type.rawValue, title: $0.title, caption: $0.caption, hashtags: $0.hashtags) })
        let json = String(decoding: SandboxJSON.encode(plan), as: UTF8.self)
        let message: StubChatCompletion.Message
        var finishReason = "stop"
        switch answer {
        case .invalidJSON:
            message = .init(content: "Here are your posts:\n" + json.prefix(json.count / 3), refusal: nil)
        case .cutOff:
            message = .init(content: String(json.prefix(json.count / 2)), refusal: nil)
            finishReason = "length"
        case .refusal:
            message = .init(content: nil, refusal: "I'm sorry, but I can't help with that request.")
        case .normal, .status:
            message = .init(content: json, refusal: nil)
        }
        let completion = StubChatCompletion(
            id: "chatcmpl-" + RandomIdentifier.alphanumeric(24),
            created: Int(Date().timeIntervalSince1970),
            model: chat.model ?? "gpt-4o-mini",
            choices: [.init(index: 0, message: message, finishReason: finishReason)],
            usage: .init(promptTokens: (body.count + 3) / 4, completionTokens: ((message.content ?? message.refusal ?? "").count + 3) / 4)
        )
        return SandboxJSON.response(completion)
    }

    /// What the built-in generator is asked for: the brief from the prompt where there is one,
    /// otherwise a plain month of posts for a sandbox business.
    static func generationRequest(_ brief: StubBrief?, count: Int, seed: UInt64) -> GenerationRequest {
        let business = brief?.business
        let promoEnabled = brief?.promotion?.enabled ?? false
        let platforms = (brief?.platforms ?? []).compactMap(SocialPlatform.init(rawValue:))
        return GenerationRequest(
            accountName: business?.name ?? "Sandbox Business",
            month: brief?.month.flatMap { YearMonth($0) } ?? YearMonth(utc: Date()),
            focus: brief?.focus.flatMap(BriefFocus.init(rawValue:)) ?? .newClients,
            tone: brief?.tone.flatMap(BriefTone.init(rawValue:)) ?? .neutral,
            promoEnabled: promoEnabled,
            promoDetails: brief?.promotion?.details,
            notes: brief?.notes,
            platformTargets: platforms.isEmpty ? [.facebook, .instagram] : platforms,
            brand: business.map {
                BrandProfile(
                    name: $0.name, tagline: $0.tagline, description: $0.description, headings: $0.headings ?? [],
                    serviceKeywords: $0.services ?? []
                )
            },
            postCount: count,
            promoCount: promoEnabled ? min(brief?.promotion?.promoPosts ?? 0, count) : 0,
            seed: seed,
            existingTitles: brief?.existingTitles ?? []
        )
    }

    /// A stable seed from the request body (SHA-256, whose first 8 bytes are as good as any).
    static func seed(_ body: [UInt8]) -> UInt64 {
        SHA256.hash(data: body).prefix(8).reduce(0) { ($0 << 8) | UInt64($1) }
    }

    /// An error in OpenAI's shape for a status fault. Like some real servers, a 401 or 403 echoes
    /// the key it was sent, so clients can be tested for keeping keys out of their errors.
    static func error(status: Int, authorization: String?) -> Response {
        let token = authorization.map { String($0.dropFirst("Bearer ".count)) } ?? "none"
        let message: String
        switch status {
        case 401, 403: message = "Incorrect API key provided: \(token)."
        case 429: message = "Rate limit reached for requests (sandbox fault)."
        case 500...: message = "The server had an error while processing your request (sandbox fault)."
        default: message = "Invalid request (sandbox fault) for API key \(token)."
        }
        return Self.error(status: status, message: message)
    }

    static func error(status: Int, message: String) -> Response {
        let type = switch status {
        case 429: "requests"
        case 500...: "server_error"
        default: "invalid_request_error"
        }
        let code: String? = status == 401 ? "invalid_api_key" : status == 429 ? "rate_limit_exceeded" : nil
        var response = SandboxJSON.response(
            StubChatError(error: .init(message: message, type: type, code: code)), status: HTTPResponse.Status(code: status)
        )
        if status == 429 { response.headers[.retryAfter] = "1" }
        return response
    }
}
