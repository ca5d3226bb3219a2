import AsyncHTTPClient
import Foundation
import Logging
import PulseCore
import PulseIntegrations

/// Which generators a worker has: the built-in one always, the OpenAI-compatible one when
/// `OPENAI_BASE_URL` is set.
enum ContentGenerators {
    /// The AI generator and the HTTP client it owns (shut down with the worker), nil when none is configured.
    static func ai(configuration: PulseConfiguration, logger: Logger) -> (generator: any ContentGenerator, http: HTTPClient)? {
        guard let baseURL = configuration.openAIBaseURL else { return nil }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let settings = OpenAIGeneratorSettings(
            baseURL: baseURL, apiKey: configuration.openAIAPIKey?.value, model: configuration.openAIModel ?? "gpt-4o-mini",
            inputPricePerMillionTokensUSD: configuration.content.openAIInputPricePerMillion,
            outputPricePerMillionTokensUSD: configuration.content.openAIOutputPricePerMillion
        )
        return (OpenAIGenerator(httpClient: http, settings: settings, logger: logger), http)
    }
}
