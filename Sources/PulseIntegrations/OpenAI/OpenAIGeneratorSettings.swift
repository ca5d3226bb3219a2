import PulseCore

/// Where an OpenAI-compatible chat completions server is (OpenAI itself, or Ollama, llama.cpp
/// server, vLLM, the sandbox), which model to ask, and what its tokens cost for the spend ledger.
public struct OpenAIGeneratorSettings: Sendable, CustomStringConvertible {
    /// The server without the `/v1/...` path, e.g. `https://api.openai.com`; a trailing slash or
    /// `/v1` is tolerated, since many local servers document their base URL with it.
    public var baseURL: String
    /// Sent as `Authorization: Bearer …` when set; local servers often need none.
    public var apiKey: String?
    /// The model name sent with every request and written to the ledger.
    public var model: String
    /// US dollars per million prompt tokens.
    public var inputPricePerMillionTokensUSD: Double
    /// US dollars per million completion tokens.
    public var outputPricePerMillionTokensUSD: Double
    /// The whole exchange, from connecting to the last byte of the answer, must fit in this.
    public var timeout: Duration
    /// How many completion tokens one post may take: the output side of the budget estimate, and
    /// (times the post count) the cap sent as `max_completion_tokens`.
    public var maxCompletionTokensPerPost: Int

    /// Defaults: `gpt-4o-mini` at its list prices (0.15 and 0.60 USD per million tokens), 60 s,
    /// 400 completion tokens a post.
    public init(
        baseURL: String, apiKey: String? = nil, model: String = "gpt-4o-mini", inputPricePerMillionTokensUSD: Double = 0.15,
        outputPricePerMillionTokensUSD: Double = 0.60, timeout: Duration = .seconds(60), maxCompletionTokensPerPost: Int = 400
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.model = model
        self.inputPricePerMillionTokensUSD = inputPricePerMillionTokensUSD
        self.outputPricePerMillionTokensUSD = outputPricePerMillionTokensUSD
        self.timeout = timeout
        self.maxCompletionTokensPerPost = maxCompletionTokensPerPost
    }

    /// `{baseURL}/v1/chat/completions`, with exactly one slash and one `/v1` between them.
    var completionsURL: String {
        var base = self.baseURL.trimmingWhitespace().trimmingSuffix("/")
        if base.hasSuffix("/v1") { base.removeLast(3) }
        return base + "/v1/chat/completions"
    }

    /// Micro-dollars for the given tokens: a price per million tokens in dollars is exactly the
    /// price per token in micro-dollars. Rounded up, so the ledger never under-counts.
    func costMicros(promptTokens: Int, completionTokens: Int) -> Int64 {
        let micros = Double(max(promptTokens, 0)) * self.inputPricePerMillionTokensUSD
            + Double(max(completionTokens, 0)) * self.outputPricePerMillionTokensUSD
        guard micros.isFinite, micros > 0 else { return 0 }
        // Snap away floating-point noise first (2,000 × 0.15 is 300.00000000000006), then round up.
        let snapped = (micros * 1_000_000).rounded() / 1_000_000
        return snapped >= Double(Int64.max) ? Int64.max : Int64(snapped.rounded(.up))
    }

    /// The settings without the key, which must never reach a log line through interpolation.
    public var description: String {
        "OpenAIGeneratorSettings(baseURL: \(self.baseURL), apiKey: \(self.apiKey == nil ? "nil" : "<redacted>"), model: \(self.model))"
    }
}
