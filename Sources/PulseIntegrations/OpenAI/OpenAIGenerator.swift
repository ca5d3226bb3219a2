import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PulseCore

/// The AI generator: asks an OpenAI-compatible chat completions server (specs/openai.md) for the
/// month's plan as JSON under a strict schema, and checks the answer against that schema and
/// `GeneratedBatch.issues` before anything becomes a draft.
///
/// Every call is authorised by the meter first (with an estimate) and recorded after whenever the
/// server answered (with the usage it reports). An unusable answer gets one more call; servers
/// that are down or busy get none here, since the job layer retries whole jobs.
public struct OpenAIGenerator: ContentGenerator {
    /// The ledger's provider name.
    public let provider = "openai"
    let http: HTTPClient
    let settings: OpenAIGeneratorSettings
    let logger: Logger

    /// Most bytes read from an answer; a plan of 16 posts is a few tens of kilobytes.
    static let maxAnswerBytes = 1 << 20
    /// Calls per batch: the first, and one retry when its answer is unusable.
    static let attempts = 2

    /// `httpClient` belongs to the caller, who shuts it down; `logger` gets one line per call.
    public init(httpClient: HTTPClient, settings: OpenAIGeneratorSettings, logger: Logger) {
        self.http = httpClient
        self.settings = settings
        self.logger = logger
    }

    /// The plan for `request`, from at most two calls. Throws the meter's refusal unchanged,
    /// `.unavailable` when the server could not be reached or failed (408, 429, 5xx, timeout),
    /// `.rejected` for other refusals, and `.invalidOutput` when both answers were unusable.
    public func generate(_ request: GenerationRequest, meter: any GenerationMeter) async throws -> [GeneratedPost] {
        var problem: String?
        for attempt in 1...Self.attempts {
            let body: [UInt8]
            do {
                body = try ContentPlanPrompt.body(for: request, settings: self.settings, previousProblem: problem)
            } catch {
                throw GenerationError.rejected("the request could not be encoded")
            }
            try await meter.authorize(provider: self.provider, estimatedMicros: self.estimatedMicros(bodyBytes: body.count, postCount: request.postCount))
            let started = ContinuousClock.now
            let answer: Answer
            do {
                answer = try await self.exchange(body)
            } catch let error as GenerationError {
                // No answer, but the request may have reached the server and be billed: the
                // ledger gets the prompt's estimate, so every call leaves a row.
                let call = self.call(promptTokens: Self.estimatedTokens(characters: body.count), completionTokens: 0, requestID: nil, succeeded: false)
                try await meter.record(call)
                throw error
            }
            let (call, result) = self.outcome(of: answer, bodyBytes: body.count, for: request)
            try await meter.record(call)
            self.log(call, status: answer.status, attempt: attempt, result: result, duration: ContinuousClock.now - started)
            switch result {
            case .success(let posts):
                return posts
            case .failure(.invalidOutput(let reason)):
                problem = reason
            case .failure(let error):
                throw error
            }
        }
        throw GenerationError.invalidOutput(problem ?? "no usable answer")
    }

    /// The most a call may cost, for the meter: the prompt at four characters a token (the body
    /// as sent, schema included) plus every post using its whole completion allowance.
    func estimatedMicros(bodyBytes: Int, postCount: Int) -> Int64 {
        self.settings.costMicros(
            promptTokens: Self.estimatedTokens(characters: bodyBytes),
            completionTokens: max(postCount, 1) * max(self.settings.maxCompletionTokensPerPost, 1)
        )
    }

    /// Roughly how many tokens English text of `characters` characters is.
    static func estimatedTokens(characters: Int) -> Int {
        (max(characters, 0) + 3) / 4
    }

    // MARK: the exchange

    /// What the server answered. `body` is nil when the answer was larger than `maxAnswerBytes`.
    struct Answer: Sendable {
        let status: Int
        let requestID: String?
        let body: ByteBuffer?
    }

    /// Sends `body` and reads the answer, all within `settings.timeout`. Throws `.unavailable`
    /// when no answer came (refused connection, timeout, broken connection).
    private func exchange(_ body: [UInt8]) async throws -> Answer {
        var request = HTTPClientRequest(url: self.settings.completionsURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let key = self.settings.apiKey, !key.isEmpty {
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let timeout = self.settings.timeout
        do {
            // AsyncHTTPClient's own timeout ends when the response head arrives; the outer limit
            // also covers a body that stalls.
            return try await Deadline.within(timeout) { [http, request] in
                let response = try await http.execute(request, timeout: .nanoseconds(timeout.wholeNanoseconds))
                let requestID = response.headers.first(name: "x-request-id")
                do {
                    let bytes = try await response.body.collect(upTo: Self.maxAnswerBytes)
                    return Answer(status: Int(response.status.code), requestID: requestID, body: bytes)
                } catch is NIOTooManyBytesError {
                    return Answer(status: Int(response.status.code), requestID: requestID, body: nil)
                }
            }
        } catch {
            if Task.isCancelled { throw CancellationError() }
            if let error = error as? HTTPClientError, error == .deadlineExceeded {
                throw GenerationError.unavailable("openai: no answer within \(Int(timeout.seconds.rounded(.up))) s")
            }
            throw GenerationError.unavailable("openai: could not reach the server (\(self.redacted(String(describing: error), limit: 200)))")
        }
    }

    /// The ledger row and the result for one answer.
    private func outcome(of answer: Answer, bodyBytes: Int, for request: GenerationRequest) -> (GeneratorCall, Result<[GeneratedPost], GenerationError>) {
        guard let body = answer.body else {
            // Too large to read: assume the whole completion allowance was used.
            let call = self.call(
                promptTokens: Self.estimatedTokens(characters: bodyBytes),
                completionTokens: max(request.postCount, 1) * self.settings.maxCompletionTokensPerPost,
                requestID: answer.requestID, succeeded: false
            )
            return (call, .failure(.invalidOutput("the answer was larger than \(Self.maxAnswerBytes / 1024) KB")))
        }
        let data = Data(body.readableBytesView)
        guard (200..<300).contains(answer.status) else {
            let call = self.call(promptTokens: 0, completionTokens: 0, requestID: answer.requestID, succeeded: false)
            return (call, .failure(self.failure(status: answer.status, body: data)))
        }
        guard let completion = try? JSONDecoder().decode(ChatCompletionResponse.self, from: data) else {
            let call = self.call(
                promptTokens: Self.estimatedTokens(characters: bodyBytes), completionTokens: Self.estimatedTokens(characters: data.count),
                requestID: answer.requestID, succeeded: false
            )
            return (call, .failure(.invalidOutput("the answer is not a chat completion")))
        }
        // Servers that report no usage are charged by the four-characters-a-token estimate, so
        // the ledger never records a free call that was not.
        let content = completion.choices?.first?.message?.content ?? ""
        let promptTokens = completion.usage?.promptTokens ?? Self.estimatedTokens(characters: bodyBytes)
        let completionTokens = completion.usage?.completionTokens ?? Self.estimatedTokens(characters: content.count)
        let result = OpenAIAnswer.posts(from: completion, for: request).mapError { GenerationError.invalidOutput($0.reason) }
        let succeeded = (try? result.get()) != nil
        let call = self.call(
            promptTokens: promptTokens, completionTokens: completionTokens, requestID: completion.id ?? answer.requestID, succeeded: succeeded
        )
        return (call, result)
    }

    private func call(promptTokens: Int, completionTokens: Int, requestID: String?, succeeded: Bool) -> GeneratorCall {
        GeneratorCall(
            provider: self.provider, model: self.settings.model, promptTokens: promptTokens, completionTokens: completionTokens,
            units: promptTokens + completionTokens,
            costMicros: self.settings.costMicros(promptTokens: promptTokens, completionTokens: completionTokens),
            requestID: requestID, succeeded: succeeded
        )
    }

    /// 408, 429 and 5xx are worth trying again later; any other refusal is not.
    private func failure(status: Int, body: Data) -> GenerationError {
        let errorBody = try? JSONDecoder().decode(ChatCompletionErrorBody.self, from: body)
        let message = errorBody?.error?.message ?? String(decoding: body.prefix(300), as: UTF8.self)
        let text = "openai answered \(status): \(self.redacted(message, limit: 300))"
        return status == 408 || status == 429 || status >= 500 ? .unavailable(text) : .rejected(text)
    }

    /// `text` without the API key, nor anything that looks like one (servers echo keys back in
    /// "incorrect API key" messages), cut to `limit` characters.
    private func redacted(_ text: String, limit: Int) -> String {
        var text = text
        if let key = self.settings.apiKey, !key.isEmpty {
            text = text.replacingOccurrences(of: key, with: "<redacted>")
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.hasPrefix("sk-") && word.count > 6 ? "sk-<redacted>" : String(word)
        }
        return String(words.joined(separator: " ").prefix(limit))
    }

    private func log(_ call: GeneratorCall, status: Int, attempt: Int, result: Result<[GeneratedPost], GenerationError>, duration: Duration) {
        var metadata: Logger.Metadata = [
            "provider": "\(self.provider)", "model": "\(call.model)", "status": "\(status)", "attempt": "\(attempt)",
            "prompt_tokens": "\(call.promptTokens)", "completion_tokens": "\(call.completionTokens)",
            "cost_micros": "\(call.costMicros)", "duration_ms": "\(duration / .milliseconds(1))",
        ]
        switch result {
        case .success:
            self.logger.info("openai call succeeded", metadata: metadata)
        case .failure(let error):
            metadata["failure"] = "\(error)"
            self.logger.warning("openai call failed", metadata: metadata)
        }
    }
}
